/**
 * The story bin end to end, in Chromium against `banmian web`: importing
 * copy through the UI (the web upload path), placing a story by dragging it
 * onto the page, undo, moving a story back to the bin, bad input, and page
 * setup.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { pageToJson } from '../../shared/model/load-page';
import { schema } from '../../shared/model/schema';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';

const SEED_TEXT = resolve('fixtures/seed/000_06c4c4664c43f101.txt');
const LEAD_TEXT = '萧山日报讯昨天上午，二〇二二杭州马拉松鸣枪开跑，三万名跑者从黄龙体育中心出发，沿途市民夹道欢迎。'.repeat(3);
const duikai = settingsFromPreset('duikai');

let dir: string;
let app: WebApp;
let page: Page;

/** A 对开 page with one story at the top left; lines 40–119 are free. */
function testPage() {
  return schema.node('page', { settings: duikai }, [
    schema.node('story', { id: 'lead', col: 0, line: 0, cols: 3, lines: 40 }, [
      schema.node('headgroup', null, [schema.node('headline', null, [schema.text('马拉松鸣枪开跑')])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text(LEAD_TEXT)])]),
    ]),
  ]);
}

/** The test page as it is on disk, in a new host (a reload would bring back the last test's journalled work). */
async function reload(): Promise<void> {
  await app.restart();
  await page.waitForSelector('.bm-page [data-block-id="lead"]');
  await page.waitForSelector('[data-kind="bin"]');
  await page.waitForFunction(() => document.fonts.status === 'loaded');
}

async function importThroughPicker(path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.click('[data-command="importCopy"]');
  await (await chooser).setFiles(path);
}

async function binIds(): Promise<string[]> {
  return page.$$eval('.bm-bin-item', (els) => els.map((e) => (e as HTMLElement).dataset['binId']!));
}

async function placedIds(): Promise<string[]> {
  return page.$$eval('.bm-page > [data-block-id]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']!));
}

async function message(): Promise<{ kind: string | null; text: string }> {
  return page.$eval('.bm-message', (e) => ({ kind: (e as HTMLElement).dataset['messageKind'] ?? null, text: e.textContent ?? '' }));
}

/** The client point in the middle of grid cell (col, line) of the page as shown. */
async function cellPoint(col: number, line: number, settings = duikai): Promise<{ x: number; y: number }> {
  const m = gridMetrics(settings);
  const frame = await page.$eval('.bm-page', (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, scale: r.width / (e as HTMLElement).offsetWidth };
  });
  return {
    x: frame.left + (m.typeLeftPx + col * (m.columnPx + m.gutterPx) + m.columnPx / 2) * frame.scale,
    y: frame.top + (m.typeTopPx + line * m.linePx + m.linePx / 2) * frame.scale,
  };
}

