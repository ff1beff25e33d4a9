/**
 * Copyfit of one text part against its frame, measured from the DOM: how
 * many characters lie outside the frame (a character is out when its box is
 * not wholly inside), and how many lines of the part's own leading it is
 * taller than the frame. Used for every text that is not a story body
 * (heads, byline, crossheads, caption and credit, 导读, labels, masthead).
 */
import { charRect, codePoints, firstOutside, indexText, locate } from './copyfit';
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

/** What {@link measureText} found. */
export interface TextMeasure {
  /** Code points not wholly inside the frame. */
  chars: number;
  /** The union of the boxes of the characters inside (client px), null when none is. */
  inside: Frame | null;
  /** The frame's sides that characters cross or lie beyond. */
  beyond: { left: boolean; top: boolean; right: boolean; bottom: boolean };
}

/**
 * Measures the text under `el` against `frame` (with `tolerance` px of
 * slack): which characters are not wholly inside it. Across its line a
 * character is its line box (its centre ± half the leading: glyph boxes of a
 * face are taller than a tight leading, and that is not overset); along the
 * line, its own box. A character without a box (a collapsed space) counts
 * as where its predecessor is.
 */
export function measureText(el: HTMLElement, frame: Frame, tolerance = 1): TextMeasure {
  const beyond = { left: false, top: false, right: false, bottom: false };
  const index: TextIndex = indexText(el);
  if (index.length === 0) return { chars: 0, inside: null, beyond };
  const range = el.ownerDocument.createRange();
  const style = getComputedStyle(el);
  const vertical = style.writingMode.startsWith('vertical') || style.writingMode.startsWith('sideways');
  const box = el.getBoundingClientRect();
  // The zoom, from the height: a 长扁字 head is scaled across only.
  const scale = el.offsetHeight > 0 ? box.height / el.offsetHeight : el.offsetWidth > 0 ? box.width / el.offsetWidth : 1;
  const half = ((parseFloat(style.lineHeight) || 0) * scale) / 2;
  const lineBox = (r: DOMRect): Frame => {
    if (half > 0 && vertical) {
      const c = (r.left + r.right) / 2;
      return { left: c - half, right: c + half, top: r.top, bottom: r.bottom };
    }
    if (half > 0) {
      const c = (r.top + r.bottom) / 2;
      return { left: r.left, right: r.right, top: c - half, bottom: c + half };
    }
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
  };
  const outside = (b: Frame): boolean =>
    b.left < frame.left - tolerance || b.right > frame.right + tolerance || b.top < frame.top - tolerance || b.bottom > frame.bottom + tolerance;
  // Digits set upright in a vertical head (横中竖, `.bm-tcy`) are one cell: their box is the run's.
  const upright = (i: number): HTMLElement | null => {
    const { node } = locate(index, i);
    return node.parentElement?.closest<HTMLElement>('.bm-tcy') ?? null;
  };
  const boxAt = (i: number): Frame | null => {
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const tcy = vertical ? upright(k) : null;
      const r = tcy ? tcy.getBoundingClientRect() : charRect(index, range, k);
      if (r) return lineBox(r);
    }
    return null;
  };
  const isOut = (i: number): boolean => {
    const b = boxAt(i);
    return b !== null && outside(b);
  };
  // The common case, cheaply: the element lies in the frame, no line runs out at its side, and
  // its first and last characters are inside (what does not fit runs over at the end).
  if (
    box.left >= frame.left - tolerance &&
    box.right <= frame.right + tolerance &&
    box.top >= frame.top - tolerance &&
    box.bottom <= frame.bottom + tolerance &&
    el.scrollWidth <= el.clientWidth + 1 &&
    !isOut(0) &&
    !isOut(index.length - 1)
  ) {
    return { chars: 0, inside: null, beyond };
  }
  const note = (b: Frame) => {
    beyond.left ||= b.left < frame.left - tolerance;
    beyond.top ||= b.top < frame.top - tolerance;
    beyond.right ||= b.right > frame.right + tolerance;
    beyond.bottom ||= b.bottom > frame.bottom + tolerance;
  };
  if (index.length > LINEAR_LIMIT && !isOut(0)) {
    if (!isOut(index.length - 1)) return { chars: 0, inside: null, beyond };
    // Overflow at the end (aligned `safe`): the characters before the first out are in.
    const first = firstOutside(index, isOut);
    const out = boxAt(first);
    if (out) note(out);
    const last = first > 0 ? boxAt(first - 1) : null;
    const inside = last ? { left: frame.left, top: frame.top, right: beyond.right ? last.right : frame.right, bottom: beyond.bottom ? last.bottom : frame.bottom } : null;
    return { chars: codePoints(index, first), inside, beyond };
  }
  let chars = 0;
  let inside: Frame | null = null;
  for (let k = 0; k < index.nodes.length; k++) {
    const node = index.nodes[k]!;
    const start = index.starts[k]!;
    let i = 0;
    for (const ch of node.data) {
      const b = boxAt(start + i);
      i += ch.length;
      if (!b) continue;
      if (outside(b)) {
        chars++;
        note(b);
      } else {
        inside = inside ? { left: Math.min(inside.left, b.left), top: Math.min(inside.top, b.top), right: Math.max(inside.right, b.right), bottom: Math.max(inside.bottom, b.bottom) } : b;
      }
    }
  }
  return { chars, inside, beyond };
}

