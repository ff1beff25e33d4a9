/**
 * Editing any page of an edition (issue 11, docs/decisions/0022-active-page.md):
 * the reference edition opens in web mode on page 1; PageDown and the page
 * menu show other pages; text typed on page 3 stays there; page 1's caret
 * and scroll come back; one undo history across pages (undo of the edit on
 * page 3 from page 1 shows page 3); saving writes every page and a new
 * session finds page 3's edit.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile } from '../../electron/node/storage/index';
import { e2eUnavailable } from './support/web';
import { openEditionCopy } from './support/web-app';
import type { OpenedEditionCopy, WebApp } from './support/web-app';

const skip = e2eUnavailable();
const TYPED = '三版新增一句';

/** Ids of the blocks on the page being edited. */
function blockIds(page: Page): Promise<string[]> {
  return page.$$eval('.bm-page > [data-block-id]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']!));
}

function activeIndex(page: Page): Promise<string | null> {
  return page.getAttribute('[data-status="page"]', 'data-value');
}

/** The DOM caret: its text node's text and offset. */
function caret(page: Page): Promise<{ text: string; offset: number }> {
  return page.evaluate(() => {
    const s = document.getSelection()!;
    return { text: s.anchorNode?.textContent ?? '', offset: s.anchorOffset };
  });
}

function scrollTop(page: Page): Promise<number> {
  return page.$eval('.bm-viewport', (e) => e.scrollTop);
}

describe.skipIf(skip !== null)(`pages of an edition${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let opened: OpenedEditionCopy | undefined;
  let file: string;
  let app: WebApp;
  let page: Page;
  let page1Ids: string[];

  beforeAll(async () => {
    opened = await openEditionCopy('bm-edition-pages-');
    app = opened.app;
    file = opened.file;
    page = app.page;
  }, 120_000);

  afterAll(() => opened?.close());

  it('opens on page 1 with every other page a placeholder, and a page menu of 8 pages', async () => {
    expect(await page.locator('.bm-page').count()).toBe(1);
    expect(await page.locator('.bm-page-placeholder').count()).toBe(7);
    page1Ids = await blockIds(page);
    expect(page1Ids).toContain('lead');
    expect(await page.locator('[data-status="page"] option').count()).toBe(8);
    expect(await page.locator('[data-status="page"] option').first().textContent()).toMatch(/^第1版/);
    expect(await activeIndex(page)).toBe('0');
  });

  it('switches with PageDown and the page menu, types on page 3, and brings back page 1’s caret and scroll', async () => {
    await page.click('[data-command="zoomActual"]');
    await page.$eval('.bm-viewport', (e) => (e.scrollTop = 600));
    const para = page.locator('.bm-page > [data-block-id="lead"] .bm-body p').nth(1);
    await para.scrollIntoViewIfNeeded();
    await para.click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    const before = await caret(page);
    const top = await scrollTop(page);
    expect(top).toBeGreaterThan(0);

    await page.keyboard.press('PageDown');
    await expect.poll(() => activeIndex(page)).toBe('1');
    const page2Ids = await blockIds(page);
    expect(page2Ids.some((id) => page1Ids.includes(id))).toBe(false);
    expect(await page.locator('.bm-page').count()).toBe(1);

    await page.selectOption('[data-status="page"]', '2');
    await expect.poll(() => activeIndex(page)).toBe('2');
    const page3Ids = await blockIds(page);
    expect(page3Ids.some((id) => page2Ids.includes(id) || page1Ids.includes(id))).toBe(false);
    const target = page.locator('.bm-page > [data-kind="story"] .bm-body p').first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await page.keyboard.press('End');
    await page.keyboard.type(TYPED);
    await expect.poll(() => page.locator('.bm-page').textContent()).toContain(TYPED);

    await page.selectOption('[data-status="page"]', '0');
    await expect.poll(() => activeIndex(page)).toBe('0');
    expect(await blockIds(page)).toEqual(page1Ids);
    expect(await page.locator('.bm-page').textContent()).not.toContain(TYPED);
    expect(await caret(page)).toEqual(before);
    expect(await scrollTop(page)).toBe(top);
  });

  it('undoes the edit on page 3 from page 1 in one history, showing page 3; redo puts it back', async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(() => activeIndex(page)).toBe('2');
    await expect.poll(() => page.locator('.bm-page').textContent()).not.toContain(TYPED);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.locator('.bm-page').textContent()).toContain(TYPED);
  });

  it('saves every page; a new session finds page 3’s edit on page 3 and page 1 as it was', async () => {
    await page.keyboard.press('Control+s');
    await expect
      .poll(async () => {
        const r = await readBanmianFile(file);
        return r.ok ? r.value.pages.length === 8 && JSON.stringify(r.value.pages[2]).includes(TYPED) : false;
      }, { timeout: 30_000 })
      .toBe(true);
    const saved = await readBanmianFile(file);
    expect(saved.ok && saved.value.pages.filter((p) => JSON.stringify(p).includes(TYPED))).toHaveLength(1);

    await app.restart();
    await page.waitForSelector('.bm-page > [data-block-id="lead"]');
    expect(await blockIds(page)).toEqual(page1Ids);
    await page.click('.bm-page > [data-block-id="lead"] .bm-body p >> nth=0');
    await page.keyboard.press('PageDown');
    await expect.poll(() => activeIndex(page)).toBe('1');
    await page.keyboard.press('PageDown');
    await expect.poll(() => activeIndex(page)).toBe('2');
    expect(await page.locator('.bm-page').textContent()).toContain(TYPED);
  });
});
