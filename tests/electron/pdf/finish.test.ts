import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { findChromium, launchChromium } from '../../../electron/node/chromium/launch';
import { finishPdf, paperInPoints } from '../../../electron/node/pdf/finish';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { PageSettings } from '../../../shared/page/settings';

const chromiumPath = findChromium();
const dir = mkdtempSync(join(tmpdir(), 'bm-finish-'));

/** A page with a red 10 mm square at the top-left and a blue one at the bottom-right. */
function markedPage(widthMm: number, heightMm: number): string {
  return `<!doctype html><style>@page{size:${widthMm}mm ${heightMm}mm;margin:0}html,body{margin:0}
    div{position:absolute;width:10mm;height:10mm}</style>
    <div style="left:0;top:0;background:#f00"></div>
    <div style="left:${widthMm - 10}mm;top:${heightMm - 10}mm;background:#00f"></div>`;
}

async function printMarked(browser: Browser, widthMm: number, heightMm: number): Promise<Uint8Array> {
  const page = await browser.newPage();
  await page.setContent(markedPage(widthMm, heightMm));
  const pdf = await page.pdf({ width: `${widthMm}mm`, height: `${heightMm}mm`, printBackground: true, preferCSSPageSize: true });
  await page.close();
  return pdf;
}

function boxes(file: string): Record<string, number[]> {
  const out = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
  const result: Record<string, number[]> = {};
  for (const m of out.matchAll(/^(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
    result[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  }
  return result;
}

/**
 * Bounding box, in pixels of a rendering at `pxPerMm`, of the pixels close to
 * `rgb` inside the square of `sizeMm` whose top-left corner is at (`xMm`, `yMm`).
 */
async function colourBox(file: string, region: { xMm: number; yMm: number; sizeMm: number; pxPerMm: number }, rgb: number[]) {
  const { xMm, yMm, sizeMm, pxPerMm } = region;
  const prefix = join(dir, `r${Math.random().toString(36).slice(2)}`);
  const crop = [xMm, yMm, sizeMm, sizeMm].map((mm) => String(Math.round(mm * pxPerMm)));
  execFileSync('pdftoppm', ['-r', String(pxPerMm * 25.4), '-x', crop[0]!, '-y', crop[1]!, '-W', crop[2]!, '-H', crop[3]!, '-png', '-singlefile', file, prefix]);
  const { data, info } = await sharp(`${prefix}.png`).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let minX = Infinity, minY = Infinity, maxX = -1, maxY = -1;
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * 3;
      if ([0, 1, 2].every((c) => Math.abs(data[i + c]! - rgb[c]!) < 60)) {
        minX = Math.min(minX, x); minY = Math.min(minY, y); maxX = Math.max(maxX, x); maxY = Math.max(maxY, y);
      }
    }
  }
  const [ox, oy] = [Number(crop[0]), Number(crop[1])];
  return [minX + ox, minY + oy, maxX + 1 + ox, maxY + 1 + oy];
}

describe.skipIf(!chromiumPath)('finishPdf', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: [string, PageSettings][] = [
    ['对开 390 × 545 mm', settingsFromPreset('duikai')],
    ['四开 272 × 390 mm', settingsFromPreset('sikai')],
    ['an odd size, 100.3 × 200.7 mm', { ...settingsFromPreset('sikai'), paper: { width: 100.3, height: 200.7 } }],
  ];

  it.each(cases)('sets every page box to exactly the paper size: %s', async (_name, settings) => {
    const { width, height } = settings.paper;
    const raw = await printMarked(browser, width, height);
    const rawFile = join(dir, `raw-${width}.pdf`);
    writeFileSync(rawFile, raw);
    const paper = paperInPoints(settings);
    // Chromium itself does not hit the size (this is why finishPdf exists).
    const rawBox = boxes(rawFile)['MediaBox']!;
    expect(Math.abs(rawBox[2]! - paper.width) + Math.abs(rawBox[3]! - paper.height)).toBeGreaterThan(0.01);

    const file = join(dir, `fin-${width}.pdf`);
    writeFileSync(file, await finishPdf(raw, { settings, title: '萧山日报 第一版' }));
    const found = boxes(file);
    const mmPerPt = 25.4 / 72;
    for (const name of ['MediaBox', 'CropBox', 'BleedBox', 'TrimBox', 'ArtBox']) {
      const [x0, y0, x1, y1] = found[name]!;
      expect(x0, name).toBe(0);
      expect(y0, name).toBe(0);
      expect(Math.abs(x1! * mmPerPt - width), `${name} width`).toBeLessThan(0.01);
      expect(Math.abs(y1! * mmPerPt - height), `${name} height`).toBeLessThan(0.01);
    }
  });

  it.each([
    [390, 545, 1],
    [272, 390, 1],
    // Chromium lays an odd page width out about 0.1 mm narrower (its own
    // rounding, before ours).
    [100.3, 200.7, 2],
  ])('keeps the content anchored top-left and flush bottom-right: %s × %s mm', async (width, height, slackPx) => {
    const settings = { ...settingsFromPreset('duikai'), paper: { width, height } };
    const raw = await printMarked(browser, width, height);
    const file = join(dir, `anchored-${width}.pdf`);
    writeFileSync(file, await finishPdf(raw, { settings, title: 't' }));
    // 20 px per mm (0.05 mm a pixel) puts the paper edges on pixel edges;
    // anti-aliasing blurs an edge by one pixel.
    const pxPerMm = 20;
    const px = (mm: number) => Math.round(mm * pxPerMm);
    const near = (found: number[], expected: number[]) =>
      found.forEach((v, i) => expect(Math.abs(v - expected[i]!), `${found} vs ${expected}`).toBeLessThanOrEqual(slackPx));
    const red = await colourBox(file, { xMm: 0, yMm: 0, sizeMm: 15, pxPerMm }, [255, 0, 0]);
    near(red, [0, 0, px(10), px(10)]);
    const blue = await colourBox(file, { xMm: width - 15, yMm: height - 15, sizeMm: 15, pxPerMm }, [0, 0, 255]);
    near(blue, [px(width - 10), px(height - 10), px(width), px(height)]);
  });

  it('writes title, creator, producer and dates', async () => {
    const settings = settingsFromPreset('sikai');
    const date = new Date('2022-11-21T06:00:00Z');
    const bytes = await finishPdf(await printMarked(browser, 272, 390), { settings, title: '萧山日报 第一版', date });
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getTitle()).toBe('萧山日报 第一版');
    expect(doc.getCreator()).toBe('Banmian');
    expect(doc.getProducer()).toMatch(/^Banmian .*Skia\/PDF/);
    expect(doc.getCreationDate()?.getTime()).toBe(date.getTime());
    expect(doc.getModificationDate()?.getTime()).toBe(date.getTime());
  });

  it('refuses a page printed at another size instead of stretching boxes over it', async () => {
    const raw = await printMarked(browser, 210, 297);
    await expect(finishPdf(raw, { settings: settingsFromPreset('duikai'), title: 't' })).rejects.toThrow(
      /page 1 was printed at .* not the paper's/,
    );
  });
});
