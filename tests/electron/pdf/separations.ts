/**
 * Ghostscript as an independent reader: renders a PDF to CMYK separations
 * (`pamcmyk32`, overprint simulated as on press) and measures regions.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Separations {
  width: number;
  height: number;
  dpi: number;
  /** C, M, Y, K bytes per pixel, rows from the top of the MediaBox. */
  data: Buffer;
}

export function renderSeparations(pdf: Uint8Array, dpi: number): Separations {
  const dir = mkdtempSync(join(tmpdir(), 'bm-sep-'));
  try {
    const file = join(dir, 'in.pdf');
    writeFileSync(file, pdf);
    const out = join(dir, 'out.pam');
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pamcmyk32', `-r${dpi}`, '-dOverprint=/simulate', `-sOutputFile=${out}`, file]);
    const pam = readFileSync(out);
    const end = pam.indexOf('ENDHDR\n') + 7;
    const header = pam.subarray(0, end).toString('latin1');
    const width = Number(/WIDTH (\d+)/.exec(header)![1]);
    const height = Number(/HEIGHT (\d+)/.exec(header)![1]);
    return { width, height, dpi, data: pam.subarray(end) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface RegionStats {
  /** Highest value per plate, 0–255. */
  max: [number, number, number, number];
  /** Highest total area coverage, percent. */
  maxTac: number;
  /**
   * Highest coverage where the black plate is not solid: solid black text and
   * rules overprint colour by design (300 % where a black rule crosses the red
   * masthead), and plants leave overprinting K100 out of the coverage limit.
   */
  maxTacBesideSolidK: number;
  /** Lowest total area coverage, percent (0 where any pixel is blank). */
  minTac: number;
  /** Pixels with any ink on K. */
  inkedK: number;
  pixels: number;
}

/** Statistics of a rectangle given in mm from the MediaBox's top-left corner. */
export function regionStats(s: Separations, r: { x: number; y: number; w: number; h: number }): RegionStats {
  const px = (mm: number) => Math.round((mm / 25.4) * s.dpi);
  const max: [number, number, number, number] = [0, 0, 0, 0];
  let maxTac = 0;
  let minTac = Infinity;
  let maxTacBesideSolidK = 0;
  let inkedK = 0;
  let pixels = 0;
  for (let y = px(r.y); y < Math.min(s.height, px(r.y + r.h)); y++) {
    for (let x = px(r.x); x < Math.min(s.width, px(r.x + r.w)); x++) {
      const i = (y * s.width + x) * 4;
      let sum = 0;
      for (let c = 0; c < 4; c++) {
        const v = s.data[i + c]!;
        if (v > max[c]!) max[c] = v;
        sum += v;
      }
      if (s.data[i + 3]! > 0) inkedK++;
      maxTac = Math.max(maxTac, (sum / 255) * 100);
      minTac = Math.min(minTac, (sum / 255) * 100);
      if (s.data[i + 3]! < 255) maxTacBesideSolidK = Math.max(maxTacBesideSolidK, (sum / 255) * 100);
      pixels++;
    }
  }
  return { max, maxTac, minTac: pixels > 0 ? minTac : 0, maxTacBesideSolidK, inkedK, pixels };
}

/**
 * Highest total area coverage averaged over squares of `areaMm` (as plants
 * measure it: one pixel of JPEG ringing is not an ink film). By default
 * squares that hold solid black are skipped; with `includeSolidK` every
 * square counts, black overprinting colour included (ink on paper is ink on
 * paper, whichever object put it there).
 */
export function maxTacOverArea(s: Separations, r: { x: number; y: number; w: number; h: number }, areaMm: number, includeSolidK = false): number {
  const px = (mm: number) => Math.round((mm / 25.4) * s.dpi);
  const block = Math.max(1, px(areaMm));
  let best = 0;
  for (let y0 = px(r.y); y0 < Math.min(s.height, px(r.y + r.h)); y0 += block) {
    for (let x0 = px(r.x); x0 < Math.min(s.width, px(r.x + r.w)); x0 += block) {
      let sum = 0;
      let n = 0;
      let solidK = false;
      for (let y = y0; y < Math.min(s.height, y0 + block); y++) {
        for (let x = x0; x < Math.min(s.width, x0 + block); x++) {
          const i = (y * s.width + x) * 4;
          if (s.data[i + 3] === 255) solidK = true;
          sum += s.data[i]! + s.data[i + 1]! + s.data[i + 2]! + s.data[i + 3]!;
          n++;
        }
      }
      if ((includeSolidK || !solidK) && n > 0) best = Math.max(best, (sum / n / 255) * 100);
    }
  }
  return best;
}
