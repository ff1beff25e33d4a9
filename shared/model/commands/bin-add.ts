/** Putting copy into the edition's story bin (an import): one transaction, one undo step. */
import type { Node } from 'prosemirror-model';
import type { Command, Transaction } from 'prosemirror-state';
import { findBin, usedBlockIds } from '../bin';
import type { PageSettings } from '../../page/settings';
import { isBinKind, schema } from '../schema';
import { withStyleLines } from '../style-lines';
import { styleSheetOf } from '../styles';
import { asGesture } from './blocks';
import { uniqueBlockId } from './duplicate-block';
import { activeScope, isEdition } from '../../edition/page-scope';

/**
 * Appends nodes to the end of the edition's bin, creating the bin (after the
 * last page) when there is none. An item keeps its id unless the edition
 * (placed or binned) already uses it or it has none; then it gets a fresh
 * one. Does not move the selection. Throws on a document that is a single
 * page: only an edition has a bin.
 */
export function appendToBin(tr: Transaction, items: readonly Node[]): Node[] {
  if (!isEdition(tr.doc)) throw new RangeError('only an edition has a story bin');
  const used = usedBlockIds(tr.doc);
  const fresh = items.map((item) => {
    let id = String(item.attrs['id'] ?? '');
    if (id === '' || used.has(id)) id = uniqueBlockId(tr.doc, id || item.type.name, used);
    used.add(id);
    return id === item.attrs['id'] ? item : item.type.create({ ...item.attrs, id }, item.content, item.marks);
  });
  const bin = findBin(tr.doc);
  if (bin) tr.insert(bin.pos + bin.node.nodeSize - 1, fresh);
  else tr.insert(tr.doc.content.size, schema.nodes['bin']!.create(null, fresh));
  return fresh;
}

/**
 * Adds stories (and photos, labels, teasers) to the edition's story bin in
 * one transaction. Their head lines, bylines and crossheads take the lines
 * the active page's styles give them (style-lines.ts), whatever the importer
 * set. False when there is nothing to add, the document is not
 * an edition, or a node cannot go into the bin (a masthead, a rule,
 * anything that is not a block).
 */
export function addToBin(items: readonly Node[]): Command {
  return (state, dispatch) => {
    if (items.length === 0 || !isEdition(state.doc) || !items.every((item) => isBinKind(item.type.name))) return false;
    if (dispatch) {
      const tr = state.tr;
      const sheet = styleSheetOf(activeScope(state).page.attrs['settings'] as PageSettings);
      appendToBin(
        tr,
        items.map((item) => withStyleLines(item, sheet)),
      );
      dispatch(asGesture(tr, { structural: true }));
    }
    return true;
  };
}
