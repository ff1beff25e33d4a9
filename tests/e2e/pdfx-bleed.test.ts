/**
 * Blocks that touch the trim extend into the bleed in the print variants: a
 * page whose type area starts at the trim's top-left corner holds a photo in
 * that corner, a red solid label and a black rule at the left edge, and a
 * story at the left edge. Exported as PDF/X-4 CMYK by the built CLI and
 * rendered to separations by Ghostscript, the bleed beside the photo, the
 * label and the rule carries their ink; beside the story it stays blank.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import type { GridBox } from '../../shared/page/geometry';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { schema } from '../../shared/model/schema';
import { settingsFromPreset } from '../../shared/page/settings';
import { PX_PER_MM } from '../../shared/page/units';
import type { Separations } from '../electron/pdf/separations';
import { regionStats, renderSeparations } from '../electron/pdf/separations';
import { jpegAsset } from './support/sample-document';
import { CLI, e2eUnavailable } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-bleed-'));
const settings = { ...settingsFromPreset('duikai'), margins: { top: 0, left: 0 } };
const metrics = gridMetrics(settings);
const BLEED = 3;

const PHOTO: GridBox = { col: 0, line: 0, cols: 3, lines: 30 };
const LABEL: GridBox = { col: 0, line: 40, cols: 2, lines: 3 };
const RULE: GridBox = { col: 0, line: 50, cols: 3, lines: 1 };
const STORY: GridBox = { col: 0, line: 60, cols: 2, lines: 30 };

let sep: Separations;
/** Trim's distance from the MediaBox's top-left, mm. */
let margin = 0;
let exported: { status: number | null; stderr: string } = { status: null, stderr: '' };

/** A block's box in mm from the trim's top-left. */
function mm(box: GridBox) {
  const r = gridBoxRect(metrics, box);
  return { x: r.x / PX_PER_MM, y: r.y / PX_PER_MM, w: r.width / PX_PER_MM, h: r.height / PX_PER_MM };
}
/** Statistics of a strip of the left bleed (1–2.5 mm outside the trim) beside `y`…`y+h` mm. */
const leftBleed = (y: number, h: number) => regionStats(sep, { x: margin - 2.5, y: margin + y, w: 1.5, h });

beforeAll(async () => {
  if (skip) return;
  // A flat mid-blue picture: every pixel inks C and M, none reaches the limit.
  const bytes = await sharp({ create: { width: 1200, height: 1500, channels: 3, background: { r: 40, g: 90, b: 170 } } }).jpeg({ quality: 90 }).toBuffer();
  const asset = await jpegAsset(bytes, 'blue.jpg');
  const { hash, pixelWidth, pixelHeight } = asset.entry;
  const page = schema.node('page', { settings }, [
    schema.node('photo', { id: 'corner-photo', ...PHOTO, asset: hash, pixelWidth, pixelHeight, captionLines: 2 }, [
      schema.node('caption', null, [schema.text('出血测试图片')]),
    ]),
    schema.node('label', { id: 'edge-label', ...LABEL, variant: 'solid', swatch: 'red', sizePt: 16 }, [schema.text('今日视点')]),
    schema.node('rule', { id: 'edge-rule', ...RULE, orientation: 'h', weightPt: 2 }),
    schema.node('story', { id: 'edge-story', ...STORY }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文贴着裁切线，文字不出血。'.repeat(20))])]),
    ]),
  ]);
  const file = join(dir, 'bleed.banmian');
  const written = await writeBanmianFile(file, { pages: [page.toJSON()], assets: [asset] });
  if (!written.ok) throw new Error(written.error.message);
  const out = join(dir, 'bleed.pdf');
  const r = spawnSync(process.execPath, [CLI, 'export', file, '-o', out, '--variant', 'x4-cmyk', '--bleed', String(BLEED), '--force'], { encoding: 'utf8', timeout: 170_000 });
  exported = { status: r.status, stderr: r.stderr };
  if (r.status !== 0) return;
  const trim = /TrimBox:\s+([-\d.]+)/.exec(spawnSync('pdfinfo', ['-box', out], { encoding: 'utf8' }).stdout)!;
  margin = (Number(trim[1]) * 25.4) / 72;
  sep = renderSeparations(readFileSync(out), 150);
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip !== null)(`bleed in the x4 variants${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('exports the page', () => {
    expect(exported.status, exported.stderr).toBe(0);
  });

  it('carries the photo at the trim corner into the bleed, left and top, and only as far as the bleed', () => {
    const p = mm(PHOTO);
    const imageH = p.h - (2 * metrics.linePx) / PX_PER_MM;
    const left = leftBleed(5, imageH - 10);
    expect(left.max[0]).toBeGreaterThan(100);
    // Every pixel of the strip is inked (no white sliver).
    expect(left.minTac).toBeGreaterThan(100);
    const top = regionStats(sep, { x: margin + 5, y: margin - 2.5, w: p.w - 10, h: 1.5 });
    expect(top.minTac).toBeGreaterThan(100);
    // The top-left corner of the bleed is the photo too.
    expect(regionStats(sep, { x: margin - 2.5, y: margin - 2.5, w: 1.5, h: 1.5 }).max[0]).toBeGreaterThan(100);
    // Beyond the bleed box: nothing.
    expect(regionStats(sep, { x: margin - 6, y: margin + 5, w: 2, h: imageH - 10 }).maxTac).toBe(0);
    // The caption under the photo does not bleed: the bleed beside it is blank.
    const captionY = imageH + 1;
    expect(leftBleed(captionY, (2 * metrics.linePx) / PX_PER_MM - 2).maxTac).toBe(0);
  });

  it('carries the solid label’s red into the left bleed as its exact swatch', () => {
    const l = mm(LABEL);
    const s = leftBleed(l.y + 0.5, l.h - 1);
    expect(s.max).toEqual([0, 255, 255, 0]);
  });

  it('carries the rule along its length into the left bleed', () => {
    const r = mm(RULE);
    const s = leftBleed(r.y - 0.5, 2);
    expect(s.max[3]).toBe(255);
  });

  it('leaves the bleed beside a story blank', () => {
    const st = mm(STORY);
    expect(leftBleed(st.y, st.h).maxTac).toBe(0);
  });
});
