/**
 * Han–Western spacing on screen: the reference page opened in the editor
 * (web mode), every body paragraph's characters read from the DOM, and every
 * Han–Western pair of shared/text/autospace.ts judged where it was laid out.
 * Then typing makes a new pair, which gets its gap, and one undo takes the
 * typing back (the pass's decorations are not in the history).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autospaceBoundaries } from '../../shared/text/autospace';
import { endsLineWhole } from './support/autospace-pdf';
import { e2eUnavailable, SEED_FILE } from './support/web';
import { openWebApp } from './support/web-app';
import type { WebApp } from './support/web-app';

const skip = e2eUnavailable();
/** Body size of the reference page: 9 pt. */
const EM_PX = 12;

interface ScreenChar {
  /** Offset in the paragraph's text. */
  at: number;
  /** Layout px from the left of the character's text column. */
  left: number;
  right: number;
  top: number;
  /** Whether the character carries the gap decoration. */
  gap: boolean;
}

interface ScreenParagraph {
  story: string;
  text: string;
  autospaced: boolean;
  textAutospace: string;
  columnWidth: number;
  chars: ScreenChar[];
}

function readParagraphs(page: Page): Promise<ScreenParagraph[]> {
  return page.$$eval('.bm-story .bm-body p', (ps) =>
    ps.map((p) => {
      const body = p.closest('.bm-body') as HTMLElement;
      const box = body.getBoundingClientRect();
      const scale = box.width / body.offsetWidth;
      const style = getComputedStyle(body);
      const count = Number(style.columnCount) || 1;
      const gapPx = parseFloat(style.columnGap) || 0;
      const columnWidth = (body.clientWidth - (count - 1) * gapPx) / count;
      const chars: ScreenChar[] = [];
      const range = document.createRange();
      const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
      let text = '';
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        for (let i = 0; i < n.data.length; i++) {
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getBoundingClientRect();
          const x = (r.left - box.left) / scale;
          const column = Math.min(count - 1, Math.floor((x + 1) / (columnWidth + gapPx)));
          const origin = column * (columnWidth + gapPx);
          chars.push({
            at: text.length + i,
            left: x - origin,
            right: (r.right - box.left) / scale - origin,
            top: (r.top - box.top) / scale,
            gap: !!n.parentElement?.closest('.bm-autospace'),
          });
        }
        text += n.data;
      }
      return {
        story: (p.closest('.bm-story') as HTMLElement).dataset['blockId'] ?? '',
        text,
        autospaced: p.classList.contains('bm-autospaced'),
        textAutospace: getComputedStyle(p).getPropertyValue('text-autospace'),
        columnWidth,
        chars,
      };
    }),
  );
}

interface Judged {
  gaps: { pair: string; px: number }[];
  missing: string[];
  tight: string[];
  split: { pair: string; end: number; start: number; gap: boolean }[];
}

function judge(paragraphs: ScreenParagraph[]): Judged {
  const j: Judged = { gaps: [], missing: [], tight: [], split: [] };
  for (const p of paragraphs) {
    const at = new Map(p.chars.map((c) => [c.at, c]));
    for (const b of autospaceBoundaries(p.text)) {
      const r = at.get(b)!;
      const x = at.get(b - 1) ?? at.get(b - 2)!;
      const pair = `${p.text.slice(Math.max(0, b - 3), b)}|${p.text.slice(b, b + 3)}`;
      if (Math.abs(r.top - x.top) > EM_PX / 2) {
        j.split.push({ pair, end: x.right - p.columnWidth, start: r.left, gap: r.gap });
      } else if (r.gap) {
        j.gaps.push({ pair, px: +(r.left - x.right).toFixed(2) });
      } else {
        // On one line without a gap: only a run that ends the line, fitting there only without it.
        const lineEnd = p.chars.filter((c) => Math.abs(c.top - r.top) <= EM_PX / 2 && c.at >= b).at(-1)!;
        const rest = p.text.slice(b, lineEnd.at + 1);
        if (endsLineWhole(rest) && Math.abs(lineEnd.right - p.columnWidth) < 1) j.tight.push(pair);
        else j.missing.push(pair);
      }
    }
  }
  return j;
}

