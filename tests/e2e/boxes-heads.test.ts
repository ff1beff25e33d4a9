/**
 * Boxes and heads end to end (web mode, Chromium): through the properties
 * panel a story is boxed with a double border and a 10 % tint, another gets
 * a vertical head with "2026" upright and its headline at 80 % width; the
 * DOM is checked (computed styles, text inside the box and on the grid),
 * then the page is saved and exported with the built CLI and the PDF read
 * back (pdftotext -bbox-layout, the content stream of the x4-cmyk file).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../electron/node/chromium/launch';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage/index';
import { startWebServer } from '../../electron/node/web/server';
import type { WebServer } from '../../electron/node/web/server';
import { pageToJson } from '../../shared/model/load-page';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { regionStats, renderSeparations } from '../electron/pdf/separations';
import { ctrlClickBlock } from './arrange-support';
import { boxTestPage } from './support/box-document';

const CLI = resolve('dist/node/cli.mjs');
const ready = existsSync(CLI) && existsSync(resolve('dist/renderer/index.html'));
const metrics = gridMetrics(settingsFromPreset('duikai'));
const SHOTS = process.env['BM_SHOTS'];

let dir = '';
let file = '';
let server: WebServer;
let browser: Browser;
let page: Page;

const story = (id: string) => `.bm-page [data-block-id="${id}"]`;

/** Page px per screen px, and the page's top-left on screen. */
async function pageFrame(): Promise<{ scale: number; x: number; y: number }> {
  return page.$eval('.bm-page', (el) => {
    const r = el.getBoundingClientRect();
    return { scale: r.width / (el as HTMLElement).offsetWidth, x: r.left, y: r.top };
  });
}

/** Client rects (screen px) of every character of the text under `selector`. */
async function charRects(selector: string): Promise<{ ch: string; x: number; y: number; w: number; h: number }[]> {
  return page.$eval(selector, (root) => {
    const out: { ch: string; x: number; y: number; w: number; h: number }[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n as Text;
      for (let i = 0; i < t.data.length; i++) {
        range.setStart(t, i);
        range.setEnd(t, i + 1);
        const r = range.getBoundingClientRect();
        if (r.width > 0 && t.data[i]!.trim() !== '') out.push({ ch: t.data[i]!, x: r.left, y: r.top, w: r.width, h: r.height });
      }
    }
    return out;
  });
}

async function select(prop: string, label: string): Promise<void> {
  await page.selectOption(`.bm-properties [data-prop="${prop}"]`, { label });
}

async function fill(prop: string, value: string): Promise<void> {
  const input = page.locator(`.bm-properties [data-prop="${prop}"]`);
  await input.fill(value);
  await input.press('Enter');
}

