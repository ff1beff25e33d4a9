/**
 * Typed and pasted copy set as intake sets it (normalize-plugin.ts), in the
 * real page: the reference page in the editor over web mode, keys pressed
 * and the clipboard pasted with Ctrl+V. ASCII marks between Han characters
 * come out full width; times, decimals and URLs stay as typed; one undo gives
 * back exactly what was typed or pasted, the next takes it away.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eUnavailable, openFileInEditor, SEED_FILE } from './support/web';
import type { EditorOnFile } from './support/web';

const skip = e2eUnavailable();
const TARGET = '[data-block-id="marathon"] .bm-body p:nth-of-type(2)';

const textOf = (page: Page): Promise<string> => page.$eval(TARGET, (p) => p.textContent ?? '');

/** Clicks into the paragraph and puts the caret at its end, as a person would with a click and End. */
async function caretAtEnd(page: Page): Promise<void> {
  await page.click(TARGET);
  await page.evaluate((selector) => {
    const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
    let last: Text | null = null;
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) last = n;
    document.getSelection()!.collapse(last!, last!.data.length);
  }, TARGET);
  // ProseMirror reads the DOM selection on selectionchange.
  await page.waitForTimeout(50);
}

/** Presses Ctrl+Z until the paragraph reads `text` again (typing is grouped into steps, and each correction is one). */
async function undoBackTo(page: Page, text: string): Promise<number> {
  for (let presses = 1; presses <= 40; presses++) {
    await page.keyboard.press('Control+z');
    if ((await textOf(page)) === text) return presses;
  }
  return -1;
}

describe.skipIf(skip !== null)(`typed and pasted marks set full width in the editor${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let editor: EditorOnFile;
  let page: Page;

  beforeAll(async () => {
    editor = await openFileInEditor(SEED_FILE, TARGET);
    page = editor.page;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(editor.server.url).origin });
  }, 120_000);

  afterAll(async () => {
    await editor?.close();
  });

  it('sets typed ASCII marks between Han full width and leaves times, decimals and URLs as typed', async () => {
    const before = await textOf(page);
    await caretAtEnd(page);
    await page.keyboard.type('甲乙,丙丁:戊(己)庚;上午7:30起跑,约2.5万人,见www.example.com/a.');
    await expect
      .poll(() => textOf(page), { timeout: 5_000 })
      .toBe(`${before}甲乙，丙丁：戊（己）庚；上午7:30起跑，约2.5万人，见www.example.com/a.`);
    expect(await undoBackTo(page, before)).toBeGreaterThan(0);
  });

  it('gives back the mark as typed with one undo, and takes the typing away with the next', async () => {
    const before = await textOf(page);
    await caretAtEnd(page);
    await page.keyboard.type('甲乙');
    await page.keyboard.press('Comma');
    await expect.poll(() => textOf(page), { timeout: 5_000 }).toBe(`${before}甲乙，`);
    await page.keyboard.press('Control+z');
    expect(await textOf(page)).toBe(`${before}甲乙,`);
    expect(await undoBackTo(page, before)).toBeGreaterThan(0);
  });

  it('sets pasted copy full width where it lands; one undo gives back the paste as it was', async () => {
    const before = await textOf(page);
    const pasted = '本报讯(记者 张三)近日,名单公布.时间7:30,网址www.example.com';
    await page.evaluate((text) => navigator.clipboard.writeText(text), pasted);
    await caretAtEnd(page);
    await page.keyboard.press('Control+v');
    // The space after 记者 stays (a role word's); 7:30 and the URL stay as they are.
    await expect
      .poll(() => textOf(page), { timeout: 5_000 })
      .toBe(`${before}本报讯（记者 张三）近日，名单公布。时间7:30，网址www.example.com`);
    await page.keyboard.press('Control+z');
    expect(await textOf(page)).toBe(`${before}${pasted}`);
    await page.keyboard.press('Control+z');
    expect(await textOf(page)).toBe(before);
  });
});
