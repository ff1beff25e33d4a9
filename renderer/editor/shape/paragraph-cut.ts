/**
 * Cutting a paragraph at a line: where a shaped story's slot ends, print
 * shows each slot's own lines, so a paragraph crossing a slot edge is cut
 * there into two pieces (see GalleyBody).
 */

/** A place in a paragraph's text: the index of a text node in document order, and an offset in it. */
export interface TextPoint {
  node: number;
  offset: number;
}

function textNodes(el: HTMLElement): Text[] {
  const out: Text[] = [];
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) out.push(t as Text);
  return out;
}

/**
 * The first character of `el` whose line lies below client y `y` (the middle
 * of its box past y), or null when none does. Characters are in line order,
 * so a binary search over them finds it with a few range measurements.
 */
export function lineStart(el: HTMLElement, y: number): TextPoint | null {
  const nodes = textNodes(el);
  const chars: TextPoint[] = [];
  nodes.forEach((t, node) => {
    const text = t.data;
    for (let offset = 0; offset < text.length; offset++) {
      // Never between the halves of a surrogate pair.
      const c = text.charCodeAt(offset);
      if (c >= 0xdc00 && c <= 0xdfff) continue;
      chars.push({ node, offset });
    }
  });
  const range = el.ownerDocument.createRange();
  const below = (p: TextPoint): boolean => {
    const t = nodes[p.node]!;
    const c = t.data.charCodeAt(p.offset);
    range.setStart(t, p.offset);
    range.setEnd(t, Math.min(t.data.length, p.offset + (c >= 0xd800 && c <= 0xdbff ? 2 : 1)));
    const rects = range.getClientRects();
    const r = rects.length > 0 ? rects[0]! : range.getBoundingClientRect();
    return (r.top + r.bottom) / 2 > y;
  };
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (below(chars[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo < chars.length ? chars[lo]! : null;
}

/** Removes everything of `piece` (a deep clone of the measured paragraph) from `at` on. */
export function cutAfter(piece: HTMLElement, at: TextPoint): void {
  const t = textNodes(piece)[at.node];
  if (!t) return;
  const range = piece.ownerDocument.createRange();
  range.setStart(t, at.offset);
  range.setEnd(piece, piece.childNodes.length);
  range.deleteContents();
}

/** Removes everything of `piece` before `at`. */
export function cutBefore(piece: HTMLElement, at: TextPoint): void {
  const t = textNodes(piece)[at.node];
  if (!t) return;
  const range = piece.ownerDocument.createRange();
  range.setStart(piece, 0);
  range.setEnd(t, at.offset);
  range.deleteContents();
}
