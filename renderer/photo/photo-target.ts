/**
 * Where an image goes: the photo frame under a point or selected, else the
 * grid cell under the point.
 */
import type { EditorState } from 'prosemirror-state';
import { NodeSelection } from 'prosemirror-state';
import type { Node } from 'prosemirror-model';
import type { GridMetrics } from '../../shared/page/geometry';
import type { GridSettings } from '../../shared/page/settings';
import { blockAt } from '../arrange/geometry';
import { placedBlocks } from '../arrange/page-frame';

/** The selected block (or the block holding the caret) when it is a photo, empty or not. */
export function selectedPhotoFrame(state: EditorState): { frame: string } | null {
  const { selection } = state;
  const node: Node | null = selection instanceof NodeSelection ? selection.node : selection.$from.depth >= 1 ? selection.$from.node(1) : null;
  return node && node.type.name === 'photo' ? { frame: String(node.attrs['id']) } : null;
}

/** The grid cell under a point in page px, or null off the type area. */
export function cellAt(metrics: GridMetrics, grid: GridSettings, x: number, y: number): { col: number; line: number } | null {
  const tx = x - metrics.typeLeftPx;
  const ty = y - metrics.typeTopPx;
  if (tx < 0 || ty < 0 || tx > metrics.typeWidthPx || ty > metrics.typeHeightPx) return null;
  return {
    col: Math.min(grid.columns - 1, Math.floor(tx / (metrics.columnPx + metrics.gutterPx))),
    line: Math.min(grid.lines - 1, Math.floor(ty / metrics.linePx)),
  };
}

/**
 * What a drop at page point (x, y) targets: the topmost block there when it
 * is a photo (its image is replaced), else the cell (a new photo block);
 * null when the point is off the type area and on no photo.
 */
export function dropTarget(state: EditorState, metrics: GridMetrics, x: number, y: number): { frame: string } | { col: number; line: number } | null {
  const blocks = placedBlocks(state.doc, metrics);
  const hit = blockAt(blocks, x, y);
  if (hit) {
    const node = state.doc.nodeAt(blocks.find((b) => b.id === hit.id)!.pos);
    if (node?.type.name === 'photo') return { frame: hit.id };
  }
  const grid = (state.doc.attrs['settings'] as { grid: GridSettings }).grid;
  return cellAt(metrics, grid, x, y);
}
