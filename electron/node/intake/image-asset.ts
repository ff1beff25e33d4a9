/**
 * A picture from an imported file → a page asset: PNG or JPEG bytes, their
 * SHA-256 (the asset's identity in the page file) and pixel size. Other
 * formats Word embeds (GIF, TIFF, WebP, BMP) are converted to PNG with sharp.
 */
import { createHash } from 'node:crypto';
import type { AssetMime } from '../../../shared/format/manifest';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

export interface ImportedImage {
  /** The src the intake result refers to it by. */
  src: string;
  hash: string;
  mime: AssetMime;
  bytes: Uint8Array;
  pixelWidth: number;
  pixelHeight: number;
}

export async function imageAsset(src: string, bytes: Uint8Array): Promise<Result<ImportedImage>> {
  try {
    // Loaded on first use: text imports never pay for the native library.
    const { default: sharp } = await import('sharp');
    const meta = await sharp(bytes).metadata();
    let data = bytes;
    let mime: AssetMime;
    if (meta.format === 'png') mime = 'image/png';
    else if (meta.format === 'jpeg') mime = 'image/jpeg';
    else {
      data = new Uint8Array(await sharp(bytes).png().toBuffer());
      mime = 'image/png';
    }
    if (!meta.width || !meta.height) return fail('BAD_IMAGE', `picture ${src} has no pixel size`);
    const hash = createHash('sha256').update(data).digest('hex');
    return ok({ src, hash, mime, bytes: data, pixelWidth: meta.width, pixelHeight: meta.height });
  } catch (e) {
    return fail('BAD_IMAGE', `picture ${src} could not be read (${(e as Error).message})`);
  }
}
