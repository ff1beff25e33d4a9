/**
 * `banmian export --variant …` and `banmian preflight` end to end: the built
 * CLI lays a real page file out in Chromium, preflights it and writes the
 * print PDF, read back with qpdf, poppler and Ghostscript.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../electron/node/chromium/launch';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { PX_PER_MM } from '../../shared/page/units';
import { regionStats, renderSeparations } from '../electron/pdf/separations';
import { writeSampleFile } from './support/sample-document';

const CLI = join(process.cwd(), 'dist/node/cli.mjs');
const ready = existsSync(CLI) && existsSync(join(process.cwd(), 'dist/renderer/index.html')) && findChromium() !== null;
const dir = mkdtempSync(join(tmpdir(), 'bm-pdfx-e2e-'));
let lowRes = '';
let goodRes = '';

function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 170_000 });
}

beforeAll(async () => {
  lowRes = (await writeSampleFile(dir, { name: 'low.banmian', photo: { width: 400, height: 300 } })).path;
  goodRes = (await writeSampleFile(dir, { name: 'good.banmian', photo: { width: 2400, height: 1600 } })).path;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!ready)('pdfx export', () => {
  it('preflight reports a 400 px photo as an error with its ppi and position, overset measured', () => {
    const r = cli(['preflight', lowRes, '--json']);
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { rendered: boolean; oversetMeasured: boolean; findings: { level: string; code: string; blockId?: string; xMm?: number; yMm?: number; message: string }[] };
    expect(report.rendered).toBe(true);
    expect(report.oversetMeasured).toBe(true);
    const f = report.findings.find((x) => x.code === 'image-low-ppi')!;
    expect(f).toMatchObject({ level: 'error', blockId: 'photo1' });
    const s = settingsFromPreset('duikai');
    const m = gridMetrics(s);
    const rect = gridBoxRect(m, { col: 4, line: 0, cols: 4, lines: 30 });
    expect(f.xMm).toBeCloseTo((m.typeLeftPx + rect.x) / PX_PER_MM, 0);
    expect(f.yMm).toBeCloseTo((m.typeTopPx + rect.y) / PX_PER_MM, 0);
    expect(f.message).toMatch(/image resolution is \d\d ppi \(400 × 300 px/);
  });

  it('stops the export on a preflight error and writes nothing, unless forced', () => {
    const out = join(dir, 'low.pdf');
    const stopped = cli(['export', lowRes, '-o', out]);
    expect(stopped.status).toBe(1);
    expect(stopped.stderr).toMatch(/preflight: .*image-low-ppi.*--force/);
    expect(existsSync(out)).toBe(false);
    const forced = cli(['export', lowRes, '-o', out, '--force']);
    expect(forced.status, forced.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it('writes a clean PDF/X-4 CMYK file for a good page: boxes, fonts, no RGB, coverage within 240 %', () => {
    const out = join(dir, 'good.pdf');
    const r = cli(['export', goodRes, '-o', out, '--variant', 'x4-cmyk']);
    expect(r.status, r.stderr).toBe(0);
    expect(spawnSync('qpdf', ['--check', out]).status).toBe(0);

    const info = spawnSync('pdfinfo', ['-box', out], { encoding: 'utf8' }).stdout;
    const box = (name: string) => /^(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm.exec(info.split('\n').find((l) => l.startsWith(name))!)!.slice(2).map(Number);
    const toMm = (pt: number) => (pt * 25.4) / 72;
    const trim = box('TrimBox');
    const bleed = box('BleedBox');
    expect(Math.abs(toMm(trim[2]! - trim[0]!) - 390)).toBeLessThan(0.01);
    expect(Math.abs(toMm(trim[3]! - trim[1]!) - 545)).toBeLessThan(0.01);
    expect(Math.abs(toMm(trim[0]! - bleed[0]!) - 3)).toBeLessThan(0.01);

    const fonts = spawnSync('pdffonts', [out], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes/);

    const qdf = join(dir, 'good-qdf.pdf');
    spawnSync('qpdf', ['--qdf', '--object-streams=disable', out, qdf]);
    const text = readFileSync(qdf).toString('latin1');
    expect(text).not.toMatch(/\/DeviceRGB|\/CalRGB|\/Lab\b/);
    expect(text).not.toMatch(/(^|\n)[-\d. ]+ (rg|RG)\n/);
    expect(text).toContain('/GTS_PDFX');

    const images = spawnSync('pdfimages', ['-list', out], { encoding: 'utf8' }).stdout.split('\n').filter((l) => / image /.test(l));
    expect(images.length).toBe(1);
    expect(images[0]).toMatch(/cmyk\s+4\s+8\s+jpeg/);

    const sep = renderSeparations(readFileSync(out), 50);
    const stats = regionStats(sep, { x: toMm(bleed[0]!), y: toMm(box('MediaBox')[3]! - bleed[3]!), w: toMm(bleed[2]! - bleed[0]!), h: toMm(bleed[3]! - bleed[1]!) });
    expect(stats.maxTac).toBeLessThanOrEqual(240);
    expect(stats.inkedK).toBeGreaterThan(0);
  });
});
