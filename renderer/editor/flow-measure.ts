/**
 * Where a 转版 part's text stops fitting, read from the laid-out body the way
 * copyfit reads it (copyfit.ts: the same text index, character rectangles and
 * binary search): the first character whose line is outside the body's
 * columns, or, when a （下转第N版） line must follow the text, on the last
 * line of the last column (the line copyfit keeps free for it, 0023).
 */
import { charRect, firstOutside, indexText, locate } from './copyfit';

/** The DOM point of the first character that does not fit `body`, or null when all fits. */
export function firstUnfit(body: HTMLElement, linePx: number, reserveLines: number): { node: Text; offset: number } | null {
  const box = body.getBoundingClientRect();
  const layoutWidth = body.offsetWidth;
  if (layoutWidth === 0) return null;
  const scale = box.width / layoutWidth;
  const tolerance = 0.5 * scale;
  const style = getComputedStyle(body);
  const columns = Math.max(1, parseInt(style.columnCount, 10) || 1);
  const gap = (parseFloat(style.columnGap) || 0) * scale;
  const lastColumnLeft = box.right - (box.width - (columns - 1) * gap) / columns;
  const reservedTop = box.bottom - reserveLines * linePx * scale;
  const outside = (r: DOMRect): boolean =>
    r.left >= box.right - tolerance ||
    r.top >= box.bottom - tolerance ||
    (reserveLines > 0 && r.left >= lastColumnLeft - tolerance && (r.top + r.bottom) / 2 >= reservedTop);
  const index = indexText(body);
  if (index.length === 0) return null;
  const range = body.ownerDocument.createRange();
  // A character without a box (a collapsed space) is where its predecessor is.
  const isOut = (i: number): boolean => {
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const r = charRect(index, range, k);
      if (r) return outside(r);
    }
    return false;
  };
  if (!isOut(index.length - 1)) return null;
  return locate(index, firstOutside(index, isOut));
}
