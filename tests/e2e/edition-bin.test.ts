/**
 * The story bin is the edition's (docs/decisions/0031-edition-story-bin.md),
 * end to end in Chromium against `banmian web` on a copy of the reference
 * edition: with page 3 shown, copy is imported into the bin; the bin lists
 * the same items on another page; a story dragged from it lands on page 3;
 * one undo puts it back; saved, the file holds it on page 3 and the rest in
 * the edition's bin (`bin.json`), and a new session shows it on page 3.
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile } from '../../electron/node/storage/index';
import { splitEditionJson } from '../../shared/edition/edition-children';
import { gridMetrics } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import { e2eUnavailable } from './support/web';
import { openEditionCopy } from './support/web-app';
import type { OpenedEditionCopy } from './support/web-app';

const skip = e2eUnavailable();
const SEED_TEXT = resolve('fixtures/seed/000_06c4c4664c43f101.txt');

let opened: OpenedEditionCopy;
let page: Page;

function activeIndex(): Promise<string | null> {
  return page.getAttribute('[data-status="page"]', 'data-value');
}

async function showPage(index: number): Promise<void> {
  for (let i = Number(await activeIndex()); i !== index; i += index > i ? 1 : -1) {
    await page.keyboard.press(index > i ? 'PageDown' : 'PageUp');
    await expect.poll(() => activeIndex()).toBe(String(index > i ? i + 1 : i - 1));
  }
  await page.waitForSelector('.bm-page');
}

async function binIds(): Promise<string[]> {
  return page.$$eval('.bm-bin-item', (els) => els.map((e) => (e as HTMLElement).dataset['binId']!));
}

async function placedIds(): Promise<string[]> {
  return page.$$eval('.bm-page > [data-block-id]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']!));
}

/** Drags a bin item to the middle of grid cell (col, line) of the page shown. */
async function dragToCell(selector: string, col: number, line: number, settings: PageSettings): Promise<void> {
  const m = gridMetrics(settings);
  const frame = await page.$eval('.bm-page', (e) => {
    const r = e.getBoundingClientRect();
    return { left: r.left, top: r.top, scale: r.width / (e as HTMLElement).offsetWidth };
  });
  const to = {
    x: frame.left + (m.typeLeftPx + col * (m.columnPx + m.gutterPx) + m.columnPx / 2) * frame.scale,
    y: frame.top + (m.typeTopPx + line * m.linePx + m.linePx / 2) * frame.scale,
  };
  const from = (await page.locator(selector).boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

describe.skipIf(skip)('the edition\'s story bin (web mode, Chromium, reference edition)', () => {
  beforeAll(async () => {
    opened = await openEditionCopy('bm-edition-bin-');
    page = opened.app.page;
    await page.waitForSelector('[data-kind="bin"]');
    // PageDown and PageUp are the editor's keys: the caret goes into the lead first.
    await page.click('.bm-page > [data-block-id="lead"] .bm-body p >> nth=0');
  });
  afterAll(() => opened?.close());

  let placedId = '';
  let page3Settings: PageSettings;

  it('imports copy with page 3 shown; the bin lists the same items on page 2', async () => {
    await showPage(2);
    const settings = await readBanmianFile(opened.file);
    if (!settings.ok) throw new Error(settings.error.message);
    page3Settings = (splitEditionJson(settings.value.pages).pages[2] as { attrs: { settings: PageSettings } }).attrs.settings;
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-command="importCopy"]');
    await (await chooser).setFiles(SEED_TEXT);
    await page.waitForSelector('.bm-bin-item');
    const items = await binIds();
    expect(items.length).toBeGreaterThan(1);
    await showPage(1);
    expect(await binIds()).toEqual(items);
    await showPage(2);
    expect(await binIds()).toEqual(items);
  });

  it('places a story from the bin onto page 3, the page shown; one undo puts it back in the bin', async () => {
    const before = await binIds();
    const onPage = await placedIds();
    placedId = before[0]!;
    await dragToCell(`.bm-bin-item[data-bin-id="${placedId}"]`, 0, 100, page3Settings);
    await page.waitForSelector(`.bm-page > [data-block-id="${placedId}"]`);
    expect(await activeIndex()).toBe('2');
    expect(await placedIds()).toEqual([...onPage, placedId]);
    expect(await binIds()).toEqual(before.filter((id) => id !== placedId));
    await page.keyboard.press('Control+z');
    await expect.poll(() => placedIds()).toEqual(onPage);
    expect(await binIds()).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForSelector(`.bm-page > [data-block-id="${placedId}"]`);
  });

  it('saves it on page 3 and the rest in the edition bin; a new session shows it on page 3', async () => {
    const rest = await binIds();
    await page.click('[data-command="save"]');
    await expect
      .poll(
        async () => {
          const r = await readBanmianFile(opened.file);
          return r.ok && JSON.stringify(splitEditionJson(r.value.pages).pages[2]).includes(`"id":"${placedId}"`) ? 'saved' : await page.textContent('.bm-message');
        },
        { timeout: 20_000 },
      )
      .toBe('saved');
    const saved = await readBanmianFile(opened.file);
    if (!saved.ok) throw new Error(saved.error.message);
    const { pages, bin } = splitEditionJson(saved.value.pages);
    expect(pages).toHaveLength(8);
    expect(pages.filter((p) => JSON.stringify(p).includes(`"id":"${placedId}"`))).toHaveLength(1);
    expect((bin as { content: { attrs: { id: string } }[] }).content.map((item) => item.attrs.id)).toEqual(rest);

    await opened.app.restart();
    await page.waitForSelector('.bm-page > [data-block-id="lead"]');
    expect(await binIds()).toEqual(rest);
    expect(await placedIds()).not.toContain(placedId);
    await page.click('.bm-page > [data-block-id="lead"] .bm-body p >> nth=0');
    await showPage(2);
    expect(await placedIds()).toContain(placedId);
  });
});
