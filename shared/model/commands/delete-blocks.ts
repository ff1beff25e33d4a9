/** Removing blocks from the page (one transaction, one undo step). */
import { Selection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { asGesture, findBlock } from './blocks';
import type { FoundBlock } from './blocks';

/** Deletes the blocks with these ids. False when the list is empty or an id is unknown. */
export function deleteBlocks(ids: readonly string[]): Command {
  return (state, dispatch) => {
    const found: FoundBlock[] = [];
    for (const id of new Set(ids)) {
      const f = findBlock(state.doc, id);
      if (!f) return false;
      found.push(f);
    }
    if (found.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      // Back to front, so earlier positions stay valid.
      found.sort((a, b) => b.pos - a.pos);
      for (const f of found) tr.delete(f.pos, f.pos + f.node.nodeSize);
      // The caret goes into nearby text: selecting the next block instead
      // would let a second Delete remove a block nobody chose.
      const $at = tr.doc.resolve(Math.min(found[found.length - 1]!.pos, tr.doc.content.size));
      tr.setSelection(Selection.findFrom($at, 1, true) ?? Selection.findFrom($at, -1, true) ?? Selection.near($at));
      dispatch(asGesture(tr, { structural: true }).scrollIntoView());
    }
    return true;
  };
}
