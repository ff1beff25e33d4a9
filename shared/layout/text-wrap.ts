/**
 * Text wraps: a block placed inside a story that the story's text flows
 * around, as a photo in an L- or U-shaped story (FIT, InDesign). Placing a
 * photo there is intentional, so it is not an overlap; a block that merely
 * overlaps a story (sticking out of it, or covering its head) still is.
 *
 * Pure and free of the rest of the model, so both the page checks
 * (`shared/model/check-page.ts`) and the editor's overlap warnings use it.
 */
import type { Node } from 'prosemirror-model';
import { boxesOverlap } from '../page/geometry';
import type { GridBox } from '../page/geometry';

function boxOf(node: Node): GridBox {
  const { col, line, cols, lines } = node.attrs as GridBox;
  return { col, line, cols, lines };
}

function attrNum(node: Node, name: string, fallback: number): number {
  const v = node.attrs[name] as unknown;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/**
 * Grid lines the head group and byline of a story take from its top, and the
 * grid columns from its left that the head spans (all `cols` unless the head
 * group sets fewer).
 */
export function storyHead(story: Node, cols: number): { cols: number; lines: number } {
  let lines = 0;
  let headCols = cols;
  story.forEach((child) => {
    if (child.type.name === 'headgroup') {
      child.forEach((line) => (lines += attrNum(line, 'lines', 0)));
      const c = child.attrs['cols'] as unknown;
      if (typeof c === 'number' && c > 0) headCols = Math.min(cols, c);
    } else if (child.type.name === 'byline') {
      lines += attrNum(child, 'lines', 1);
    }
  });
  return { cols: headCols, lines };
}

/** Whether box `inner` lies wholly inside box `outer`. */
export function boxInside(inner: GridBox, outer: GridBox): boolean {
  return (
    inner.col >= outer.col &&
    inner.line >= outer.line &&
    inner.col + inner.cols <= outer.col + outer.cols &&
    inner.line + inner.lines <= outer.line + outer.lines
  );
}

/**
 * Whether `other` is a text wrap of `story`: `other` is a placed block that is
 * not a story, lies wholly inside the story's box and leaves its head group and
 * byline clear. The story's body flows around it (shared/layout/slots.ts).
 */
export function isTextWrap(story: Node, other: Node): boolean {
  if (story.type.name !== 'story' || other.type.name === 'story' || other === story) return false;
  const box = boxOf(story);
  const b = boxOf(other);
  if (!boxInside(b, box)) return false;
  const head = storyHead(story, box.cols);
  if (head.lines <= 0) return true;
  return !boxesOverlap(b, { col: box.col, line: box.line, cols: head.cols, lines: head.lines });
}

/**
 * Whether two placed blocks overlap in a way to warn about: they share a grid
 * cell and neither is a text wrap of the other.
 */
export function blocksClash(a: Node, b: Node): boolean {
  return boxesOverlap(boxOf(a), boxOf(b)) && !isTextWrap(a, b) && !isTextWrap(b, a);
}