describe.skipIf(skip !== null)(`Han–Western spacing on screen${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let app: WebApp;
  let paragraphs: ScreenParagraph[];

  beforeAll(async () => {
    app = await openWebApp(SEED_FILE);
    await app.page.waitForFunction(() => document.querySelectorAll('.bm-body p.bm-autospaced').length > 0);
    // The line-end pass settles within a few frames (again after each late font subset): read until two reads agree.
    let previous = '';
    for (let i = 0; i < 20; i++) {
      await app.page.waitForTimeout(250);
      paragraphs = await readParagraphs(app.page);
      const now = JSON.stringify(paragraphs);
      if (now === previous) break;
      previous = now;
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('takes every body paragraph over, Chromium’s own autospace off there', () => {
    expect(paragraphs.length).toBeGreaterThan(20);
    expect(paragraphs.filter((p) => !p.autospaced).map((p) => p.text.slice(0, 10))).toEqual([]);
    expect(new Set(paragraphs.map((p) => p.textAutospace))).toEqual(new Set(['no-autospace']));
  });

  it('puts a quarter em between Han and Latin letters or figures on a line, and none where a break parts them', () => {
    const j = judge(paragraphs);
    console.log(
      `screen: ${j.gaps.length} pairs with a gap of ${Math.min(...j.gaps.map((g) => g.px))}–${Math.max(...j.gaps.map((g) => g.px))} px (em ${EM_PX} px); ` +
        `${j.tight.length} set tight at a line end (${j.tight.join(' ')}); ${j.split.length} parted (${j.split.map((s) => s.pair).join(' ')})`,
    );
    expect(j.gaps.length).toBeGreaterThan(40);
    expect(j.gaps.filter((g) => Math.abs(g.px - EM_PX / 4) > 0.1)).toEqual([]);
    expect(j.missing).toEqual([]);
    expect(j.tight.length).toBeLessThanOrEqual(3);
    expect(j.split.length).toBeGreaterThan(3);
    // The first line ends at the column's right edge, the next starts at its left edge, no gap drawn.
    expect(j.split.filter((s) => s.gap || Math.abs(s.end) > 0.5 || Math.abs(s.start) > 0.5)).toEqual([]);
  });

  it('gives typed Latin letters their gaps, and one undo takes the typing back', async () => {
    const { page } = app;
    const target = '[data-block-id="marathon"] .bm-body p:nth-of-type(2)';
    const before = await page.$eval(target, (p) => p.textContent ?? '');
    // The caret between the first two Han characters after the indent, by a click, then the DOM selection.
    const caret = [...before].findIndex((ch, i) => i > 2 && /\p{Script=Han}/u.test(ch) && /\p{Script=Han}/u.test(before[i - 1]!));
    expect(caret).toBeGreaterThan(0);
    await page.click(target);
    await page.evaluate(({ selector, caret }) => {
      const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
      let left = caret;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (left <= n.data.length) {
          document.getSelection()!.collapse(n, left);
          return;
        }
        left -= n.data.length;
      }
    }, { selector: target, caret });
    await page.waitForTimeout(50);
    // One input event: one transaction, one history event.
    await page.keyboard.insertText('AI');
    await page.waitForTimeout(200);
    const typed = await page.$eval(target, (p) => ({
      text: p.textContent ?? '',
      gaps: [...p.querySelectorAll('.bm-autospace')].map((g) => g.textContent),
    }));
    expect(typed.text).toBe(`${before.slice(0, caret)}AI${before.slice(caret)}`);
    // A gap before the A, and before the Han character after the I.
    expect(typed.gaps).toContain('A');
    expect(typed.gaps).toContain(before[caret]);
    await page.keyboard.press('Control+z');
    await page.waitForTimeout(200);
    expect(await page.$eval(target, (p) => p.textContent)).toBe(before);
  });

  it('takes IME composition next to a figure without losing or doubling characters, then judges the new pair', async () => {
    const { page } = app;
    // Before a figure that follows a Han character in the marathon story: 每隔|2.5 or the like.
    const found = await page.evaluate(() => {
      const ps = [...document.querySelectorAll('[data-block-id="marathon"] .bm-body p')];
      for (const [index, p] of ps.entries()) {
        const text = p.textContent ?? '';
        const m = /\p{Script=Han}[0-9]/u.exec(text.slice(5));
        if (m) return { index, at: m.index + 5 + 1, text };
      }
      return null;
    });
    expect(found).not.toBeNull();
    const { index, at, text: before } = found!;
    const target = `[data-block-id="marathon"] .bm-body p:nth-of-type(${index + 1})`;
    await page.click(target);
    await page.evaluate(({ selector, at }) => {
      const walker = document.createTreeWalker(document.querySelector(selector)!, NodeFilter.SHOW_TEXT);
      let left = at;
      for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
        if (left < n.data.length) {
          document.getSelection()!.collapse(n, left);
          return;
        }
        left -= n.data.length;
      }
    }, { selector: target, at });
    await page.waitForTimeout(50);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await page.waitForTimeout(50);
    await cdp.send('Input.imeSetComposition', { text: '中', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '中' });
    await page.waitForTimeout(200);
    const after = await page.$eval(target, (p) => ({
      text: p.textContent ?? '',
      gaps: [...p.querySelectorAll('.bm-autospace')].map((g) => g.textContent),
    }));
    expect(after.text).toBe(`${before.slice(0, at)}中${before.slice(at)}`);
    // The preedit's letters left no gap behind.
    expect(after.gaps.join('')).not.toMatch(/[a-z]/);
    // Once the composition is over, the pass has judged the new pair like every other:
    // a gap on the line, or none where the break parts it.
    const j = judge(await readParagraphs(page));
    const pair = j.gaps.find((g) => g.pair.endsWith(`中|${before.slice(at, at + 3)}`)) ?? j.split.find((g) => g.pair.endsWith(`中|${before.slice(at, at + 3)}`));
    expect(pair).toBeDefined();
    expect(j.missing).toEqual([]);
    expect(j.gaps.filter((g) => Math.abs(g.px - EM_PX / 4) > 0.1)).toEqual([]);
    expect(j.split.filter((s) => s.gap || Math.abs(s.end) > 0.5 || Math.abs(s.start) > 0.5)).toEqual([]);
    await cdp.detach();
  });
});
