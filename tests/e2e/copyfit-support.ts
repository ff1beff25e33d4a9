/**
 * End-to-end support for copyfit tests: a block's measured fit as its
 * element says it, a part's text, the caret at the end of a part, and what
 * the page shows around a frame (to prove nothing paints outside it).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import sharp from 'sharp';

export interface SeenFit {
  overset: number;
  parts: { part: string; lines: number; chars: number }[];
}

/** `data-overset` and `data-overset-parts` of a block on the page. */
export function readFit(page: Page, id: string): Promise<SeenFit> {
  return page.$eval(`.bm-page > [data-block-id="${id}"]`, (el) => {
    const d = (el as HTMLElement).dataset;
    return { overset: Number(d['overset'] ?? 'NaN'), parts: d['oversetParts'] ? (JSON.parse(d['oversetParts']) as SeenFit['parts']) : [] };
  });
}

export function partText(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (el) => el.textContent ?? '');
}

/** Puts the caret at the end of the text of `selector` (the editor reads the DOM selection). */
export async function caretAtEnd(page: Page, selector: string): Promise<void> {
  await page.$eval(selector, (el) => {
    (el.closest('.ProseMirror') as HTMLElement | null)?.focus();
    const range = document.createRange();
    range.selectNodeContents(el);
    range.collapse(false);
    const sel = window.getSelection()!;
    sel.removeAllRanges();
    sel.addRange(range);
  });
  // ProseMirror takes the DOM selection on selectionchange.
  await page.waitForFunction(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true)))));
}

/** Where a strip is and its pixels (RGB). */
export interface Strip {
  where: string;
  width: number;
  rgb: Buffer;
}

/**
 * Four strips of the page around the frame of `selector` (above, below,
 * left, right; 2 px off its edges and 40 px deep; the overset frame and mark
 * hidden), clipped to the page and the viewport, after scrolling the frame
 * to the middle: the same before and after an edit when the edit painted
 * nothing outside the frame (compare with {@link stripsDiffer}).
 */
export async function pageAround(page: Page, selector: string): Promise<Strip[]> {
  // The overset frame and mark are checked on their own: here only what the text paints counts.
  await page.addStyleTag({ content: '.bm-page > .bm-block { outline: none !important; } .bm-page > .bm-block::after { display: none !important; }' }).then((h) =>
    h.evaluate((e) => (e as Element).setAttribute('data-test-no-marks', '')),
  );
  const rects = await page.$eval(selector, (el) => {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    const f = el.getBoundingClientRect();
    const p = document.querySelector('.bm-page')!.getBoundingClientRect();
    const view = { left: 0, top: 0, right: window.innerWidth, bottom: window.innerHeight };
    const g = 2;
    const d = 40;
    const strips = [
      { left: f.left - d, top: f.top - g - d, right: f.right + d, bottom: f.top - g },
      { left: f.left - d, top: f.bottom + g, right: f.right + d, bottom: f.bottom + g + d },
      { left: f.left - g - d, top: f.top - g, right: f.left - g, bottom: f.bottom + g },
      { left: f.right + g, top: f.top - g, right: f.right + g + d, bottom: f.bottom + g },
    ];
    return strips
      .map((s) => ({
        left: Math.ceil(Math.max(s.left, p.left, view.left)),
        top: Math.ceil(Math.max(s.top, p.top, view.top)),
        right: Math.floor(Math.min(s.right, p.right, view.right)),
        bottom: Math.floor(Math.min(s.bottom, p.bottom, view.bottom)),
      }))
      .filter((s) => s.right - s.left >= 1 && s.bottom - s.top >= 1);
  });
  const strips: Strip[] = [];
  for (const r of rects) {
    const png = await page.screenshot({ clip: { x: r.left, y: r.top, width: r.right - r.left, height: r.bottom - r.top }, animations: 'disabled', caret: 'hide' });
    const where = `${r.left},${r.top} ${r.right - r.left}x${r.bottom - r.top}`;
    // BM_SHOTS keeps the strips, to look at when they differ.
    if (process.env['BM_SHOTS']) writeFileSync(join(process.env['BM_SHOTS'], `strip-${where.replace(/\W/g, '_')}-${Date.now()}.png`), png);
    strips.push({ where, width: r.right - r.left, rgb: await sharp(png).removeAlpha().raw().toBuffer() });
  }
  await page.$eval('style[data-test-no-marks]', (e) => e.remove());
  return strips;
}

/**
 * Where two sets of strips differ by more than anti-aliasing noise (a
 * channel off by more than 32 of 255): `x,y` of the first such pixels, per
 * strip; empty when they show the same.
 */
export function stripsDiffer(before: readonly Strip[], after: readonly Strip[]): string[] {
  if (before.map((s) => s.where).join() !== after.map((s) => s.where).join()) return [`strips moved: ${before.map((s) => s.where).join('; ')} → ${after.map((s) => s.where).join('; ')}`];
  const out: string[] = [];
  before.forEach((b, i) => {
    const a = after[i]!;
    for (let k = 0; k < b.rgb.length; k += 3) {
      const d = Math.max(Math.abs(b.rgb[k]! - a.rgb[k]!), Math.abs(b.rgb[k + 1]! - a.rgb[k + 1]!), Math.abs(b.rgb[k + 2]! - a.rgb[k + 2]!));
      if (d > 32) {
        const px = k / 3;
        out.push(`${b.where} at ${px % b.width},${Math.floor(px / b.width)}`);
        if (out.length >= 5) return;
      }
    }
  });
  return out;
}
