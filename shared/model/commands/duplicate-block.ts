/** Duplicating a block: a copy with a new unique id, offset on the grid, just above the original. */
import type { Node } from 'prosemirror-model';
import { NodeSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { usedBlockIds } from '../bin';
import { asGesture, boxOf, clampBox, findBlock, pageGrid } from './blocks';
import { activeScope } from '../../edition/page-scope';

/** An id not used by any block of the page (placed or in the bin): `base-2`, `base-3`, … (a trailing `-n` of base is replaced). */
export function uniqueBlockId(doc: Node, base: string, used: ReadonlySet<string> = usedBlockIds(doc)): string {
  const stem = base.replace(/-\d+$/, '') || 'block';
  for (let n = 2; ; n++) {
    const id = `${stem}-${n}`;
    if (!used.has(id)) return id;
  }
}

export interface DuplicateOptions {
  /** Offset of the copy in columns and lines (default one of each); reversed where the grid's edge stops it. */
  dCol?: number;
  dLine?: number;
}

/**
 * Duplicates a block. The copy is inserted right after the original (so it
 * stacks above it), offset by `dCol`/`dLine` inside the grid, and selected.
 */
export function duplicateBlock(id: string, options: DuplicateOptions = {}): Command {
  const dCol = options.dCol ?? 1;
  const dLine = options.dLine ?? 1;
  return (state, dispatch) => {
    const found = findBlock(state.doc, id);
    if (!found) return false;
    if (dispatch) {
      const grid = pageGrid(activeScope(state));
      const box = boxOf(found.node);
      // Offset away from the original; at the grid's far edge go the other way.
      const place = (dc: number, dl: number) => clampBox(grid, { ...box, col: box.col + dc, line: box.line + dl });
      let to = place(dCol, dLine);
      if (to.col === box.col && dCol !== 0) to = { ...to, col: place(-dCol, 0).col };
      if (to.line === box.line && dLine !== 0) to = { ...to, line: place(0, -dLine).line };
      const copy = found.node.type.create(
        { ...found.node.attrs, id: uniqueBlockId(state.doc, id), col: to.col, line: to.line },
        found.node.content,
        found.node.marks,
      );
      const at = found.pos + found.node.nodeSize;
      const tr = state.tr.insert(at, copy);
      tr.setSelection(NodeSelection.create(tr.doc, at));
      dispatch(asGesture(tr, { structural: true }).scrollIntoView());
    }
    return true;
  };
}
