/**
 * Where an image goes: the photo frame under a point or selected, else the
 * grid cell under the point.
 */
import type { EditorState } from 'prosemirror-state';
import { NodeSelection } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import type { GridBox, GridMetrics } from '../../shared/page/geometry';
import { boxesOverlap } from '../../shared/page/geometry';
import type { GridSettings } from '../../shared/page/settings';
import { blockAt } from '../arrange/geometry';
import type { EditorView } from 'prosemirror-view';
import { cellAt, pageFrame, placedBlocks, toPage } from '../page/page-frame';
import { activeScope, blockDepth } from '../../shared/edition/page-scope';

/** The selected block (or the block holding the caret) when it is a photo, empty or not. */
export function selectedPhotoFrame(state: EditorState): { frame: string } | null {
  const { selection } = state;
  const d = blockDepth(state.doc);
  const node: Node | null = selection instanceof NodeSelection ? selection.node : selection.$from.depth >= d ? selection.$from.node(d) : null;
  return node && node.type.name === 'photo' ? { frame: String(node.attrs['id']) } : null;
}

/**
 * What a drop at page point (x, y) targets: the topmost block there when it
 * is a photo (its image is replaced), else the cell (a new photo block);
 * null when the point is off the type area and on no photo.
 */
export function dropTarget(state: EditorState, metrics: GridMetrics, x: number, y: number): { frame: string } | { col: number; line: number } | null {
  const scope = activeScope(state);
  const blocks = placedBlocks(scope, metrics);
  const hit = blockAt(blocks, x, y);
  if (hit) {
    const node = state.doc.nodeAt(blocks.find((b) => b.id === hit.id)!.pos);
    if (node?.type.name === 'photo') return { frame: hit.id };
  }
  const grid = (scope.page.attrs['settings'] as { grid: GridSettings }).grid;
  return cellAt(metrics, grid, x, y);
}

/**
 * The grid cell at the middle of the part of the page on screen: where the
 * toolbar's 置入图片 puts a new photo when no frame is selected.
 */
export function visibleCell(view: EditorView, metrics: GridMetrics, grid: GridSettings): { col: number; line: number } {
  const r = view.dom.getBoundingClientRect();
  const win = view.dom.ownerDocument.defaultView!;
  const cx = (Math.max(r.left, 0) + Math.min(r.right, win.innerWidth)) / 2;
  const cy = (Math.max(r.top, 0) + Math.min(r.bottom, win.innerHeight)) / 2;
  const { x, y } = toPage(pageFrame(view), cx, cy);
  return cellAt(metrics, grid, x, y) ?? { col: 0, line: 0 };
}

/**
 * The free place for a box of `size` nearest to `from` (by grid distance,
 * lines weighted like columns' worth of lines), overlapping no block; `from`
 * itself when the page has no free place that large.
 */
export function freeCellNear(
  blocks: readonly GridBox[],
  grid: GridSettings,
  size: { cols: number; lines: number },
  from: { col: number; line: number },
): { col: number; line: number } {
  let best: { col: number; line: number } | null = null;
  let bestDistance = Infinity;
  const linesPerCol = Math.max(1, grid.lines / grid.columns);
  for (let col = 0; col + size.cols <= grid.columns; col++) {
    for (let line = 0; line + size.lines <= grid.lines; line++) {
      const box = { col, line, cols: size.cols, lines: size.lines };
      if (blocks.some((b) => boxesOverlap(b, box))) continue;
      const d = Math.hypot((col - from.col) * linesPerCol, line - from.line);
      if (d < bestDistance) {
        bestDistance = d;
        best = { col, line };
      }
    }
  }
  return best ?? from;
}