async function dragToCell(selector: string, col: number, line: number): Promise<void> {
  const from = (await page.locator(selector).boundingBox())!;
  const to = await cellPoint(col, line);
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function block(id: string): Promise<Record<string, string>> {
  return page.$eval(`.bm-page > [data-block-id="${id}"]`, (e) => ({ ...(e as HTMLElement).dataset }) as Record<string, string>);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'banmian-bin-e2e-'));
  const file = join(dir, 'bin.banmian');
  const written = await writeBanmianFile(file, { pages: [pageToJson(testPage())], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  app = await openWebApp(file);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(async () => {
  await reload();
});

describe('story bin (web mode, Chromium)', () => {
  it('shows an empty bin beside the paper, outside it and never printed', async () => {
    expect(await binIds()).toEqual([]);
    const paper = (await page.locator('.bm-page').boundingBox())!;
    const bin = (await page.locator('[data-kind="bin"]').boundingBox())!;
    expect(bin.x).toBeGreaterThanOrEqual(paper.x + paper.width);
    expect(bin.width).toBeGreaterThan(200);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-kind="bin"]').isVisible()).toBe(false);
    await page.emulateMedia({ media: 'screen' });
  });

  it('keeps the bin and the block handles at their screen size when the zoom changes', async () => {
    const sizes = () =>
      page.evaluate(() => {
        const paper = document.querySelector('.bm-page')!.getBoundingClientRect();
        const bin = document.querySelector('[data-kind="bin"]')!.getBoundingClientRect();
        const layer = document.querySelector<HTMLElement>('.bm-arrange-layer')!;
        return { gap: Math.round(bin.left - paper.right), width: Math.round(bin.width), inverse: Number(layer.style.getPropertyValue('--bm-inv')) };
      });
    for (const [key, zoom] of [
      ['Control+1', 1],
      ['Control+=', 1.25],
      ['Control+=', 1.5],
      ['Control+-', 1.25],
    ] as const) {
      await page.keyboard.press(key);
      await page.waitForFunction((z) => document.querySelector('.bm-zoom')?.getAttribute('data-zoom') === String(z), zoom);
      expect(await sizes()).toEqual({ gap: 24, width: 260, inverse: 1 / zoom });
    }
  });

  it('imports the seed text through the upload and lists its stories with characters and lines', async () => {
    await importThroughPicker(SEED_TEXT);
    await page.waitForSelector('.bm-bin-item');
    const items = await page.$$eval('.bm-bin-item[data-bin-kind="story"]', (els) =>
      els.map((e) => ({ title: e.querySelector('.bm-bin-headline')!.textContent, chars: Number((e as HTMLElement).dataset['chars']), lines: Number((e as HTMLElement).dataset['columnLines']) })),
    );
    expect(items.map((i) => i.title)).toEqual([
      '党建引领共治共享 构建现代化治理体系',
      '7个社区加入省级未来社区创建“俱乐部”',
      '萧山9人上榜“浙江工匠”培养名单',
      '杭州市院士专家科创联盟在萧成立',
      '2022杭马开跑 跑过风景跑进“亚运”',
    ]);
    // Every story has body text and needs at least chars/13 lines in a 13-character column.
    for (const i of items) expect(i.lines).toBeGreaterThanOrEqual(Math.ceil(i.chars / 13));
    expect((await message()).text).toContain('000_06c4c4664c43f101.txt');
    // Nothing was placed: the page still has its one block.
    expect(await placedIds()).toEqual(['lead']);
  });

  it('places a dragged story at the drop cell in one transaction; one undo puts it back in the bin', async () => {
    await importThroughPicker(SEED_TEXT);
    await page.waitForSelector('.bm-bin-item');
    const before = await binIds();
    const id = before[0]!;
    const expected = await page.$eval(`.bm-bin-item[data-bin-id="${id}"]`, (e) => ({ cols: (e as HTMLElement).dataset['cols'], lines: (e as HTMLElement).dataset['lines'] }));
    await dragToCell(`.bm-bin-item[data-bin-id="${id}"]`, 4, 45);
    await page.waitForSelector(`.bm-page > [data-block-id="${id}"]`);
    expect(await block(id)).toMatchObject({ kind: 'story', col: '4', line: '45', cols: expected.cols, lines: expected.lines });
    expect(await binIds()).toEqual(before.filter((x) => x !== id));
    expect(await page.$eval(`.bm-page > [data-block-id="${id}"] .bm-headgroup`, (e) => e.textContent)).toBe('党建引领共治共享 构建现代化治理体系');
    await page.click('[data-command="undo"]');
    expect(await placedIds()).toEqual(['lead']);
    expect(await binIds()).toEqual(before);
    // The import itself is the step before: one more undo empties the bin.
    await page.click('[data-command="undo"]');
    expect(await binIds()).toEqual([]);
  });

  it('removes a placed story to the bin with its text intact, and places it again', async () => {
    const text = await page.$eval('.bm-page > [data-block-id="lead"] .bm-body', (e) => e.textContent);
    // Caret in the story, then the toolbar command.
    const p = (await page.locator('.bm-page > [data-block-id="lead"] .bm-body p').first().boundingBox())!;
    await page.mouse.click(p.x + 30, p.y + 5);
    await page.click('[data-command="removeToBin"]');
    expect(await placedIds()).toEqual([]);
    expect(await binIds()).toEqual(['lead']);
    expect(await page.$eval('.bm-bin-item[data-bin-id="lead"]', (e) => Number((e as HTMLElement).dataset['chars']))).toBe([...LEAD_TEXT].length);
    await dragToCell('.bm-bin-item[data-bin-id="lead"]', 2, 60);
    await page.waitForSelector('.bm-page > [data-block-id="lead"]');
    expect(await block('lead')).toMatchObject({ col: '2', line: '60' });
    expect(await page.$eval('.bm-page > [data-block-id="lead"] .bm-body', (e) => e.textContent)).toBe(text);
  });

  it('moves the selected story back to the bin with Ctrl+Shift+B', async () => {
    const p = (await page.locator('.bm-page > [data-block-id="lead"] .bm-body p').first().boundingBox())!;
    await page.mouse.click(p.x + 30, p.y + 5);
    await page.keyboard.press('Control+Shift+B');
    expect(await binIds()).toEqual(['lead']);
    await page.keyboard.press('Control+z');
    expect(await placedIds()).toEqual(['lead']);
    expect(await binIds()).toEqual([]);
  });

  it('imports a file dropped from the desktop onto the window', async () => {
    await page.evaluate(() => {
      const dt = new DataTransfer();
      const text = '引题\n市民夹道欢迎跑者\n本报讯（记者 张三）昨天上午，杭州马拉松鸣枪开跑。三万名跑者从黄龙体育中心出发。\n沿途市民自发为选手加油鼓劲。\n';
      dt.items.add(new File([text], '来稿.txt', { type: 'text/plain' }));
      document.querySelector('.bm-page')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    });
    await page.waitForSelector('.bm-bin-item');
    expect((await binIds()).length).toBeGreaterThan(0);
    expect((await message()).text).toContain('来稿.txt');
    // The drop did not put text into the page.
    expect(await placedIds()).toEqual(['lead']);
  });

  it('refuses bad input with one line in the message bar and leaves the page alone', async () => {
    const cases: [string, Buffer | string, RegExp][] = [
      ['photo.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file/],
      ['empty.txt', '', /empty/],
      ['broken.docx', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]), /damaged or truncated|not a readable Word/],
    ];
    for (const [name, bytes, pattern] of cases) {
      const path = join(dir, name);
      await writeFile(path, bytes);
      await importThroughPicker(path);
      await page.waitForSelector('.bm-message[data-message-kind="error"]');
      const m = await message();
      expect(m.text).toMatch(pattern);
      expect(m.text).not.toContain('\n');
      expect(await binIds()).toEqual([]);
      expect(await placedIds()).toEqual(['lead']);
      expect(await page.isDisabled('[data-command="undo"]')).toBe(true);
      await page.click('.bm-message-close');
    }
  });

  it('switches the page to 四开 in page setup, changing the grid in one undo step', async () => {
    const widthBefore = await page.$eval('.bm-page', (e) => (e as HTMLElement).offsetWidth);
    await page.click('[data-command="pageSetup"]');
    await page.waitForSelector('dialog[data-page-setup]');
    await page.selectOption('dialog[data-page-setup] select[name="preset"]', 'sikai');
    expect(await page.inputValue('input[name="grid.columns"]')).toBe('6');
    expect(await page.inputValue('input[name="grid.charsPerColumn"]')).toBe('11');
    await page.click('dialog[data-page-setup] [data-apply]');
    await page.waitForSelector('dialog[data-page-setup]', { state: 'detached' });
    const sikai = gridMetrics(settingsFromPreset('sikai'));
    expect(await page.$eval('.bm-page', (e) => (e as HTMLElement).offsetWidth)).toBe(Math.round(sikai.paperWidthPx));
    // The story kept its box (it fits the smaller grid) and sits on the new column pitch.
    const lead = await page.$eval('.bm-page > [data-block-id="lead"]', (e) => (e as HTMLElement).offsetWidth);
    expect(lead).toBeCloseTo(3 * sikai.columnPx + 2 * sikai.gutterPx, 0);
    await page.click('[data-command="undo"]');
    expect(await page.$eval('.bm-page', (e) => (e as HTMLElement).offsetWidth)).toBe(widthBefore);
  });

  it('chooses 开明式 in page setup: every mark but 。！？ set half width, one undo step', async () => {
    expect(await page.getAttribute('.bm-page', 'data-punctuation')).toBe('quanjiao');
    expect(await page.$$eval('.bm-kaiming', (els) => els.length)).toBe(0);
    await page.click('[data-command="pageSetup"]');
    await page.waitForSelector('dialog[data-page-setup]');
    expect(await page.inputValue('dialog[data-page-setup] select[name="punctuation"]')).toBe('quanjiao');
    await page.selectOption('dialog[data-page-setup] select[name="punctuation"]', 'kaiming');
    await page.click('dialog[data-page-setup] [data-apply]');
    await page.waitForSelector('dialog[data-page-setup]', { state: 'detached' });
    expect(await page.getAttribute('.bm-page', 'data-punctuation')).toBe('kaiming');
    // LEAD_TEXT holds 9 ， and 3 。: only the commas are set half width, each by the font's halt.
    const marks = await page.$$eval('.bm-page .bm-kaiming', (els) => els.map((e) => [e.textContent, getComputedStyle(e).fontFeatureSettings]));
    expect(marks).toHaveLength(9);
    for (const [text, features] of marks) {
      expect(text).toBe('，');
      expect(features).toMatch(/"halt" 1|"halt"$/);
    }
    await page.click('[data-command="undo"]');
    expect(await page.getAttribute('.bm-page', 'data-punctuation')).toBe('quanjiao');
    expect(await page.$$eval('.bm-kaiming', (els) => els.length)).toBe(0);
  });

  it('warns in page setup about blocks the new grid leaves outside and moves them in', async () => {
    // Put the story at the far right and bottom of the 对开 grid first.
    await importThroughPicker(SEED_TEXT);
    await page.waitForSelector('.bm-bin-item');
    const id = (await binIds())[0]!;
    await dragToCell(`.bm-bin-item[data-bin-id="${id}"]`, 7, 100);
    await page.waitForSelector(`.bm-page > [data-block-id="${id}"]`);
    await page.click('[data-command="pageSetup"]');
    await page.selectOption('dialog[data-page-setup] select[name="preset"]', 'sikai');
    expect(Number(await page.getAttribute('[data-outside-count]', 'data-outside-count'))).toBeGreaterThanOrEqual(1);
    await page.click('dialog[data-page-setup] [data-apply]');
    const b = await block(id);
    expect(Number(b['col']) + Number(b['cols'])).toBeLessThanOrEqual(6);
    expect(Number(b['line']) + Number(b['lines'])).toBeLessThanOrEqual(86);
    expect((await message()).text).toMatch(/移入新网格|moved into the new grid/);
  });

  it('refuses page settings whose type area does not fit the paper', async () => {
    await page.click('[data-command="pageSetup"]');
    await page.fill('input[name="grid.columns"]', '30');
    expect(await page.textContent('[data-settings-error]')).toMatch(/wider than the paper/);
    expect(await page.isDisabled('dialog[data-page-setup] [data-apply]')).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[data-page-setup]', { state: 'detached' });
  });
});
