/**
 * Crossheads (小标题) in a galley body belong to one slot. A crosshead takes
 * whole grid lines; where it would cross a slot edge, or end on a slot's last
 * line with the text it heads in the next slot, it is pushed down to the
 * next slot's first line by a top margin of whole lines (the space left at
 * the slot's foot is empty, as in multicol's `break-inside: avoid`; a
 * crosshead at a column's foot with its text in the next, 背题, is a fault). Without
 * this the galley shows half a crosshead at a slot's foot and the rest at the
 * next slot's head, and print (exact pieces, which cut paragraphs only) would
 * print it whole in both.
 *
 * The margin is set on the crosshead NodeView's own element (attribute
 * changes are ignored by the view, see ignoreOwnMutation), in the galley's
 * layout pass; the pushed space counts against the shape's capacity as any
 * galley line does (copyfit).
 */
import type { StoryShape } from '../../../shared/layout/slots';
import { px } from '../../page/css-px';

const CROSSHEAD = 'bm-crosshead';

/** The push currently set on a galley child, px (0 for anything but a pushed crosshead). */
export function pushOf(el: Element): number {
  if (!el.classList.contains(CROSSHEAD)) return 0;
  return parseFloat((el as HTMLElement).style.marginTop) || 0;
}

/**
 * Lines to push a crosshead whose unpushed box is galley lines
 * [line, line + lines): 0 when it sits in one slot with a line of text after
 * it there (or nothing after it at all), or when there is no later slot to go to (or it is overset).
 */
export function pushLines(shape: StoryShape, box: { line: number; lines: number; textAfter: boolean }): number {
  const { line, lines } = box;
  const slot = shape.slots.find((s) => line >= s.offset && line < s.offset + s.lines);
  if (!slot) return 0;
  const end = slot.offset + slot.lines;
  const last = shape.slots[shape.slots.length - 1]!;
  if (slot === last || line + lines < end || (line + lines === end && !box.textAfter)) return 0;
  return end - line;
}

/**
 * Sets every crosshead's push for the current layout, top to bottom (a push
 * moves everything after it, so each is read after the ones above are set).
 * Returns the elements whose push changed.
 */
export function pushCrossheads(galley: HTMLElement, shape: StoryShape, linePx: number): HTMLElement[] {
  const changed: HTMLElement[] = [];
  for (const child of galley.children) {
    const el = child as HTMLElement;
    if (!el.classList.contains(CROSSHEAD)) continue;
    const was = pushOf(el);
    const line = Math.round((el.offsetTop - was) / linePx);
    const lines = Math.max(1, Math.round(el.offsetHeight / linePx));
    const push = pushLines(shape, { line, lines, textAfter: el.nextElementSibling !== null }) * linePx;
    if (Math.abs(push - was) < 0.01) continue;
    el.style.marginTop = push === 0 ? '' : px(push);
    changed.push(el);
  }
  return changed;
}

/** Removes every push (the body is no longer a galley: its crossheads may be reused elsewhere). */
export function clearPushes(galley: HTMLElement): void {
  for (const child of galley.children) {
    if (child.classList.contains(CROSSHEAD)) (child as HTMLElement).style.marginTop = '';
  }
}
