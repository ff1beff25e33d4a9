/** Taking placed copy off any page into the edition's story bin, text intact: one transaction, one undo step. */
import type { Node } from 'prosemirror-model';
import { Selection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { isBinKind } from '../schema';
import { asGesture, findBlock } from './blocks';
import type { FoundBlock } from './blocks';
import { appendToBin } from './bin-add';
import { isEdition } from '../../edition/page-scope';

/**
 * Moves the placed blocks with these ids (on whatever page of the edition)
 * to the end of the edition's story bin (creating it when needed), in
 * document order. False when the document is not an edition, the list is
 * empty, an id is unknown, or a block is page furniture (masthead, rule)
 * that the bin does not hold.
 */
export function removeToBin(ids: readonly string[]): Command {
  return (state, dispatch) => {
    if (!isEdition(state.doc)) return false;
    const found: FoundBlock[] = [];
    for (const id of new Set(ids)) {
      const f = findBlock(state.doc, id);
      if (!f || !isBinKind(f.node.type.name)) return false;
      found.push(f);
    }
    if (found.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      found.sort((a, b) => a.pos - b.pos);
      const nodes: Node[] = found.map((f) => f.node);
      // Back to front, so earlier positions stay valid.
      for (let i = found.length - 1; i >= 0; i--) tr.delete(found[i]!.pos, found[i]!.pos + found[i]!.node.nodeSize);
      // Ids are already unique in the edition, so they stay as they are.
      appendToBin(tr, nodes);
      tr.setSelection(Selection.near(tr.doc.resolve(Math.min(found[0]!.pos, tr.doc.content.size))));
      dispatch(asGesture(tr, { structural: true }).scrollIntoView());
    }
    return true;
  };
}
