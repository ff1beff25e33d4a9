/**
 * Copyfit, measured from the DOM: how many characters of a story's body do
 * not fit its box (overset), and how many grid lines are left empty at its
 * end (underset). The body is a fixed-height multicol box, so text that does
 * not fit flows into columns beyond its right edge; a character is overset
 * when its Range rect starts right of the last column's box.
 */

export interface StoryFit {
  /** Characters that do not fit (0 when all fit). */
  overset: number;
  /** Empty grid lines after the last line (0 when full or overset). */
  undersetLines: number;
}

export interface TextIndex {
  nodes: Text[];
  /** starts[i] = index of nodes[i]'s first UTF-16 unit in the concatenated text. */
  starts: number[];
  length: number;
}

export function indexText(root: HTMLElement): TextIndex {
  const nodes: Text[] = [];
  const starts: number[] = [];
  let length = 0;
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const t = n as Text;
    if (t.data.length === 0) continue;
    nodes.push(t);
    starts.push(length);
    length += t.data.length;
  }
  return { nodes, starts, length };
}

/** The text node holding UTF-16 index `i` of `index`'s text, and `i`'s offset in it. */
export function locate(index: TextIndex, i: number): { node: Text; offset: number } {
  let lo = 0;
  let hi = index.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (index.starts[mid]! <= i) lo = mid;
    else hi = mid - 1;
  }
  return { node: index.nodes[lo]!, offset: i - index.starts[lo]! };
}

/** The first client rect of the character at UTF-16 index i, or null if it has none (collapsed space). */
export function charRect(index: TextIndex, range: Range, i: number): DOMRect | null {
  const { node, offset } = locate(index, i);
  range.setStart(node, offset);
  range.setEnd(node, Math.min(node.data.length, offset + 1));
  const rects = range.getClientRects();
  return rects.length > 0 ? rects[0]! : null;
}

export function codePoints(index: TextIndex, from: number): number {
  let count = 0;
  for (let k = 0; k < index.nodes.length; k++) {
    const node = index.nodes[k]!;
    const start = index.starts[k]!;
    const end = start + node.data.length;
    if (end <= from) continue;
    count += Array.from(node.data.slice(Math.max(0, from - start))).length;
  }
  return count;
}

/**
 * The first character index that does not fit, given that the last one does
 * not and that "outside" is monotone in text order (a binary search: a few
 * dozen rectangle reads, not one per character).
 */
export function firstOutside(index: TextIndex, isOut: (i: number) => boolean): number {
  let lo = 0;
  let hi = index.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isOut(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Measures one story body. `linePx` is the grid line pitch at 100 %; the
 * body may be scaled by a zoom transform, which is read from its box.
 */
export function measureBody(body: HTMLElement, linePx: number): StoryFit {
  const box = body.getBoundingClientRect();
  const layoutWidth = body.offsetWidth;
  const layoutHeight = body.offsetHeight;
  if (layoutWidth === 0) return { overset: 0, undersetLines: 0 };
  const scale = box.width / layoutWidth;
  const lineCount = Math.round(layoutHeight / linePx);
  const tolerance = 0.5 * scale;
  const index = indexText(body);
  const range = body.ownerDocument.createRange();

  const outside = (r: DOMRect): boolean => r.left >= box.right - tolerance || r.top >= box.bottom - tolerance;
  // Whether the character at i lies outside the box; a character without a
  // box (a collapsed space) counts as where its predecessor is.
  const isOut = (i: number): boolean => {
    for (let k = i; k >= 0 && k > i - 16; k--) {
      const r = charRect(index, range, k);
      if (r) return outside(r);
    }
    return false;
  };

  if (index.length > 0 && isOut(index.length - 1)) {
    // Columns fill in text order, so "outside" is monotone.
    return { overset: codePoints(index, firstOutside(index, isOut)), undersetLines: 0 };
  }

  // Everything fits: find where the flow ends (the last text, or the last
  // block if it is empty) and count the grid lines after it.
  const last = body.lastElementChild as HTMLElement | null;
  if (!last) return { overset: 0, undersetLines: lineCount };
  let end: DOMRect | null = null;
  if (last.textContent !== '' && index.length > 0) end = charRect(index, range, index.length - 1);
  if (!end) {
    const rects = last.getClientRects();
    end = rects.length > 0 ? rects[rects.length - 1]! : null;
  }
  if (!end) return { overset: 0, undersetLines: 0 };
  if (outside(end)) return { overset: 0, undersetLines: 0 };
  const columns = Math.max(1, parseInt(getComputedStyle(body).columnCount, 10) || 1);
  const pitch = box.width / columns + (parseFloat(getComputedStyle(body).columnGap) || 0) * scale / columns;
  const column = Math.min(columns - 1, Math.max(0, Math.floor((end.left - box.left + tolerance) / pitch)));
  const usedLines = Math.min(lineCount, Math.max(0, Math.round((end.bottom - box.top) / (linePx * scale))));
  return { overset: 0, undersetLines: (columns - 1 - column) * lineCount + (lineCount - usedLines) };
}
