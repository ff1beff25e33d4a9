/**
 * Images are converted through the output profile once per image and
 * profile: separating a 4-megapixel photo through lcms takes over a second,
 * and an editor exports the same page again and again.
 *
 * Two caches, both keyed by the SHA-256 of the image's bytes:
 * - conversions: the finished print image (CMYK JPEG, downsampled, within
 *   the coverage limit) by image, profile and every option that decides it,
 *   kept for the life of the process up to {@link MAX_CACHED_BYTES};
 * - separations: a JPEG separated at full size and encoded (cmyk-encode.ts's
 *   first step), started ahead ({@link startSeparation}) while Chromium lays
 *   the page out — Chromium embeds a JPEG's bytes unchanged, so an asset's
 *   hash is its image's hash in the PDF — and taken once by the conversion
 *   that needs it.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import sharp from 'sharp';
import type { FirstEncode } from './cmyk-encode';
import { DEFAULT_JPEG_QUALITY, DEFAULT_TAC_LIMIT, encodeFirst } from './cmyk-encode';
import { separateImage } from './separate-colours';

/** A finished conversion: the image stream's bytes and what its dictionary says. */
export interface ConvertedImage {
  data: Uint8Array;
  width: number;
  height: number;
  space: 'rgb' | 'gray' | 'cmyk';
}

/** Raw pixels of a separation. */
export interface Separated {
  data: Buffer;
  width: number;
  height: number;
}

/** Converted images kept at most, bytes (the oldest go first). */
export const MAX_CACHED_BYTES = 192 * 1024 * 1024;

const conversions = new Map<string, Promise<ConvertedImage | string>>();
const sizes = new Map<string, number>();
let cachedBytes = 0;
const separations = new Map<string, Promise<FirstEncode>>();

export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A profile's identity for cache keys: its path, size and modification time. */
export function profileKey(profilePath: string): string {
  try {
    const s = statSync(profilePath);
    return `${profilePath}:${s.size}:${s.mtimeMs}`;
  } catch {
    return profilePath;
  }
}

function evict(): void {
  for (const [key, bytes] of sizes) {
    if (cachedBytes <= MAX_CACHED_BYTES) return;
    conversions.delete(key);
    sizes.delete(key);
    cachedBytes -= bytes;
  }
}

/**
 * The conversion under `key`, computed by `convert` the first time; a
 * failed conversion is not kept. A string result means "cannot convert, why".
 */
export function cachedConversion(key: string, convert: () => Promise<ConvertedImage | string>): Promise<ConvertedImage | string> {
  const seen = conversions.get(key);
  if (seen) {
    // Most recently used last: eviction takes the oldest.
    conversions.delete(key);
    conversions.set(key, seen);
    return seen;
  }
  const work = convert();
  conversions.set(key, work);
  work.then(
    (done) => {
      if (conversions.get(key) !== work) return;
      const bytes = typeof done === 'string' ? 0 : done.data.byteLength;
      sizes.set(key, bytes);
      cachedBytes += bytes;
      evict();
    },
    () => conversions.delete(key),
  );
  return work;
}

/** The raw CMYK separation of a JPEG at full size, exactly as print conversion makes it. */
export function separateJpeg(jpeg: Uint8Array, profilePath: string): Promise<Separated> {
  return separateImage(() => sharp(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength)), profilePath);
}

const separationKey = (hash: string, profilePath: string, quality: number, limit: number) => `${hash}|${profileKey(profilePath)}|${quality}|${limit}`;

/**
 * Starts separating a JPEG through the profile and encoding it at `quality`
 * within `limit` (cmyk-encode.ts's first step), for a conversion that will
 * ask for it soon ({@link takeSeparation}); does nothing for other images.
 */
export function startSeparation(bytes: Uint8Array, profilePath: string, hash = hashBytes(bytes), quality = DEFAULT_JPEG_QUALITY, limit = DEFAULT_TAC_LIMIT): void {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return;
  const key = separationKey(hash, profilePath, quality, limit);
  if (separations.has(key)) return;
  const work = separateJpeg(bytes, profilePath).then((pixels) => encodeFirst(pixels, quality, limit));
  work.catch(() => undefined);
  separations.set(key, work);
}

/** The work started for these bytes and options, handed over once (it is large); undefined when none was started. */
export function takeSeparation(hash: string, profilePath: string, quality = DEFAULT_JPEG_QUALITY, limit = DEFAULT_TAC_LIMIT): Promise<FirstEncode> | undefined {
  const key = separationKey(hash, profilePath, quality, limit);
  const work = separations.get(key);
  separations.delete(key);
  return work;
}

/** Whether a finished conversion of this image through this profile is cached (any size). */
export function hasConversion(hash: string, profilePath: string): boolean {
  const prefix = `${hash}|${profileKey(profilePath)}|`;
  for (const key of conversions.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

/** Empties both caches (tests). */
export function clearImageCaches(): void {
  conversions.clear();
  sizes.clear();
  cachedBytes = 0;
  separations.clear();
}