/** Code points of the text under `el` not wholly inside `frame` (see {@link measureText}). */
export function charsOutside(el: HTMLElement, frame: Frame, tolerance = 1): number {
  return measureText(el, frame, tolerance).chars;
}

/** Measures the text under `el` against `frame`, clips it to the lines that fit ({@link clipToFit}), and returns the code points outside. */
export function fitChars(el: HTMLElement, frame: Frame): number {
  const m = measureText(el, frame);
  clipToFit(el, m);
  return m.chars;
}

/**
 * Clips `el` to the whole lines of its text that fit (`m` measured against
 * its frame): on each side the text runs beyond, at the last character
 * wholly inside, so no line is painted cut in half at the frame's edge (on
 * screen or in the PDF). Clears the clip when all fits. Only paint changes:
 * the layout, and so the measurement, stay as they are.
 */
export function clipToFit(el: HTMLElement, m: TextMeasure): void {
  if (m.chars === 0) {
    if (el.dataset['fitClip'] !== undefined) {
      delete el.dataset['fitClip'];
      el.style.removeProperty('clip-path');
    }
    return;
  }
  const r = el.getBoundingClientRect();
  const scale = el.offsetHeight > 0 ? r.height / el.offsetHeight : 1;
  const i = m.inside;
  const px = (v: number) => `${Math.round((v / scale) * 64) / 64}px`;
  // Sides the text keeps within are left open (glyph ink may reach past a tight line box); the frame clips them.
  const open = '-4096px';
  // Nothing inside: clip it all.
  const value = !i
    ? 'inset(50%)'
    : `inset(${m.beyond.top ? px(i.top - r.top) : open} ${m.beyond.right ? px(r.right - i.right) : open} ${m.beyond.bottom ? px(r.bottom - i.bottom) : open} ${m.beyond.left ? px(i.left - r.left) : open})`;
  // Also when a view restyled the element since (the attribute stays, the clip went).
  if (el.dataset['fitClip'] !== value || el.style.getPropertyValue('clip-path') === '') {
    el.dataset['fitClip'] = value;
    el.style.setProperty('clip-path', value);
  }
}

/**
 * Lines of `text`'s own leading by which its block size (height, or width
 * when set vertically) exceeds `frame`'s; 0 when it fits.
 */
export function linesOver(text: HTMLElement, frame: HTMLElement): number {
  const style = getComputedStyle(text);
  const vertical = style.writingMode.startsWith('vertical') || style.writingMode.startsWith('sideways');
  // A flex item may be shrunk to its frame: its scroll size is what the text takes.
  const size = vertical ? Math.max(text.offsetWidth, text.scrollWidth) : Math.max(text.offsetHeight, text.scrollHeight);
  const room = vertical ? frame.clientWidth : frame.clientHeight;
  const over = size - room;
  if (over <= 0.5) return 0;
  const leading = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2 || 16;
  return Math.max(1, Math.ceil(over / leading - 0.05));
}
