/**
 * Reading a laid-out paragraph's lines from the DOM: where each line starts
 * and ends, as offsets in the paragraph's text.
 *
 * Runs after every keystroke in the typed paragraph (the line-end pass), so it
 * does not measure every character: a line's end is searched for from the
 * length of the line before (a column holds a nearly constant number of
 * characters), then by doubling and bisection. A paragraph of 30 lines costs
 * about a hundred character boxes instead of four hundred.
 */
import type { EditorView } from 'prosemirror-view';

/** One laid-out line: offsets of its first and last visible character. */
export interface TextLine {
  start: number;
  end: number;
}

const SPACE = /^\s$/;

/** A visible (non-space) character: where it is in the DOM and in the paragraph text. */
interface Glyph {
  text: Text;
  index: number;
  len: number;
  offset: number;
}

interface GlyphBox {
  mid: number;
  left: number;
  half: number;
}

/** The non-space characters of the paragraph, in order, with their text offsets. */
function glyphsOf(view: EditorView, dom: HTMLElement, start: number): Glyph[] {
  const out: Glyph[] = [];
  const walker = dom.ownerDocument.createTreeWalker(dom, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    const data = text.data;
    if (data.length === 0) continue;
    const base = view.posAtDOM(text, 0) - start;
    for (let i = 0; i < data.length; ) {
      const len = data.codePointAt(i)! > 0xffff ? 2 : 1;
      // White space hangs at a line end and says nothing of the break.
      if (!SPACE.test(data.slice(i, i + len))) out.push({ text, index: i, len, offset: base + i });
      i += len;
    }
  }
  return out;
}

/**
 * The lines of the paragraph element `dom` whose text starts at document
 * position `start`. A character is on the line of the line's first character
 * when it sits within half a line of it vertically, not left of it, and within
 * the column's width of it (a new column starts a new line). Characters with
 * no box (nothing drawn) belong to no line.
 */
export function measureParagraphLines(view: EditorView, dom: HTMLElement, start: number): TextLine[] {
  const glyphs = glyphsOf(view, dom, start);
  const range = dom.ownerDocument.createRange();
  const boxes = new Map<number, GlyphBox | null>();
  const boxAt = (i: number): GlyphBox | null => {
    let b = boxes.get(i);
    if (b !== undefined) return b;
    const g = glyphs[i]!;
    range.setStart(g.text, g.index);
    range.setEnd(g.text, g.index + g.len);
    const r = range.getBoundingClientRect();
    b = r.width > 0 || r.height > 0 ? { mid: r.top + r.height / 2, left: r.left, half: r.height / 2 } : null;
    boxes.set(i, b);
    return b;
  };
  // One rect per column the paragraph runs through; the first is a column's width on screen.
  const columnWidth = dom.getClientRects()[0]?.width ?? 0;
  const lines: TextLine[] = [];
  let guess = 0;
  let i = 0;
  while (i < glyphs.length) {
    const first = boxAt(i);
    if (!first) {
      i++;
      continue;
    }
    // A character without a box (nothing drawn) goes with the next one that has one.
    const onLine = (j: number): boolean => {
      for (let k = j; k < glyphs.length; k++) {
        const b = boxAt(k);
        if (b) return Math.abs(b.mid - first.mid) <= first.half && b.left >= first.left - 0.5 && b.left < first.left + columnWidth;
      }
      return false;
    };
    let end = lineEndBySearch(i, glyphs.length - 1, guess, onLine);
    while (end > i && boxAt(end) === null) end--;
    lines.push({ start: glyphs[i]!.offset, end: glyphs[end]!.offset });
    guess = end - i + 1;
    i = end + 1;
  }
  return lines;
}

/**
 * The last index on the line starting at `from` (`onLine` holds for a prefix
 * of the characters from `from` on): probe at the guessed length, then double
 * forward or bisect back.
 */
function lineEndBySearch(from: number, last: number, guess: number, onLine: (j: number) => boolean): number {
  // lo is known on the line, hi known past it (or one past the last character).
  let lo = from;
  let hi = last + 1;
  const probe = Math.min(last, from + Math.max(guess - 1, 1));
  if (probe > from && onLine(probe)) {
    lo = probe;
    // Usually the next character starts the next line: the guess was right.
    let step = 1;
    while (lo < last) {
      const next = Math.min(last, lo + step);
      if (!onLine(next)) {
        hi = next;
        break;
      }
      lo = next;
      step *= 2;
    }
  } else if (probe > from) {
    hi = probe;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (onLine(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}