beforeAll(async () => {
  if (!ready) return;
  dir = mkdtempSync(join(tmpdir(), 'bm-boxes-'));
  file = join(dir, 'boxes.banmian');
  const written = await writeBanmianFile(file, { pages: [pageToJson(boxTestPage())], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  server = await startWebServer({ file, rendererDir: resolve('dist/renderer') });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 }, deviceScaleFactor: SHOTS ? 3 : 1 });
  await page.goto(server.url);
  await page.waitForSelector(story('boxed'));
  await page.waitForFunction(() => document.fonts.status === 'loaded');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!ready)('boxes and heads (web mode, Chromium)', () => {
  it('boxes a story with a double border and a 10 % tint from the properties panel, one undo step each', async () => {
    await ctrlClickBlock(page, 'boxed');
    await page.waitForSelector('.bm-properties[data-target="boxed"]');
    await select('frame', '双线');
    await fill('tint', '10');
    const look = () =>
      page.$eval(story('boxed'), (el) => {
        const image = decodeURIComponent(getComputedStyle(el, '::before').backgroundImage);
        return {
          frame: (el as HTMLElement).dataset['frame'],
          background: getComputedStyle(el).backgroundColor,
          // The border's lines: [outer edge inset, stroke width] of each ring.
          rings: [...image.matchAll(/<rect x="([\d.]+)"[^>]*stroke-width="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]),
        };
      });
    // Double: two lines of 1 pt (1.333 px) one weight apart, inside the block.
    expect(await look()).toEqual({
      frame: 'double',
      background: 'rgb(230, 230, 230)',
      rings: [
        [0.667, 1.333],
        [3.333, 1.333],
      ],
    });

    await page.keyboard.press('Control+z');
    expect((await look()).background).toBe('rgba(0, 0, 0, 0)');
    expect((await look()).frame).toBe('double');
    await page.keyboard.press('Control+Shift+z');
    expect(await look()).toMatchObject({ frame: 'double', background: 'rgb(230, 230, 230)' });
  });

  it('keeps the boxed body inside the box, on whole characters and on the line grid', async () => {
    const f = await pageFrame();
    const box = (await page.locator(story('boxed')).boundingBox())!;
    const chars = await charRects(`${story('boxed')} .bm-body`);
    expect(chars.length).toBeGreaterThan(100);
    const inset = { x: metrics.charPx * f.scale, y: metrics.linePx * f.scale };
    for (const c of chars) {
      expect(c.x).toBeGreaterThanOrEqual(box.x + inset.x - 0.5);
      expect(c.x + c.w).toBeLessThanOrEqual(box.x + box.width - inset.x + 0.5);
      expect(c.y + c.h).toBeLessThanOrEqual(box.y + box.height - inset.y + 0.5);
    }
    // Text columns of 12 whole characters (3 grid columns, less one character a side).
    const geom = await page.$eval(`${story('boxed')} > .bm-body`, (el) => {
      const s = getComputedStyle(el);
      // offsetTop is rounded to whole px: measure in client rects over the zoom.
      const r = el.getBoundingClientRect();
      const story = el.parentElement!.getBoundingClientRect();
      const scale = r.width / (el as HTMLElement).offsetWidth;
      return { count: s.columnCount, gap: parseFloat(s.columnGap), width: parseFloat(s.width), top: (r.top - story.top) / scale };
    });
    const width = gridBoxRect(metrics, { col: 0, line: 0, cols: 3, lines: 1 }).width;
    expect(geom.count).toBe('3');
    expect(geom.width).toBeCloseTo(width - 2 * metrics.charPx, 1);
    expect((geom.width - 2 * geom.gap) / 3).toBeCloseTo(12 * metrics.charPx, 1);
    // The body starts on a grid line: box inset, kicker, headline and byline are whole lines.
    expect(geom.top / metrics.linePx).toBeCloseTo(1 + 2 + 4 + 1, 3);
    if (SHOTS) await page.locator(story('boxed')).screenshot({ path: join(SHOTS, 'boxed.png') });
  });

  it('sets a vertical head with "2026" upright and the headline at 80 % width', async () => {
    await ctrlClickBlock(page, 'vert');
    await page.waitForSelector('.bm-properties[data-target="vert"]');
    await select('headgroup.vertical', '竖排');
    await fill('headline.scaleX', '80');
    await select('frame', '文武线');
    const head = `${story('vert')} .bm-headgroup`;
    const styles = await page.$eval(head, (el) => {
      const h1 = el.querySelector('.bm-headline .bm-linebox-text')!;
      const tcy = el.querySelector('.bm-tcy');
      return {
        writingMode: getComputedStyle(el).writingMode,
        transform: getComputedStyle(h1).transform,
        tcy: tcy?.textContent,
        combine: tcy ? getComputedStyle(tcy).textCombineUpright : null,
      };
    });
    expect(styles).toEqual({ writingMode: 'vertical-rl', transform: 'matrix(0.8, 0, 0, 1, 0, 0)', tcy: '2026', combine: 'all' });

    // Stacked: 年马拉松 one under the other in one column; 2026 takes one upright em.
    const chars = await charRects(`${head} .bm-headline`);
    const han = chars.filter((c) => '年马拉松'.includes(c.ch));
    expect(han.map((c) => c.ch).join('')).toBe('年马拉松');
    for (let i = 1; i < han.length; i++) {
      expect(Math.abs(han[i]!.x - han[0]!.x)).toBeLessThan(1);
      expect(han[i]!.y).toBeGreaterThan(han[i - 1]!.y + han[0]!.h * 0.8);
    }
    const digits = await page.locator(`${head} .bm-tcy`).boundingBox();
    expect(digits!.height).toBeLessThan(han[0]!.h * 1.05);

    // The head stands in the rightmost grid column; the body flows in the three beside it.
    const f = await pageFrame();
    const block = (await page.locator(story('vert')).boundingBox())!;
    const strip = (await page.locator(head).boundingBox())!;
    const col3 = gridBoxRect(metrics, { col: 3, line: 0, cols: 1, lines: 1 }).x * f.scale;
    expect(strip.x).toBeCloseTo(block.x + col3, 0);
    const body = await charRects(`${story('vert')} .bm-slot-live`);
    for (const c of body) expect(c.x + c.w).toBeLessThanOrEqual(strip.x + 0.5);
    expect(await page.getAttribute(`${story('vert')} .bm-body`, 'data-slots')).toBe('3');
    // The byline lines up with the body's first column and keeps off the strip.
    const byline = (await page.locator(`${story('vert')} > .bm-byline`).boundingBox())!;
    const firstColumn = (await page.locator(`${story('vert')} .bm-slot-clone[data-column="0"]`).first().boundingBox())!;
    expect(byline.x).toBeCloseTo(firstColumn.x, 0);
    expect(byline.x + byline.width).toBeLessThanOrEqual(strip.x);
    if (SHOTS) await page.locator(story('vert')).screenshot({ path: join(SHOTS, 'vert.png') });
  });

  it('exports the boxes and the vertical head to PDF: box drawn, text inside, characters stacked, exact CMYK tint', async () => {
    await ctrlClickBlock(page, 'plain');
    await fill('headline.scaleX', '80');
    await page.keyboard.press('Control+s');
    await expect
      .poll(async () => {
        const r = await readBanmianFile(file);
        return r.ok ? JSON.stringify(r.value.pages[0]).includes('"tint":10') : false;
      })
      .toBe(true);

    const out = join(dir, 'boxes.pdf');
    const r = spawnSync(process.execPath, [CLI, 'export', file, '-o', out, '--variant', 'x4-cmyk', '--no-marks', '--force'], { encoding: 'utf8', timeout: 170_000 });
    expect(r.status, r.stderr).toBe(0);
    const trim = /TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(execFileSync('pdfinfo', ['-box', out], { encoding: 'utf8' }))!.slice(1).map(Number);
    const media = /MediaBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(execFileSync('pdfinfo', ['-box', out], { encoding: 'utf8' }))!.slice(1).map(Number);
    // pdftotext measures from the MediaBox's top-left; page px → pt is 3/4.
    const ox = trim[0]! - media[0]!;
    const oy = media[3]! - trim[3]!;
    const pagePt = (b: { col: number; line: number; cols: number; lines: number }) => {
      const g = gridBoxRect(metrics, b);
      return { x: ox + (metrics.typeLeftPx + g.x) * 0.75, y: oy + (metrics.typeTopPx + g.y) * 0.75, w: g.width * 0.75, h: g.height * 0.75 };
    };
    const html = execFileSync('pdftotext', ['-bbox-layout', out, '-'], { encoding: 'utf8' });
    const words = [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: m[5]!,
    }));

    // The boxed story's text: inside the box, one character and one line in from its edge.
    const boxed = pagePt({ col: 3, line: 0, cols: 3, lines: 40 });
    const inBoxed = words.filter((w) => w.x0 >= boxed.x - 1 && w.x1 <= boxed.x + boxed.w + 1 && w.y0 >= boxed.y - 1 && w.y1 <= boxed.y + boxed.h + 1);
    expect(inBoxed.map((w) => w.text).join('')).toContain('三万跑者齐聚黄龙');
    const charPt = metrics.charPx * 0.75;
    for (const w of inBoxed) {
      expect(w.x0).toBeGreaterThanOrEqual(boxed.x + charPt - 0.5);
      expect(w.x1).toBeLessThanOrEqual(boxed.x + boxed.w - charPt + 0.5);
    }

    // The vertical head: 年 马 拉 松 stacked, same column, top to bottom.
    const vert = pagePt({ col: 0, line: 42, cols: 4, lines: 40 });
    const stack = ['年', '马', '拉', '松'].map((ch) => words.find((w) => w.text.includes(ch) && w.x0 > vert.x + vert.w * 0.7 && w.y0 > vert.y && w.y1 < vert.y + vert.h));
    expect(stack.every(Boolean), JSON.stringify(words.filter((w) => w.x0 > vert.x + vert.w * 0.7 && w.y0 > vert.y && w.y1 < vert.y + vert.h))).toBe(true);
    for (let i = 1; i < stack.length; i++) {
      expect(Math.abs(stack[i]!.x0 - stack[0]!.x0)).toBeLessThan(2);
      expect(stack[i]!.y0).toBeGreaterThan(stack[i - 1]!.y0);
    }

    // 长扁 80 %: the plain story's seven-character headline is 0.8 × 7 × 26 pt wide.
    const headline = words.find((w) => w.text === '马拉松鸣枪开跑');
    expect(headline).toBeDefined();
    expect(headline!.x1 - headline!.x0).toBeCloseTo(0.8 * 7 * 26, -0.5);

    // Exact process colours: the tint is K10 and fills the box; the rules are K100.
    const qdf = join(dir, 'boxes.qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', out, qdf]);
    const content = readFileSync(qdf, 'latin1');
    expect(content).toMatch(/\b0 0 0 0\.1 k\b/);
    // Chromium paints the page in CSS px (its page transform scales by 3/4 to pt).
    const fills = [...content.matchAll(/0 0 0 0\.1 k\s+(?:\/\w+ gs\s+)?([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\s+(?:\/\w+ gs\s+)?f/g)];
    const sizes = fills.map((m) => [Math.abs(Number(m[3])), Math.abs(Number(m[4]))]);
    const boxPx = gridBoxRect(metrics, { col: 3, line: 0, cols: 3, lines: 40 });
    expect(sizes.some(([w, h]) => Math.abs(w! - boxPx.width) < 1 && Math.abs(h! - boxPx.height) < 1), JSON.stringify(sizes)).toBe(true);
    expect(content).not.toMatch(/\brg\b/);

    // The box rule is drawn: Ghostscript's separations show solid K along the
    // box's left edge, and exactly the 10 % tint (no C, M, Y) inside it.
    const sep = renderSeparations(readFileSync(out), 200);
    const mm = (v: number) => (v * 25.4) / 72;
    const edge = regionStats(sep, { x: mm(boxed.x), y: mm(boxed.y + boxed.h / 2), w: mm(1.5), h: 5 });
    expect(edge.max[3]).toBe(255);
    const inner = regionStats(sep, { x: mm(boxed.x + boxed.w - 2 * charPt + 2), y: mm(boxed.y + boxed.h - 4 * 12), w: 1, h: 1 });
    expect(inner.max.slice(0, 3)).toEqual([0, 0, 0]);
    expect(Math.abs(inner.max[3] - 25.5)).toBeLessThan(1.5);
  }, 200_000);
});
