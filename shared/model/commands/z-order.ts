/**
 * Stacking order. Document order is z-order: a later block is drawn above an
 * earlier one. Each command moves the given blocks within the page's children
 * in one transaction (only the given blocks are deleted and re-inserted, so
 * the others are untouched), keeps the selection on the block it
 * was on, and returns false when the order would not change.
 */
import type { Node } from 'prosemirror-model';
import type { Command, Transaction } from 'prosemirror-state';
import { asGesture, findBlock, pageBlocks, restoreSelection, selectionInBlock } from './blocks';
import { activeScope, scopeOf } from '../../edition/page-scope';
import type { PageScope } from '../../edition/page-scope';

type Reorder = (order: readonly string[], selected: ReadonlySet<string>) => string[];

// Placed blocks only: the story bin stays the page's last child whatever is reordered.
function childIds(scope: PageScope): string[] {
  return pageBlocks(scope).map((b) => String(b.node.attrs['id'] ?? ''));
}

/**
 * Rearranges the page's children into `order`, moving only the selected
 * blocks (the others keep their relative order in every reordering here):
 * delete them, then insert each at its final index, front to back.
 */
function applyOrder(tr: Transaction, pageIndex: number, order: readonly string[], selected: ReadonlySet<string>): void {
  const moving: Node[] = [];
  for (const id of order) {
    if (!selected.has(id)) continue;
    const found = findBlock(tr.doc, id)!;
    moving.push(found.node);
    tr.delete(found.pos, found.pos + found.node.nodeSize);
  }
  let k = 0;
  order.forEach((id, index) => {
    if (!selected.has(id)) return;
    const { page, start } = scopeOf(tr.doc, pageIndex);
    let pos = start;
    for (let i = 0; i < index; i++) pos += page.child(i).nodeSize;
    tr.insert(pos, moving[k++]!);
  });
}

function reorderCommand(ids: readonly string[], reorder: Reorder): Command {
  return (state, dispatch) => {
    const selected = new Set(ids);
    if (selected.size === 0) return false;
    for (const id of selected) if (!findBlock(state.doc, id)) return false;
    const scope = activeScope(state);
    const before = childIds(scope);
    const after = reorder(before, selected);
    if (after.every((id, i) => id === before[i])) return false;
    if (dispatch) {
      const tr = state.tr;
      const saved = selectionInBlock(tr);
      applyOrder(tr, scope.index, after, selected);
      restoreSelection(tr, saved);
      dispatch(asGesture(tr, { structural: true }));
    }
    return true;
  };
}

/** One step up: each selected block passes the unselected block just above it. */
export function bringForward(ids: readonly string[]): Command {
  return reorderCommand(ids, (order, selected) => {
    const out = [...order];
    for (let i = out.length - 2; i >= 0; i--) {
      if (selected.has(out[i]!) && !selected.has(out[i + 1]!)) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
    }
    return out;
  });
}

/** One step down: each selected block passes the unselected block just below it. */
export function sendBackward(ids: readonly string[]): Command {
  return reorderCommand(ids, (order, selected) => {
    const out = [...order];
    for (let i = 1; i < out.length; i++) {
      if (selected.has(out[i]!) && !selected.has(out[i - 1]!)) [out[i], out[i - 1]] = [out[i - 1]!, out[i]!];
    }
    return out;
  });
}

/** Above every other block, keeping the selected blocks' own order. */
export function bringToFront(ids: readonly string[]): Command {
  return reorderCommand(ids, (order, selected) => [...order.filter((id) => !selected.has(id)), ...order.filter((id) => selected.has(id))]);
}

/** Below every other block, keeping the selected blocks' own order. */
export function sendToBack(ids: readonly string[]): Command {
  return reorderCommand(ids, (order, selected) => [...order.filter((id) => selected.has(id)), ...order.filter((id) => !selected.has(id))]);
}
