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
  /** Pixels with any ink on K. */
  inkedK: number;
  pixels: number;
}

/** Statistics of a rectangle given in mm from the MediaBox's top-left corner. */
export function regionStats(s: Separations, r: { x: number; y: number; w: number; h: number }): RegionStats {
  const px = (mm: number) => Math.round((mm / 25.4) * s.dpi);
  const max: [number, number, number, number] = [0, 0, 0, 0];
  let maxTac = 0;
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
      pixels++;
    }
  }
  return { max, maxTac, inkedK, pixels };
}
