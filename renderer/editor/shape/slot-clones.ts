/**
 * What one slot of a shaped story shows (DESIGN.md §4): the galley
 * paragraphs that reach into its lines, as clones. On screen a slot clones
 * whole paragraphs and reuses a clone while its paragraph is unchanged
 * ({@link fillWindow}); in print it holds exactly the text of its lines,
 * paragraphs cut at its edges ({@link fillExact}). The galley body decides
 * which slots to fill and when.
 */
import type { Node } from 'prosemirror-model';
import { px } from '../../page/css-px';
import { pushOf } from './crosshead-push';
import { cutAfter, cutBefore, lineStart } from './paragraph-cut';

/** A clone shown in a slot, with what it was cloned from. */
export interface Shown {
  node: Node;
  /** The live paragraph element cloned, and its mutation count then. */
  src: HTMLElement;
  version: number;
  el: HTMLElement;
}

export interface CloneSlot {
  box: HTMLElement;
  inner: HTMLElement;
  /** Clones shown, in order. */
  shown: Shown[];
}

/** Where each galley paragraph lies, px from the galley's top (one layout read). */
export interface ParagraphExtents {
  tops: number[];
  bottoms: number[];
  /** The top margin a pushed crosshead carries: a slot's first piece starts above it. */
  leads: number[];
}

export function paragraphExtents(galley: HTMLElement): ParagraphExtents {
  const kids = galley.children;
  const out: ParagraphExtents = { tops: [], bottoms: [], leads: [] };
  for (let k = 0; k < kids.length; k++) {
    const el = kids[k] as HTMLElement;
    out.tops.push(el.offsetTop);
    out.bottoms.push(el.offsetTop + el.offsetHeight);
    out.leads.push(pushOf(el));
  }
  return out;
}

/** Shows the slot's window from galley px y0 down, moved up so y0 is the slot's top. */
function place(clone: CloneSlot, shift: number): void {
  clone.inner.style.transform = shift === 0 ? '' : `translateY(${px(-shift)})`;
}

/**
 * Print: the slot holds exactly the text of its lines [y0, y1). A paragraph
 * running across a slot edge is cut at the first character of the slot's
 * first line (the piece continues without indent) or after the last
 * character of its last line (the piece's last line stays justified).
 */
export function fillExact(
  clone: CloneSlot,
  at: { kids: HTMLCollection; extents: ParagraphExtents; y0: number; y1: number; clientY: (y: number) => number },
): void {
  const { kids, extents, y0, y1, clientY } = at;
  const { tops, bottoms, leads } = extents;
  const pieces: HTMLElement[] = [];
  let shift = 0;
  for (let k = 0; k < kids.length; k++) {
    if (bottoms[k]! <= y0 + 0.5 || tops[k]! >= y1 - 0.5) continue;
    const el = kids[k] as HTMLElement;
    const piece = el.cloneNode(true) as HTMLElement;
    const cuttable = el.tagName === 'P';
    const start = cuttable && tops[k]! < y0 - 0.5 ? lineStart(el, clientY(y0)) : null;
    const end = cuttable && bottoms[k]! > y1 + 0.5 ? lineStart(el, clientY(y1)) : null;
    // The end first: cutting the start moves the offsets after it.
    if (end) cutAfter(piece, end);
    if (start) {
      cutBefore(piece, start);
      piece.classList.add('bm-galley-continued');
    }
    if (end) piece.classList.add('bm-galley-cut');
    if (pieces.length === 0) shift = start ? 0 : y0 - (tops[k]! - leads[k]!);
    pieces.push(piece);
  }
  clone.inner.replaceChildren(...pieces);
  clone.shown = [];
  place(clone, shift);
}

/**
 * Screen: the slot shows clones of the whole paragraphs that reach into its
 * lines [y0, y1), reused by node identity while the live element is the one
 * cloned and unchanged since (`countOf`, its mutation count).
 */
export function fillWindow(
  clone: CloneSlot,
  at: { galley: HTMLElement; node: Node; extents: ParagraphExtents; y0: number; y1: number; countOf: (el: HTMLElement) => number },
): void {
  const { galley, node, y0, y1, countOf } = at;
  const { tops, bottoms, leads } = at.extents;
  const kids = galley.children;
  const n = kids.length;
  let first = 0;
  while (first < n && bottoms[first]! <= y0 + 0.5) first++;
  let last = first;
  while (last < n && tops[last]! < y1 - 0.5) last++;
  const reuse = new Map<Node, Shown[]>();
  for (const c of clone.shown) {
    if (c.src.parentNode !== galley || countOf(c.src) !== c.version) continue;
    const list = reuse.get(c.node);
    if (list) list.push(c);
    else reuse.set(c.node, [c]);
  }
  const next: Shown[] = [];
  let same = clone.shown.length === last - first;
  for (let k = first; k < last; k++) {
    const child = node.child(k);
    const src = kids[k] as HTMLElement;
    const list = reuse.get(child);
    const found = list ? list.findIndex((c) => c.src === src) : -1;
    const shown = found >= 0 ? list!.splice(found, 1)[0]! : { node: child, src, version: countOf(src), el: src.cloneNode(true) as HTMLElement };
    if (same && clone.shown[k - first] !== shown) same = false;
    next.push(shown);
  }
  if (!same) {
    clone.inner.replaceChildren(...next.map((c) => c.el));
    clone.shown = next;
  }
  // A pushed crosshead's margin is in its clone too: the window starts above it.
  place(clone, first < n ? y0 - (tops[first]! - leads[first]!) : 0);
}
