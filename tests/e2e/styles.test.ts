/**
 * Type styles in the page editor over web mode: changing the headline style
 * in the 样式 panel restyles every headline on the page at once (not the one
 * that overrides its size), undo takes it back in one step, a new style is
 * applied to the selection, and the styles survive save and reload.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/node/chromium/launch';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage';
import { startWebServer } from '../../electron/node/web/server';
import type { WebServer } from '../../electron/node/web/server';
import { schema } from '../../shared/model/schema';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';

let dir: string;
let file: string;
let server: WebServer;
let browser: Browser;
let page: Page;

const settings = settingsFromPreset('duikai');
const linePx = gridMetrics(settings).linePx;
// Computed styles come back rounded to 1/10000 px: compare at 1/100.
const r2 = (v: number) => Math.round(v * 100) / 100;
const px = (pt: number) => r2(Math.round(((pt * 4) / 3) * 64) / 64);

function stylesPage() {
  const story = (id: string, line: number, head: Record<string, unknown>, text: string) =>
    schema.node('story', { id, col: 0, line, cols: 4, lines: 20 }, [
      schema.node('headgroup', null, [schema.node('headline', head, [schema.text(`${text}标题`)])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text(`${text}的正文。`.repeat(8)), schema.text('强调的话', [schema.marks.strong!.create()])])]),
    ]);
  return schema.node('page', { settings }, [
    story('a', 0, {}, '第一篇'),
    story('b', 20, {}, '第二篇'),
    story('c', 40, {}, '第三篇'),
    // Overrides its size: a style change leaves it alone.
    story('d', 60, { sizePt: 42, lines: 5 }, '第四篇'),
  ]);
}

/** Font size (px) of each headline, in page order. */
const headSizes = () => page.$$eval('.bm-page .bm-headline .bm-linebox-text', (els) => els.map((el) => Math.round(parseFloat(getComputedStyle(el).fontSize) * 100) / 100));
/** Height (px) of each headline's line box. */
const headHeights = () => page.$$eval('.bm-page .bm-headline', (els) => els.map((el) => el.getBoundingClientRect().height / (el.closest('.bm-page') as HTMLElement).getBoundingClientRect().height));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-styles-'));
  file = join(dir, 'page.banmian');
  const written = await writeBanmianFile(file, { pages: [stylesPage().toJSON()], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  server = await startWebServer({ file, port: 0, journal: null });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1500, height: 1000 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(server.url);
  await page.waitForSelector('.bm-page [data-block-id="d"]');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForSelector('.bm-styles [data-style-name="headline"]');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('type styles in the editor', () => {
  it('lists the newsroom styles with their uses', async () => {
    const rows = await page.$$eval('.bm-style-row', (els) => els.map((el) => [el.getAttribute('data-style-name'), el.getAttribute('data-uses')]));
    expect(rows.map((r) => r[0])).toEqual(['body', 'crosshead', 'byline', 'caption', 'credit', 'kicker', 'headline', 'subheadline', 'label']);
    expect(Object.fromEntries(rows)).toMatchObject({ headline: '4', body: '4', caption: '0' });
    expect(await headSizes()).toEqual([px(26), px(26), px(26), px(42)]);
  });

  it('changes every headline on the page when the headline style changes, and undoes it in one step', async () => {
    await page.click('[data-style-name="headline"]');
    const heightsBefore = await headHeights();
    await page.selectOption('[data-style-editing="headline"] [data-style-field="hao"]', '小初');
    await page.waitForFunction((want) => {
      const el = document.querySelector('.bm-page [data-block-id="a"] .bm-headline .bm-linebox-text');
      return el !== null && Math.round(parseFloat(getComputedStyle(el).fontSize) * 100) / 100 === want;
    }, px(36));
    expect(await headSizes()).toEqual([px(36), px(36), px(36), px(42)]);
    expect(await page.$eval('[data-style-name="headline"] .bm-style-size', (el) => el.textContent)).toBe('小初');
    // Lines taken follow the style too (4 → 5), on every headline that follows it.
    await page.fill('[data-style-editing="headline"] [data-style-field="lines"]', '5');
    await page.press('[data-style-editing="headline"] [data-style-field="lines"]', 'Enter');
    await page.waitForFunction(() => document.querySelector('.bm-page [data-block-id="a"] .bm-headline')?.getBoundingClientRect().height !== undefined);
    const linesNow = await page.$$eval('.bm-page .bm-headline', (els) => els.map((el) => Math.round((el as HTMLElement).offsetHeight)));
    expect(linesNow).toEqual([5, 5, 5, 5].map((n) => Math.round(n * linePx)));
    // Body text stays on the grid: paragraphs keep the body size and the line pitch.
    const body = await page.$eval('.bm-page [data-block-id="a"] .bm-body p', (el) => [parseFloat(getComputedStyle(el).fontSize), parseFloat(getComputedStyle(el).lineHeight)]);
    expect(body.map(r2)).toEqual([px(9), r2(Math.round(linePx * 64) / 64)]);

    // Undo (toolbar): the lines change, then the size change, each one step.
    await page.click('[data-command="undo"]');
    await page.waitForFunction((h) => (document.querySelector('.bm-page [data-block-id="a"] .bm-headline') as HTMLElement).offsetHeight === h, Math.round(4 * linePx));
    expect(await headSizes()).toEqual([px(36), px(36), px(36), px(42)]);
    await page.click('[data-command="undo"]');
    await page.waitForFunction((want) => Math.round(parseFloat(getComputedStyle(document.querySelector('.bm-page .bm-headline .bm-linebox-text')!).fontSize) * 100) / 100 === want, px(26));
    expect(await headSizes()).toEqual([px(26), px(26), px(26), px(42)]);
    // Ratios of client rects under the zoom transform: equal up to float noise that depends on where the page sits.
    (await headHeights()).forEach((h, i) => expect(h).toBeCloseTo(heightsBefore[i]!, 6));
    expect(await page.isDisabled('[data-command="undo"]')).toBe(true);
  });

  it('defines a style from the panel and applies it to the headline at the caret', async () => {
    await page.click('[data-style-name="headline"]');
    await page.fill('[data-style-editing="headline"] [data-style-field="name"]', '二条主题');
    await page.click('[data-style-editing="headline"] [data-style-action="new"]');
    // The new style is the one being edited.
    await page.waitForSelector('[data-style-editing="二条主题"]');
    await page.selectOption('[data-style-editing="二条主题"] [data-style-field="hao"]', '二号');
    // Caret into the second story's headline, then apply.
    await page.click('.bm-page [data-block-id="b"] .bm-headline .bm-linebox-text');
    await page.waitForSelector('[data-style-name="headline"][aria-current="true"]');
    await page.click('[data-style-apply="二条主题"]');
    await page.waitForFunction(() => document.querySelector('.bm-page [data-block-id="b"] .bm-headline .bm-linebox-text')?.getAttribute('data-style') === '二条主题');
    expect(await headSizes()).toEqual([px(26), px(22), px(26), px(42)]);
    expect(await page.getAttribute('[data-style-name="二条主题"]', 'data-uses')).toBe('1');
    // Renaming follows every use; the built-in headline style cannot be renamed.
    await page.fill('[data-style-editing="二条主题"] [data-style-field="name"]', '次主题');
    await page.click('[data-style-editing="二条主题"] [data-style-action="rename"]');
    await page.waitForSelector('[data-style-editing="次主题"]');
    expect(await page.getAttribute('.bm-page [data-block-id="b"] .bm-headline .bm-linebox-text', 'data-style')).toBe('次主题');
    await page.click('[data-style-name="headline"]');
    await page.fill('[data-style-editing="headline"] [data-style-field="name"]', '别名');
    expect(await page.isDisabled('[data-style-editing="headline"] [data-style-action="rename"]')).toBe(true);
    expect(await page.isDisabled('[data-style-editing="headline"] [data-style-action="delete"]')).toBe(true);
    await page.fill('[data-style-editing="headline"] [data-style-field="name"]', '');
    // Rename back so the save test below finds it.
    await page.click('[data-style-name="次主题"]');
    await page.fill('[data-style-editing="次主题"] [data-style-field="name"]', '二条主题');
    await page.click('[data-style-editing="次主题"] [data-style-action="rename"]');
    await page.waitForSelector('[data-style-editing="二条主题"]');
  });

  it('sets 强调 runs in their character style, page-wide', async () => {
    await page.click('[data-style-name="body"]');
    const face = () => page.$$eval('.bm-page strong', (els) => [...new Set(els.map((el) => getComputedStyle(el).fontFamily))]);
    expect(await face()).toEqual(['"Noto Serif SC"']);
    await page.selectOption('[data-char-style="strong"] [data-char-style-field="face"]', 'hei');
    expect(await page.getAttribute('.bm-page', 'data-strong-face')).toBe('hei');
    expect(await face()).toEqual(['"Noto Sans SC"']);
  });

  it('saves the styles with the page and opens them again', async () => {
    await page.click('[data-command="save"]');
    const saved = async () => {
      const r = await readBanmianFile(file);
      return r.ok ? JSON.stringify(r.value.pages[0]) : '';
    };
    await expect.poll(saved, { timeout: 5000 }).toContain('"二条主题"');
    const json = await saved();
    expect(json).toContain('"二条主题"');
    expect(json).toContain('"styles"');
    await page.reload();
    await page.waitForSelector('.bm-page [data-block-id="d"]');
    expect(await headSizes()).toEqual([px(26), px(22), px(26), px(42)]);
  });
});
