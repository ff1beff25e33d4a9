/**
 * Separated CMYK pixels → the print image's JPEG, within the coverage limit,
 * in two steps so the first can run ahead, while Chromium lays the page out:
 *
 * 1. {@link encodeFirst}: shadows held under the limit, JPEG at the asked
 *    quality, decoded back — nothing here depends on where the image sits;
 * 2. {@link withinCoverage}: the coverage over 0.5 mm squares at the placed
 *    size (known only from the PDF) measured on what was decoded; over the
 *    limit, the image is encoded again at quality 95.
 *
 * JPEG's error can push total ink above what the profile separated
 * (measured per pixel: +1 % on photos, +6 % on noise at quality 85), hence
 * the headroom kept in step 1.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { cmykTiff } from './cmyk-tiff';
import { coverageBlock, maxBlockCoverage, rememberCoverage } from './coverage';

export { DEFAULT_JPEG_QUALITY, DEFAULT_TAC_LIMIT } from './post-process-options';

/** JPEG's error on a photo stays within this many percent of coverage at quality ≥ 85 (measured on the reference page's photos). */
export const JPEG_HEADROOM = 8;

/** Separated pixels: CMYK, 4 bytes a pixel. */
export interface CmykPixels {
  data: Buffer;
  width: number;
  height: number;
}

/** Step 1's result: the clamped pixels, the JPEG made of them and that JPEG decoded. */
export interface FirstEncode {
  pixels: CmykPixels;
  quality: number;
  jpeg: Buffer;
  back: Buffer;
}

/** JPEG of raw CMYK pixels, values unchanged (no trip through sRGB). */
export function cmykJpeg(raw: Buffer, width: number, height: number, quality: number): Promise<Buffer> {
  return sharp(cmykTiff(raw, width, height)).pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality }).toBuffer();
}

function decodeCmyk(jpeg: Buffer): Promise<Buffer> {
  return sharp(jpeg).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
}

/**
 * Lowers cyan, magenta and yellow (never black) of pixels whose coverage is
 * above `maxPct`, in place, so the darkest shadows leave room for JPEG error.
 */
export function clampCoverage(px: Buffer, maxPct: number): number {
  const max = (maxPct / 100) * 255;
  let clamped = 0;
  for (let i = 0; i + 3 < px.length; i += 4) {
    const cmy = px[i]! + px[i + 1]! + px[i + 2]!;
    const k = px[i + 3]!;
    if (cmy + k <= max || cmy === 0) continue;
    const f = Math.max(0, max - k) / cmy;
    px[i] = Math.floor(px[i]! * f);
    px[i + 1] = Math.floor(px[i + 1]! * f);
    px[i + 2] = Math.floor(px[i + 2]! * f);
    clamped++;
  }
  return clamped;
}

/** Step 1: holds the shadows {@link JPEG_HEADROOM} % under `limit` (in place), encodes at `quality`, decodes back. */
export async function encodeFirst(pixels: CmykPixels, quality: number, limit: number): Promise<FirstEncode> {
  clampCoverage(pixels.data, limit - JPEG_HEADROOM);
  const jpeg = await cmykJpeg(pixels.data, pixels.width, pixels.height, quality);
  return { pixels, quality, jpeg, back: await decodeCmyk(jpeg) };
}

/**
 * Step 2: the JPEG to print for an image placed `placedWidthPt` wide — step
 * 1's when its coverage over 0.5 mm squares stays within `limit` (with half
 * the headroom to spare), else the pixels encoded again at quality 95. Each
 * measurement is remembered for preflight (coverage.ts), which then need
 * not decode the JPEG again.
 */
export async function withinCoverage(first: FirstEncode, placedWidthPt: number, limit: number): Promise<Buffer> {
  const { data, width, height } = first.pixels;
  const block = coverageBlock(width, placedWidthPt);
  let jpeg = first.jpeg;
  let back = first.back;
  for (const quality of [first.quality, Math.max(first.quality, 95)]) {
    if (quality !== first.quality || jpeg !== first.jpeg) {
      jpeg = await cmykJpeg(data, width, height, quality);
      back = await decodeCmyk(jpeg);
    }
    const coverage = maxBlockCoverage(back, width, height, block);
    // Keyed by the JPEG's SHA-256, as image-cache.ts's hashBytes (preflight looks it up by that).
    rememberCoverage(createHash('sha256').update(jpeg).digest('hex'), block, coverage);
    if (coverage.percent <= limit - JPEG_HEADROOM / 2) break;
  }
  return jpeg;
}
