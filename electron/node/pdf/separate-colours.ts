/**
 * Separating a photo through the output profile, each distinct colour once.
 *
 * The sRGB → CMYK transform (profile-transform.ts) is costly per pixel (the
 * detour through libvips' CMYK that exports took before decision 0034 was
 * 2–5 s for a 4-megapixel photo on a 2-core machine). It is a point
 * operation — every output pixel depends only on that pixel's 8-bit RGB —
 * and a photo holds far fewer distinct colours than pixels (150–300 k for
 * the reference page's 4-megapixel photos). So the 8-bit sRGB pixels are
 * decoded (cheap), their distinct colours are put through exactly the same
 * sharp pipeline as a small image, and every pixel takes its colour's
 * result. The output is the same, byte for byte (tests/electron/pdf/
 * separate-colours.test.ts compares it with the whole-image pipeline).
 *
 * The distinct colours are found with a presence bitmap over the 2^24 RGB
 * values and a rank per 32-bit word (4 MB in all), not a map per pixel.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { throughOutputProfile } from './profile-transform';

/** Raw pixels of a separation: CMYK, 4 bytes a pixel. */
export interface SeparatedPixels {
  data: Buffer;
  width: number;
  height: number;
}

/** Widest row of the image the distinct colours are converted as. */
const COLOURS_ROW = 4096;

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The whole-image pipeline the result must equal: sRGB (or raw RGB) in, the profile's CMYK out. */
function throughProfile(image: Sharp, profilePath: string): Sharp {
  return throughOutputProfile(image, profilePath);
}

/**
 * Separates interleaved 8-bit sRGB pixels (`channels` ≥ 3; only the first
 * three are read) through `profilePath`, converting each distinct colour once.
 */
export async function separateRgbPixels(rgb: Uint8Array, width: number, height: number, channels: number, profilePath: string): Promise<SeparatedPixels> {
  const pixels = width * height;
  if (rgb.length < pixels * channels || channels < 3) throw new RangeError('separateRgbPixels: too few bytes for the size');
  // Which of the 2^24 colours occur.
  const present = new Uint32Array(1 << 19);
  for (let i = 0, j = 0; i < pixels; i++, j += channels) {
    const k = (rgb[j]! << 16) | (rgb[j + 1]! << 8) | rgb[j + 2]!;
    present[k >>> 5]! |= 1 << (k & 31);
  }
  // Rank of each word's first colour; the distinct colours in order of their value.
  const rank = new Uint32Array(1 << 19);
  let count = 0;
  for (let w = 0; w < present.length; w++) {
    rank[w] = count;
    count += popcount(present[w]!);
  }
  const columns = Math.max(1, Math.min(count, COLOURS_ROW));
  const rows = Math.max(1, Math.ceil(count / columns));
  const colours = Buffer.alloc(columns * rows * 3);
  let n = 0;
  for (let w = 0; w < present.length; w++) {
    let bits = present[w]!;
    while (bits !== 0) {
      const b = 31 - Math.clz32(bits & -bits);
      bits &= bits - 1;
      const k = (w << 5) | b;
      colours[n * 3] = k >>> 16;
      colours[n * 3 + 1] = (k >>> 8) & 255;
      colours[n * 3 + 2] = k & 255;
      n++;
    }
  }
  const converted = await throughProfile(sharp(colours, { raw: { width: columns, height: rows, channels: 3 } }), profilePath).raw().toBuffer({ resolveWithObject: true });
  if (converted.info.channels !== 4) throw new Error(`colour separation gave ${converted.info.channels} channels, not 4`);
  // One 32-bit word per colour, read and written whole.
  const cmyk = new Uint32Array(count);
  new Uint8Array(cmyk.buffer).set(converted.data.subarray(0, count * 4));
  const out = new Uint32Array(pixels);
  for (let i = 0, j = 0; i < pixels; i++, j += channels) {
    const k = (rgb[j]! << 16) | (rgb[j + 1]! << 8) | rgb[j + 2]!;
    const w = k >>> 5;
    out[i] = cmyk[rank[w]! + popcount(present[w]! & ((1 << (k & 31)) - 1))]!;
  }
  return { data: Buffer.from(out.buffer, 0, pixels * 4), width, height };
}

/**
 * Separates what `open()` decodes to (any sharp pipeline reading RGB pixels:
 * a JPEG, raw pixels, resized) through the profile: the same bytes as
 * `throughOutputProfile(open(), profile).raw()`.
 */
export async function separateImage(open: () => Sharp, profilePath: string): Promise<SeparatedPixels> {
  const rgb = await open().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const { width, height, channels } = rgb.info;
  if (channels !== 3) {
    // Not plain RGB (an alpha channel): the whole-image pipeline, as before.
    const out = await throughProfile(open(), profilePath).raw().toBuffer({ resolveWithObject: true });
    return { data: out.data, width: out.info.width, height: out.info.height };
  }
  return separateRgbPixels(rgb.data, width, height, channels, profilePath);
}
