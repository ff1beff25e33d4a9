/** Placing copy from the edition's story bin onto the active page: one transaction, one undo step. */
import { NodeSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import type { PlacementSize } from '../../copyfit/placement';
import { placementSize } from '../../copyfit/placement';
import type { PageSettings } from '../../page/settings';
import { findBinItem, placedEnd } from '../bin';
import { withStyleLines } from '../style-lines';
import { styleSheetOf } from '../styles';
import { asGesture, clampBox, pageGrid } from './blocks';
import { activeScope, rescope } from '../../edition/page-scope';

/** Where a bin item goes: the grid cell of its top-left corner, and its size (default: from the copyfit estimate). */
export interface BinPlacement {
  col: number;
  line: number;
  /** Columns and lines; by default {@link placementSize} at the page's grid. */
  size?: PlacementSize;
}

/**
 * Moves the bin item with this id onto the active page (whichever page of
 * the edition that is) at a grid cell, on top of the other blocks, and
 * selects it. Its box is kept inside the page's grid (moved in from the far
 * edges when it would stick out). Parts still at the schema's default lines
 * (an item imported before imports followed the styles) take their style's
 * lines first, so the default size counts them. False when no bin item has
 * that id.
 */
export function placeFromBin(id: string, at: BinPlacement): Command {
  if (!Number.isFinite(at.col) || !Number.isFinite(at.line)) throw new RangeError(`placeFromBin needs a finite cell, got col ${at.col}, line ${at.line}`);
  return (state, dispatch) => {
    const scope = activeScope(state);
    const item = findBinItem(scope, id);
    if (!item) return false;
    if (dispatch) {
      const grid = pageGrid(scope);
      const node = withStyleLines(item.node, styleSheetOf(scope.page.attrs['settings'] as PageSettings), 'schema-default');
      const size = at.size ?? placementSize(node, grid);
      const box = clampBox(grid, { col: at.col, line: at.line, cols: size.cols, lines: size.lines });
      const placed = node.type.create({ ...node.attrs, ...box }, node.content, node.marks);
      const tr = state.tr.delete(item.pos, item.pos + item.node.nodeSize);
      // The bin lies after the pages, so the page's positions are unchanged; the block goes at its end, on top of the others.
      const end = placedEnd(rescope(scope, tr.doc));
      tr.insert(end, placed);
      tr.setSelection(NodeSelection.create(tr.doc, end));
      dispatch(asGesture(tr, { structural: true }).scrollIntoView());
    }
    return true;
  };
}
