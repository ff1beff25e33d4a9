/**
 * Total area coverage of CMYK pixels, averaged over small squares: a single
 * pixel of JPEG ringing is not ink on paper, and plants measure coverage over
 * an area too. The encoder (images.ts) and preflight (inspect-pdf.ts) use the
 * same measure, so what one accepts the other does too.
 */
import { PT_PER_MM } from '../../../shared/page/units';

/** Side of the averaging square on paper, mm. */
export const TAC_AREA_MM = 0.5;

/** Pixels per averaging square for an image `pixelWidth` wide placed `placedWidthPt` wide (≥ 1). */
export function coverageBlock(pixelWidth: number, placedWidthPt: number): number {
  if (!Number.isFinite(placedWidthPt) || placedWidthPt <= 0) return 1;
  const pxMm = placedWidthPt / PT_PER_MM / pixelWidth;
  return Math.max(1, Math.round(TAC_AREA_MM / pxMm));
}

/**
 * Highest mean coverage over `block` × `block` squares of interleaved CMYK
 * bytes, in percent, and the centre of that square (fractions of width and
 * height from the top-left).
 */
export function maxBlockCoverage(data: Uint8Array, width: number, height: number, block: number): { percent: number; x: number; y: number } {
  let best = -1;
  let bx = 0;
  let by = 0;
  for (let y0 = 0; y0 < height; y0 += block) {
    for (let x0 = 0; x0 < width; x0 += block) {
      let sum = 0;
      let n = 0;
      for (let y = y0; y < Math.min(height, y0 + block); y++) {
        let i = (y * width + x0) * 4;
        for (let x = x0; x < Math.min(width, x0 + block); x++, i += 4) {
          sum += data[i]! + data[i + 1]! + data[i + 2]! + data[i + 3]!;
          n++;
        }
      }
      if (sum / n > best) {
        best = sum / n;
        bx = x0 + Math.min(block, width - x0) / 2;
        by = y0 + Math.min(block, height - y0) / 2;
      }
    }
  }
  return { percent: (Math.max(0, best) / 255) * 100, x: bx / width, y: by / height };
}

export type Coverage = ReturnType<typeof maxBlockCoverage>;

/** Coverage of CMYK JPEGs this process made, by their bytes' hash and the block: preflight need not decode them again. */
const known = new Map<string, Coverage>();
const MAX_KNOWN = 256;

/** Remembers the coverage the encoder measured on the decoded `jpegHash` JPEG. */
export function rememberCoverage(jpegHash: string, block: number, coverage: Coverage): void {
  known.set(`${jpegHash}|${block}`, coverage);
  if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
}

/** The coverage measured when this JPEG was encoded, if it was made here; the same measure on the same pixels. */
export function knownCoverage(jpegHash: string, block: number): Coverage | undefined {
  return known.get(`${jpegHash}|${block}`);
}
