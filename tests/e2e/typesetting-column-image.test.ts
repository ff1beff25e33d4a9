/**
 * One story of the reference page on screen and in its PDF: the same lines,
 * break for break, and (with BM_COLUMN_IMAGE=1) the side-by-side picture
 * `docs/images/column-screen-vs-pdf.png` for the eye.
 *
 * The screen is the editor in web mode; its zoom transform is set to 1 for
 * the picture only (layout is always at 100 %, so no line changes). The PDF
 * is the command line's export, rendered by poppler at the same scale.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/node/web/server';
import { gridMetrics, textColumnsOf } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { mmToPt } from '../../shared/page/units';
import { linesInRect, readPdfPages } from '../support/pdf-lines';
import { CLI, e2eUnavailable, launchChromium, openEditor, PROJECT_ROOT, SEED_FILE, startTestServer } from './support/web';
import type { OpenedPage } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const STORY = 'craftsmen';
// The story's grid box in the reference file (col 5, line 62, 3 columns, 27 lines, one-line head of 3).
const BOX = { col: 5, line: 62, cols: 3, lines: 27 };
const SCALE = 2;
const noSpace = (s: string): string => s.replace(/\s+/g, '');

describe.skipIf(skip !== null)(`a column of the reference page, screen and PDF${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-column-'));
  const pdf = join(dir, 'seed.pdf');
  let browser: Browser;
  let server: WebServer;
  let opened: OpenedPage;

  beforeAll(async () => {
    await run(process.execPath, [CLI, 'export', SEED_FILE, '-o', pdf, '--variant', 'proof'], { timeout: 170_000 });
    server = await startTestServer(SEED_FILE);
    browser = await launchChromium();
    opened = await openEditor(browser, server, { waitFor: `[data-block-id="${STORY}"]` });
    await opened.page.evaluate(() => document.fonts.ready.then(() => undefined));
    // Let copyfit and the line-end pass settle.
    await opened.page.waitForTimeout(1500);
  });

  afterAll(async () => {
    await opened?.close();
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the same body lines on screen as in the PDF', async () => {
    const screenLines = await opened.page.evaluate((id) => {
      const body = document.querySelector(`[data-block-id="${id}"] .bm-body`)!;
      const lines: string[] = [];
      for (const p of body.querySelectorAll('p')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let prev: DOMRect | null = null;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const t = n as Text;
          for (let i = 0; i < t.data.length; i++) {
            if (/\s/.test(t.data[i]!)) continue;
            range.setStart(t, i);
            range.setEnd(t, i + 1);
            const r = range.getBoundingClientRect();
            if (!prev || Math.abs(r.top - prev.top) > r.height / 2 || r.left < prev.left - 0.5) lines.push(t.data[i]!);
            else lines.push(lines.pop()! + t.data[i]!);
            prev = r;
          }
        }
      }
      return lines;
    }, STORY);
    const settings = settingsFromPreset('duikai');
    const m = gridMetrics(settings);
    const tc = textColumnsOf(settings.grid, BOX.cols, null);
    const [page] = readPdfPages(pdf);
    const left = mmToPt(settings.margins.left) + BOX.col * (m.columnPx + m.gutterPx) * 0.75;
    const top = mmToPt(settings.margins.top) + (BOX.line + 3) * m.linePx * 0.75;
    const pdfLines = Array.from({ length: tc.count }, (_, i) => {
      const l = left + i * (tc.columnChars + tc.gapChars) * settings.grid.bodyPt;
      return linesInRect(page!, { left: l - 1, right: l + tc.columnChars * settings.grid.bodyPt + 1, top, bottom: top + (BOX.lines - 3) * m.linePx * 0.75 });
    }).flat();
    expect(screenLines.length).toBeGreaterThan(60);
    expect(pdfLines.map((l) => noSpace(l.text))).toEqual(screenLines);
  });

  it.runIf(process.env['BM_COLUMN_IMAGE'])('draws the story side by side, screen and PDF', async () => {
    // A sharp screen: the editor again, at two device pixels per CSS pixel.
    const context = await browser.newContext({ viewport: { width: 1600, height: 1200 }, deviceScaleFactor: SCALE });
    const page = await context.newPage();
    await page.goto(server.url, { waitUntil: 'load' });
    const story = page.locator(`article.bm-story[data-block-id="${STORY}"]`);
    await story.waitFor();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(1500);
    await page.evaluate(() => {
      const zoom = document.querySelector<HTMLElement>('.bm-zoom');
      if (zoom) zoom.style.transform = 'none';
    });
    await story.scrollIntoViewIfNeeded();
    const box = (await story.boundingBox())!;
    const screen = await page.screenshot({ clip: box, scale: 'device' });
    await context.close();
    const screenPng = await sharp(screen).resize({ width: Math.round(box.width * SCALE) }).png().toBuffer();
    // The same rectangle of the PDF page, at the same scale (1 CSS px = 0.75 pt).
    const settings = settingsFromPreset('duikai');
    const m = gridMetrics(settings);
    const dpi = (96 * SCALE);
    const x = Math.round((m.typeLeftPx + BOX.col * (m.columnPx + m.gutterPx)) * SCALE);
    const y = Math.round((m.typeTopPx + BOX.line * m.linePx) * SCALE);
    const w = Math.round(box.width * SCALE);
    const h = Math.round(box.height * SCALE);
    const out = join(dir, 'pdf');
    await run('pdftoppm', ['-r', String(dpi), '-x', String(x), '-y', String(y), '-W', String(w), '-H', String(h), '-png', '-singlefile', pdf, out]);
    const pdfPng = readFileSync(`${out}.png`);
    const gap = 24;
    const image = await sharp({ create: { width: 2 * w + gap, height: h, channels: 3, background: '#808080' } })
      .composite([
        { input: screenPng, left: 0, top: 0 },
        { input: pdfPng, left: w + gap, top: 0 },
      ])
      .png()
      .toFile(join(PROJECT_ROOT, 'docs', 'images', 'column-screen-vs-pdf.png'));
    expect(image.width).toBe(2 * w + gap);
  });
});
