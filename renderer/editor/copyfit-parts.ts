/**
 * Copyfit of one text part against its frame, measured from the DOM: how
 * many characters lie outside the frame (a character is out when its box is
 * not wholly inside), and how many lines of the part's own leading it is
 * taller than the frame. Used for every text that is not a story body
 * (heads, byline, crossheads, caption and credit, 导读, labels, masthead).
 */
import { charRect, codePoints, firstOutside, indexText } from './copyfit';
import type { TextIndex } from './copyfit';

/** A box in client px. */
export interface Frame {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function frameOf(el: Element): Frame {
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
}

export function intersect(a: Frame, b: Frame): Frame {
  return { left: Math.max(a.left, b.left), top: Math.max(a.top, b.top), right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) };
}

/** Past this many characters the count is a binary search from the end (overflow is at the end once aligned `safe`). */
const LINEAR_LIMIT = 400;

/**
 * Code points of the text under `el` that are not wholly inside `frame`
 * (with `tolerance` px of slack). Across its line a character is its line
 * box (its centre ± half the leading: glyph boxes of a face are taller than
 * a tight leading, and that is not overset); along the line, its own box. A
 * character without a box (a collapsed space) counts as where its
 * predecessor is.
 */
export function charsOutside(el: HTMLElement, frame: Frame, tolerance = 1): number {
  const index: TextIndex = indexText(el);
  if (index.length === 0) return 0;
  const range = el.ownerDocument.createRange();
  const style = getComputedStyle(el);
  const vertical = style.writingMode.startsWith('vertical') || style.writingMode.startsWith('sideways');
  const box = el.getBoundingClientRect();
  // The zoom, from the height: a 长扁字 head is scaled across only.
  const scale = el.offsetHeight > 0 ? box.height / el.offsetHeight : el.offsetWidth > 0 ? box.width / el.offsetWidth : 1;
  const half = ((parseFloat(style.lineHeight) || 0) * scale) / 2;
  const out = (r: DOMRect): boolean => {
    let { left, right, top, bottom } = r;
    if (half > 0 && vertical) {
      const c = (left + right) / 2;
      left = c - half;
      right = c + half;
    } else if (half > 0) {
      const c = (top + bottom) / 2;
      top = c - half;
      bottom = c + half;
    }
    return left < frame.left - tolerance || right > frame.right + tolerance || top < frame.top - tolerance || bottom > frame.bottom + tolerance;
  };
  const isOut = (i: number): boolean => {
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const r = charRect(index, range, k);
      if (r) return out(r);
    }
    return false;
  };
  if (index.length > LINEAR_LIMIT && !isOut(0)) {
    if (!isOut(index.length - 1)) return 0;
    return codePoints(index, firstOutside(index, isOut));
  }
  let count = 0;
  for (let k = 0; k < index.nodes.length; k++) {
    const node = index.nodes[k]!;
    const start = index.starts[k]!;
    let i = 0;
    for (const ch of node.data) {
      if (isOut(start + i)) count++;
      i += ch.length;
    }
  }
  return count;
}

/**
 * Lines of `text`'s own leading by which its block size (height, or width
 * when set vertically) exceeds `frame`'s; 0 when it fits.
 */
export function linesOver(text: HTMLElement, frame: HTMLElement): number {
  const style = getComputedStyle(text);
  const vertical = style.writingMode.startsWith('vertical') || style.writingMode.startsWith('sideways');
  const size = vertical ? text.offsetWidth : text.offsetHeight;
  const room = vertical ? frame.clientWidth : frame.clientHeight;
  const over = size - room;
  if (over <= 0.5) return 0;
  const leading = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2 || 16;
  return Math.max(1, Math.ceil(over / leading - 0.05));
}
