/**
 * Copyfit measures only the blocks that changed (web mode, the reference
 * page; renderer/editor/copyfit-changes.ts, decision 0033): while typing,
 * a pass measures the typed block and keeps every other block's last fit,
 * and what the page then says — every block's `data-overset`,
 * `data-overset-parts` and `data-underset-lines`, every part's overset mark
 * and clip — is what measuring the whole page from scratch says. Typed: a
 * story's body until it is overset, a headline until it runs over its
 * lines, a photo caption, deletions back, and a photo moved up the page
 * (its geometry: the story it lands on takes a new shape).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';
import { typesetSettled } from './support/typeset-settled';
import { caretAtEnd } from './copyfit-support';
import { e2eUnavailable, SEED_FILE } from './support/web';
import { blockBox, ctrlClickBlock } from './arrange-support';

const skip = e2eUnavailable();

/** Everything copyfit writes on the page, block by block. */
function copyfitMarks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.bm-page > .bm-block[data-block-id]')].map((b) => {
      const d = b.dataset;
      const inner = [...b.querySelectorAll<HTMLElement>('[data-fit-over], [data-fit-clip]')].map(
        (el) => `${el.className}:${el.dataset['fitOver'] ?? '-'}:${el.dataset['fitClip'] ?? '-'}:${el.style.getPropertyValue('clip-path')}`,
      );
      return `${d['blockId']} overset=${d['overset']} parts=${d['oversetParts'] ?? ''} underset=${d['undersetLines'] ?? ''} ${inner.join(' ')}`;
    }),
  );
}

/** The `bm-copyfit` measures so far: blocks measured of the blocks on the page. */
function copyfitPasses(page: Page): Promise<{ measured: number; blocks: number }[]> {
  return page.evaluate(() =>
    performance.getEntriesByName('bm-copyfit').map((e) => (e as PerformanceMeasure).detail as { measured: number; blocks: number }),
  );
}

/** Puts the caret at the end of `selector`'s text and types `text` one key at a time, a frame after each. */
async function typeAtEnd(page: Page, selector: string, text: string): Promise<void> {
  await caretAtEnd(page, selector);
  for (const ch of text) {
    await page.keyboard.insertText(ch);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
}

/** Deletes `n` characters before the caret, one key at a time. */
async function backspace(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await page.keyboard.press('Backspace');
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  }
}

/** Every block measured again from scratch (a face-arrival event naming no face resets the page), then what the page says. */
async function fromScratch(page: Page): Promise<string[]> {
  const before = (await copyfitPasses(page)).length;
  await page.evaluate(() => document.fonts.dispatchEvent(new Event('loadingdone')));
  await typesetSettled(page);
  const passes = (await copyfitPasses(page)).slice(before);
  // The pass after the reset measured every block.
  expect(passes.length).toBeGreaterThan(0);
  for (const p of passes) expect(p.measured).toBe(p.blocks);
  return copyfitMarks(page);
}

describe.skipIf(skip !== null)(`copyfit of the changed blocks (web mode)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let app: WebApp;
  let page: Page;

  beforeAll(async () => {
    app = await openWebApp(SEED_FILE);
    page = app.page;
    await typesetSettled(page);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('measures only the typed block while typing, and ends where measuring the whole page ends', async () => {
    const start = await copyfitMarks(page);
    const story = '[data-block-id="academicians"]';
    const typed = '萧山区持续推进基层治理现代化建设，让群众获得感成色更足、幸福感更可持续、安全感更有保障。';
    const mark = (await copyfitPasses(page)).length;

    // A story's body, past its box: overset.
    await typeAtEnd(page, `${story} .bm-body > p:last-child`, typed.repeat(3));
    await typesetSettled(page);
    const typing = (await copyfitPasses(page)).slice(mark);
    // Each key's pass measured the typed story alone (the odd pass after focus or a face measures all).
    expect(typing.length).toBeGreaterThan(typed.length);
    expect(typing.filter((p) => p.measured === 1).length).toBeGreaterThan(typing.length / 2);
    for (const p of typing) expect(p.measured).toBeLessThanOrEqual(p.blocks);
    const overset = await copyfitMarks(page);
    expect(overset).not.toEqual(start);
    expect(overset.find((s) => s.startsWith('academicians '))).toMatch(/overset=[1-9]/);
    expect(overset).toEqual(await fromScratch(page));

    // A headline over its lines, and a caption.
    await typeAtEnd(page, '[data-block-id="marathon"] .bm-headline .bm-linebox-text', '马拉松赛道沿湘湖全程开放市民观赛');
    await typeAtEnd(page, '[data-block-id="landscape-photo"] figcaption', typed);
    await typesetSettled(page);
    const heads = await copyfitMarks(page);
    expect(heads.find((s) => s.startsWith('marathon '))).toMatch(/parts=.*headline/);
    expect(heads).toEqual(await fromScratch(page));

    // Deleting back: the marks go as they came.
    await backspace(page, typed.length);
    await typeAtEnd(page, `${story} .bm-body > p:last-child`, '');
    await backspace(page, typed.length * 3);
    await typesetSettled(page);
    const back = await copyfitMarks(page);
    expect(back.find((s) => s.startsWith('academicians '))).toMatch(/overset=0 /);
    expect(back).toEqual(await fromScratch(page));

    // A block moved by the keyboard, three lines up: its frame and what it covers change.
    const line = (await blockBox(page, 'marathon-photo')).line;
    await ctrlClickBlock(page, 'marathon-photo');
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowUp');
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    }
    await typesetSettled(page);
    expect((await blockBox(page, 'marathon-photo')).line).toBe(line - 3);
    expect(await copyfitMarks(page)).toEqual(await fromScratch(page));
  }, 240_000);
});
