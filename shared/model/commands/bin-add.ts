/** Putting copy into the page's story bin (an import): one transaction, one undo step. */
import type { Node } from 'prosemirror-model';
import type { Command, Transaction } from 'prosemirror-state';
import { findBin, usedBlockIds } from '../bin';
import type { PageSettings } from '../../page/settings';
import { isBinKind, schema } from '../schema';
import { withStyleLines } from '../style-lines';
import { styleSheetOf } from '../styles';
import { asGesture } from './blocks';
import { uniqueBlockId } from './duplicate-block';
import { activeScope, scopeOf, selectionPage } from '../../edition/page-scope';

/**
 * Appends nodes to the bin's end, creating the bin when the page has none.
 * An item keeps its id unless the page (placed or binned) already uses it or
 * it has none; then it gets a fresh one. Does not move the selection.
 */
export function appendToBin(tr: Transaction, items: readonly Node[], pageIndex = selectionPage(tr.doc, tr.selection) ?? 0): Node[] {
  const scope = scopeOf(tr.doc, pageIndex);
  const used = usedBlockIds(tr.doc);
  const fresh = items.map((item) => {
    let id = String(item.attrs['id'] ?? '');
    if (id === '' || used.has(id)) id = uniqueBlockId(tr.doc, id || item.type.name, used);
    used.add(id);
    return id === item.attrs['id'] ? item : item.type.create({ ...item.attrs, id }, item.content, item.marks);
  });
  const bin = findBin(scope);
  if (bin) tr.insert(bin.pos + bin.node.nodeSize - 1, fresh);
  else tr.insert(scope.start + scope.page.content.size, schema.nodes['bin']!.create(null, fresh));
  return fresh;
}

/**
 * Adds stories (and photos, labels, teasers) to the story bin in one
 * transaction. They are new to the page: their head lines, bylines and
 * crossheads take the lines the page's styles give them (style-lines.ts),
 * whatever the importer set. False when there is nothing to add or a node
 * cannot go into the bin (a masthead, a rule, anything that is not a block).
 */
export function addToBin(items: readonly Node[]): Command {
  return (state, dispatch) => {
    if (items.length === 0 || !items.every((item) => isBinKind(item.type.name))) return false;
    if (dispatch) {
      const tr = state.tr;
      const scope = activeScope(state);
      const sheet = styleSheetOf(scope.page.attrs['settings'] as PageSettings);
      appendToBin(
        tr,
        items.map((item) => withStyleLines(item, sheet)),
        scope.index,
      );
      dispatch(asGesture(tr, { structural: true }));
    }
    return true;
  };
}
