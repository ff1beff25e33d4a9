/**
 * The line-end pass while typing (web mode, the reference page): after text
 * is typed at the start of a paragraph, every one of its lines moves, and
 * once the pass has run again each full-width closing mark that ends a line
 * is set half width (inside `.bm-halt`) — read from the live DOM, character
 * by character, independently of the pass's own measuring. And what typing
 * leaves (the pass keeps the marks of the lines an edit cannot move,
 * line-end-memory.ts) is what the pass sets from scratch, as print does.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';
import { typesetSettled } from './support/typeset-settled';
import { e2eUnavailable, SEED_FILE } from './support/web';

const skip = e2eUnavailable();

/** Line-end closing marks of the story's body paragraphs that are not set half width. */
async function fullWidthLineEnds(page: Page, blockId: string): Promise<{ marks: number; missed: string[] }> {
  return page.evaluate((id) => {
    const HALF = new Set([...'，。、：；！？”’）》」』】〗〕〉］｝']);
    let marks = 0;
    const missed: string[] = [];
    for (const p of document.querySelectorAll<HTMLElement>(`[data-block-id="${id}"] .bm-body p`)) {
      const chars: { ch: string; el: Element | null; mid: number; left: number; half: number }[] = [];
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n as Text;
        for (let i = 0; i < t.data.length; i++) {
          if (/\s/.test(t.data[i]!)) continue;
          range.setStart(t, i);
          range.setEnd(t, i + 1);
          const r = range.getBoundingClientRect();
          if (r.height > 0) chars.push({ ch: t.data[i]!, el: t.parentElement, mid: r.top + r.height / 2, left: r.left, half: r.height / 2 });
        }
      }
      for (let i = 0; i + 1 < chars.length; i++) {
        const c = chars[i]!;
        const next = chars[i + 1]!;
        const endsLine = Math.abs(next.mid - c.mid) > c.half || next.left < c.left - 0.5;
        if (!endsLine || !HALF.has(c.ch)) continue;
        marks++;
        if (!c.el?.closest('.bm-halt')) missed.push(chars.slice(Math.max(0, i - 6), i + 1).map((x) => x.ch).join(''));
      }
    }
    return { marks, missed };
  }, blockId);
}

/**
 * Every body paragraph's composition as the DOM shows it: for each, the text
 * offsets of the characters set half width (`h`) and of those with a
 * Han–Western gap before them (`g`).
 */
async function composition(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('.bm-body p')].map((p) => {
      const out: string[] = [];
      let at = 0;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const t = n as Text;
        const el = t.parentElement;
        const flags = `${el?.closest('.bm-halt') ? 'h' : ''}${el?.closest('.bm-autospace') ? 'g' : ''}`;
        if (flags) out.push(`${at}${flags}`);
        at += t.data.length;
      }
      return `${p.textContent!.slice(0, 6)}: ${out.join(' ')}`;
    }),
  );
}

/** Puts the caret after the `n`th character of the story's `index`th body paragraph. */
async function caretAt(page: Page, blockId: string, index: number, n: number): Promise<void> {
  await page.evaluate(
    ({ blockId, index, n }) => {
      const p = document.querySelectorAll(`[data-block-id="${blockId}"] .bm-body p`)[index]!;
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let left = n;
      for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
        if (left <= t.data.length) {
          const sel = document.getSelection()!;
          sel.collapse(t, left);
          return;
        }
        left -= t.data.length;
      }
      throw new Error('no such character');
    },
    { blockId, index, n },
  );
}

describe.skipIf(skip !== null)(`line-end punctuation while typing (web mode)${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let app: WebApp;
  let page: Page;

  beforeAll(async () => {
    app = await openWebApp(SEED_FILE);
    page = app.page;
    await page.waitForFunction(() => document.querySelectorAll('.bm-halt').length > 0);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('sets every line-end mark of a paragraph half width again after typing moves all its lines', async () => {
    // The pass settles over a few frames after the page opens: the page says when.
    await typesetSettled(page);
    const before = await fullWidthLineEnds(page, 'lead');
    expect(before.missed).toEqual([]);
    expect(before.marks).toBeGreaterThan(3);
    // The caret at the start of the lead's first paragraph, then two characters and a comma: every line after moves.
    const at = await page.evaluate(() => {
      const p = document.querySelector('[data-block-id="lead"] .bm-body p')!;
      const range = document.createRange();
      range.setStart(p.firstChild!, 0);
      range.setEnd(p.firstChild!, 1);
      const r = range.getBoundingClientRect();
      return { x: r.left + 1, y: r.top + r.height / 2 };
    });
    await page.mouse.click(at.x, at.y);
    await page.keyboard.press('Home');
    for (const ch of ['近', '日', '，']) await page.keyboard.insertText(ch);
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-block-id="lead"] .bm-body p')!.textContent!.slice(0, 4)), { timeout: 10_000 }).toBe('近日，社');
    await typesetSettled(page);
    const after = await fullWidthLineEnds(page, 'lead');
    expect(after.missed).toEqual([]);
    expect(after.marks).toBeGreaterThan(3);
    console.log(`line-end marks in the lead: ${before.marks} before typing, ${after.marks} after, all half width`);
  }, 60_000);

  it('sets what print sets from scratch after typing character by character in the middle and at the end of paragraphs', async () => {
    await typesetSettled(page);
    // The longest story: each key is its own edit, and the lines before it keep what they settled.
    const longest = await page.evaluate(() => {
      let best: HTMLElement | null = null;
      for (const s of document.querySelectorAll<HTMLElement>('[data-kind="story"]')) if (!best || s.textContent!.length > best.textContent!.length) best = s;
      return best!.dataset['blockId']!;
    });
    const typed = '萧山区持续推进基层治理现代化建设，让群众获得感成色更足、幸福感更可持续。安全感2026年更有保障';
    const places: [number, number][] = [
      [0, 60],
      [1, 1_000],
    ];
    for (const [index, n] of places) {
      await page.evaluate(() => (document.querySelector('.ProseMirror') as HTMLElement).focus());
      const length = await page.evaluate(({ id, index }) => document.querySelectorAll(`[data-block-id="${id}"] .bm-body p`)[index]!.textContent!.length, { id: longest, index });
      await caretAt(page, longest, index, Math.min(n, length));
      // ProseMirror takes the DOM selection on selectionchange.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      for (const ch of typed) {
        await page.keyboard.insertText(ch);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
      }
    }
    await typesetSettled(page);
    const typing = await composition(page);
    const story = await page.evaluate((id) => document.querySelector(`[data-block-id="${id}"]`)!.textContent!, longest);
    expect(story.split(typed).length).toBe(3);
    // From scratch, as print starts: a face-arrival event that names no face resets the whole page.
    await page.evaluate(() => document.fonts.dispatchEvent(new Event('loadingdone')));
    await typesetSettled(page);
    const scratch = await composition(page);
    expect(typing).toEqual(scratch);
    expect(scratch.join(' ').match(/h/g)!.length).toBeGreaterThan(20);
  }, 120_000);
});
