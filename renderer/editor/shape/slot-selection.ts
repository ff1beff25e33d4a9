/**
 * Text selections in galley bodies that span slots. The live galley shows
 * one slot; the others are clones the browser cannot put a caret in, so:
 *
 * - A press in a shaped body (live slot or clone) is ours: the live galley is
 *   moved to the slot under the pointer and ProseMirror's `posAtCoords` finds
 *   the position there. Shift extends the selection from its anchor. While
 *   the button is held, the slot under the pointer becomes the live one and
 *   the selection's head follows the pointer, from slot to slot in any order.
 * - The selection is drawn on the clones (see GalleyBody.showSelection); the
 *   live slot shows the browser's own highlight.
 *
 * Copy, cut and delete need nothing more: they act on ProseMirror's
 * selection, which holds the whole range whatever slots it crosses.
 */
import { TextSelection } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { galleyOf } from './galley-body';
import type { GalleyBody } from './galley-body';

/** The slot of `g` under a client point, or the nearest one. */
function slotUnder(g: GalleyBody, x: number, y: number): number {
  let best = 0;
  let bestDistance = Infinity;
  g.shape.slots.forEach((_s, i) => {
    const r = g.slotRect(i);
    if (!r) return;
    const dx = x < r.left ? r.left - x : x > r.right ? x - r.right : 0;
    const dy = y < r.top ? r.top - y : y > r.bottom ? y - r.bottom : 0;
    const d = dx * dx + dy * dy;
    if (d < bestDistance) {
      bestDistance = d;
      best = i;
    }
  });
  return best;
}

/** The document position at a client point, read in slot `i` with the live galley moved there. */
function positionIn(view: EditorView, g: GalleyBody, i: number, x: number, y: number): number | null {
  g.activate(i);
  const r = g.slotRect(i);
  if (!r) return null;
  // Inside the slot's box: past its edges the point would hit another block.
  const left = Math.min(Math.max(x, r.left + 1), r.right - 1);
  const top = Math.min(Math.max(y, r.top + 1), r.bottom - 1);
  const hit = view.posAtCoords({ left, top });
  if (!hit) return null;
  const start = g.getPos();
  if (start === undefined) return null;
  // Inside this body: a hit on its edge may resolve just outside it.
  return Math.min(Math.max(hit.pos, start + 1), start + g.node.nodeSize - 1);
}

function select(view: EditorView, anchor: number, head: number): void {
  const doc = view.state.doc;
  const sel = TextSelection.between(doc.resolve(anchor), doc.resolve(head));
  if (!sel.eq(view.state.selection)) view.dispatch(view.state.tr.setSelection(sel));
}

/**
 * The galley body pressed. Clones are inert (not hit-tested, so find in page
 * skips them): a press on one lands on the story beneath, in a clone's box.
 */
function galleyUnder(e: MouseEvent): GalleyBody | undefined {
  const target = e.target as Element | null;
  const body = target?.closest?.('.bm-shaped');
  if (body) return galleyOf(body);
  const story = target?.closest?.('[data-kind="story"]');
  for (const el of story?.querySelectorAll('.bm-shaped') ?? []) {
    const g = galleyOf(el);
    const inSlot = g?.shape.slots.some((_s, i) => {
      const r = g.slotRect(i);
      return r !== null && e.clientX >= r.left && e.clientX <= r.right && e.clientY >= r.top && e.clientY <= r.bottom;
    });
    if (inSlot) return g;
  }
  return undefined;
}

/**
 * A press in a galley body: places the caret (or extends the selection with
 * Shift) at the pointer and follows the pointer while the button is held.
 * True when the press was ours. Double and triple clicks stay the browser's
 * (word and paragraph selection in the live slot).
 */
export function pressGalley(view: EditorView, e: MouseEvent): boolean {
  if (e.button !== 0 || e.detail > 1 || e.ctrlKey || e.metaKey || e.altKey || !view.editable) return false;
  const g = galleyUnder(e);
  if (!g || g.shape.slots.length === 0) return false;
  const pos = positionIn(view, g, slotUnder(g, e.clientX, e.clientY), e.clientX, e.clientY);
  if (pos === null) return false;
  e.preventDefault();
  const anchor = e.shiftKey ? view.state.selection.anchor : pos;
  view.focus();
  select(view, anchor, pos);
  const win = view.dom.ownerDocument.defaultView!;
  const move = (m: MouseEvent) => {
    if ((m.buttons & 1) === 0) return end();
    m.preventDefault();
    const head = positionIn(view, g, slotUnder(g, m.clientX, m.clientY), m.clientX, m.clientY);
    if (head !== null) select(view, anchor, head);
  };
  const end = () => {
    win.removeEventListener('mousemove', move, true);
    win.removeEventListener('mouseup', end, true);
  };
  win.addEventListener('mousemove', move, true);
  win.addEventListener('mouseup', end, true);
  return true;
}

/** Draws the view's selection on the clones of every galley body (clears it where there is none). */
export function drawSlotSelections(view: EditorView, galleys: readonly GalleyBody[]): void {
  const { from, to, empty } = view.state.selection;
  for (const g of galleys) {
    const start = g.getPos();
    if (empty || start === undefined || to <= start + 1 || from >= start + g.node.nodeSize - 1) {
      g.showSelection(null);
      continue;
    }
    const a = view.domAtPos(Math.max(from, start + 1));
    const b = view.domAtPos(Math.min(to, start + g.node.nodeSize - 1));
    const range = view.dom.ownerDocument.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    g.showSelection(range.getClientRects());
  }
}
