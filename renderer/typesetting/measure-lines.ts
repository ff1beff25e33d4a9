/**
 * Reading a laid-out paragraph's lines from the DOM: where each line starts
 * and ends, as offsets in the paragraph's text.
 */
import type { EditorView } from 'prosemirror-view';

/** One laid-out line: offsets of its first and last visible character. */
export interface TextLine {
  start: number;
  end: number;
  /** Each visible character's offset and laid-out width in px (justification included). */
  boxes?: { at: number; width: number }[];
}

const SPACE = /^\s$/;

/**
 * The lines of the paragraph element `dom` whose text starts at document
 * position `start`. A character starts a new line when it sits more than half
 * a line below or above the one before it (a new column) or left of it.
 * White space is skipped: it hangs at a line end and says nothing of the break.
 */
export function measureParagraphLines(view: EditorView, dom: HTMLElement, start: number): TextLine[] {
  const lines: TextLine[] = [];
  const range = dom.ownerDocument.createRange();
  const walker = dom.ownerDocument.createTreeWalker(dom, NodeFilter.SHOW_TEXT);
  let prevMid = Number.NaN;
  let prevLeft = Number.NaN;
  let half = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    const data = text.data;
    if (data.length === 0) continue;
    const base = view.posAtDOM(text, 0) - start;
    for (let i = 0; i < data.length; ) {
      const code = data.codePointAt(i)!;
      const len = code > 0xffff ? 2 : 1;
      const ch = data.slice(i, i + len);
      if (!SPACE.test(ch)) {
        range.setStart(text, i);
        range.setEnd(text, i + len);
        const r = range.getBoundingClientRect();
        if (r.width > 0 || r.height > 0) {
          const mid = r.top + r.height / 2;
          half = half || r.height / 2;
          const offset = base + i;
          const line = lines.at(-1);
          if (!line || Math.abs(mid - prevMid) > half || r.left < prevLeft - 0.5) {
            lines.push({ start: offset, end: offset, boxes: [{ at: offset, width: r.width }] });
          } else {
            line.end = offset;
            line.boxes?.push({ at: offset, width: r.width });
          }
          prevMid = mid;
          prevLeft = r.left;
        }
      }
      i += len;
    }
  }
  return lines;
}
