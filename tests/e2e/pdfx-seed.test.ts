/**
 * The reference page (fixtures/seed-front-page.banmian, 萧山日报 2022-11-21
 * front page) exported as PDF/X-4 CMYK by the built CLI, read back with
 * qpdf, poppler and Ghostscript separations.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../electron/node/chromium/launch';
import type { GridBox } from '../../shared/page/geometry';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { PX_PER_MM } from '../../shared/page/units';
import type { Separations } from '../electron/pdf/separations';
import { maxTacOverArea, regionStats, renderSeparations } from '../electron/pdf/separations';

const CLI = join(process.cwd(), 'dist/node/cli.mjs');
const SEED = join(process.cwd(), 'fixtures/seed-front-page.banmian');
const ready = existsSync(CLI) && existsSync(SEED) && existsSync(join(process.cwd(), 'dist/renderer/index.html')) && findChromium() !== null;
const dir = mkdtempSync(join(tmpdir(), 'bm-pdfx-seed-'));
const out = join(dir, 'seed.pdf');
let exported: { status: number | null; stderr: string } = { status: null, stderr: '' };
let sep: Separations;
/** Trim's distance from the MediaBox's top-left, mm. */
let margin = 0;

const metrics = gridMetrics(settingsFromPreset('duikai'));
/** A block's grid box in mm from the MediaBox's top-left. */
function blockMm(box: GridBox) {
  const r = gridBoxRect(metrics, box);
  return { x: margin + (metrics.typeLeftPx + r.x) / PX_PER_MM, y: margin + (metrics.typeTopPx + r.y) / PX_PER_MM, w: r.width / PX_PER_MM, h: r.height / PX_PER_MM };
}

beforeAll(() => {
  if (!ready) return;
  const r = spawnSync(process.execPath, [CLI, 'export', SEED, '-o', out, '--variant', 'x4-cmyk'], { encoding: 'utf8', timeout: 170_000 });
  exported = { status: r.status, stderr: r.stderr };
  if (r.status !== 0) return;
  const trim = /TrimBox:\s+([-\d.]+)/.exec(spawnSync('pdfinfo', ['-box', out], { encoding: 'utf8' }).stdout)!;
  margin = (Number(trim[1]) * 25.4) / 72;
  sep = renderSeparations(readFileSync(out), 100);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ready)('reference page as PDF/X-4 CMYK', () => {
  it('exports without preflight errors and passes qpdf --check', () => {
    expect(exported.status, exported.stderr).toBe(0);
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);
  });

  it('has the 对开 paper as TrimBox within 0.01 mm and 3 mm of bleed', () => {
    const info = spawnSync('pdfinfo', ['-box', out], { encoding: 'utf8' }).stdout;
    const box = (name: string) => new RegExp(`${name}:\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)\\s+([-\\d.]+)`).exec(info)!.slice(1).map(Number);
    const mm = (pt: number) => (pt * 25.4) / 72;
    const t = box('TrimBox');
    const b = box('BleedBox');
    expect(Math.abs(mm(t[2]! - t[0]!) - 390)).toBeLessThan(0.01);
    expect(Math.abs(mm(t[3]! - t[1]!) - 545)).toBeLessThan(0.01);
    expect(Math.abs(mm(b[2]! - t[2]!) - 3)).toBeLessThan(0.01);
    expect(Math.abs(mm(t[1]! - b[1]!) - 3)).toBeLessThan(0.01);
  });

  it('embeds every font as a TrueType subset, none Type 3', () => {
    const rows = spawnSync('pdffonts', [out], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes/);
  });

  it('has no RGB, Lab or calibrated colour anywhere, one GTS_PDFX output intent', () => {
    const qdf = join(dir, 'qdf.pdf');
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', out, qdf]);
    const text = readFileSync(qdf).toString('latin1');
    expect(text).not.toMatch(/\/DeviceRGB|\/CalRGB|\/Lab\b/);
    expect(text).not.toMatch(/(^|\n)[-\d. ]+ (rg|RG)\n/);
    expect(text.match(/\/S \/GTS_PDFX/g)?.length).toBe(1);
    expect(text).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
  });

  it('prints the lead story, headline and body, on the black plate only', () => {
    const lead = regionStats(sep, blockMm({ col: 0, line: 12, cols: 8, lines: 20 }));
    expect(lead.inkedK).toBeGreaterThan(lead.pixels * 0.05);
    expect(lead.max.slice(0, 3)).toEqual([0, 0, 0]);
  });

  it('prints the 今日视点 label red as exactly C0 M100 Y100 K0', () => {
    const label = blockMm({ col: 0, line: 90, cols: 3, lines: 3 });
    const corner = regionStats(sep, { x: label.x + 0.3, y: label.y + 0.5, w: 1, h: 1 });
    expect(corner.max).toEqual([0, 255, 255, 0]);
    expect(corner.maxTac).toBe(200);
  });

  it('keeps total area coverage within 240 % over 0.5 mm anywhere inside the bleed, black overprinting colour included', () => {
    const bleed = { x: margin - 3, y: margin - 3, w: 396, h: 551 };
    // Every square of the printed area, as Ghostscript separated it with overprint simulated:
    // where black text or rules overprint a photo or tint, their ink adds up and counts.
    expect(maxTacOverArea(sep, bleed, 0.5, true)).toBeLessThanOrEqual(240);
    const tac = maxTacOverArea(sep, bleed, 0.5);
    expect(tac).toBeLessThanOrEqual(240);
    // The photos are separated with GCR: their shadows come close to the limit.
    expect(tac).toBeGreaterThan(200);
    // Single pixels of JPEG ringing may pass it slightly, never by much.
    expect(regionStats(sep, bleed).maxTacBesideSolidK).toBeLessThan(250);
  });

  it('puts nothing but registration-colour marks and slug outside the bleed', () => {
    // Beyond the bleed box only marks (and the slug line) print, on all four plates alike.
    const { width, height, dpi, data } = sep;
    const px = (mm: number) => Math.round((mm / 25.4) * dpi);
    const [x0, y0, x1, y1] = [px(margin - 3) - 1, px(margin - 3) - 1, px(margin + 393) + 1, px(margin + 548) + 1];
    let inked = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
        const i = (y * width + x) * 4;
        const [c, m, yy, k] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
        if (c + m + yy + k === 0) continue;
        inked++;
        expect([m, yy, k], `pixel ${x},${y}`).toEqual([c, c, c]);
      }
    }
    expect(inked).toBeGreaterThan(100);
  });
});
