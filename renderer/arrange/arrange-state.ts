/**
 * The arrange plugin's state: which blocks are selected as blocks (not as
 * text), and whether the grid is shown. The primary selected block is also
 * the ProseMirror selection (a NodeSelection), so history, copy and the
 * status bar see it; the others of a Shift multi-selection live only here.
 */
import type { Node } from 'prosemirror-model';
import { NodeSelection, PluginKey, Selection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { findBlock } from '../../shared/model/commands/blocks';
import { isBlockKind } from '../../shared/model/schema';
import { blockDepth } from '../../shared/edition/page-scope';

export interface ArrangeState {
  /** Ids of the blocks selected as blocks; the last one is the primary (the NodeSelection). */
  readonly ids: readonly string[];
  /** Whether the column and line grid is drawn over the page (screen only). */
  readonly grid: boolean;
}

export const arrangeKey = new PluginKey<ArrangeState>('bm-arrange');

export const EMPTY: ArrangeState = { ids: [], grid: false };

type ArrangeMeta = Partial<ArrangeState>;

/** The block a NodeSelection selects, if any. */
export function nodeSelectedBlock(state: EditorState): string | null {
  const sel = state.selection;
  return sel instanceof NodeSelection && isBlockKind(sel.node.type.name) ? String(sel.node.attrs['id']) : null;
}

function exists(doc: Node, id: string): boolean {
  return findBlock(doc, id) !== null;
}

/** The plugin's `apply`: follows the ProseMirror selection unless a transaction says otherwise. */
export function applyArrange(tr: Transaction, prev: ArrangeState, next: EditorState): ArrangeState {
  const meta = tr.getMeta(arrangeKey) as ArrangeMeta | undefined;
  let ids = meta?.ids ?? prev.ids;
  const grid = meta?.grid ?? prev.grid;
  if (!meta?.ids && (tr.selectionSet || tr.docChanged)) {
    const primary = nodeSelectedBlock(next);
    if (primary === null) ids = [];
    else if (!ids.includes(primary)) ids = [primary];
    else if (ids[ids.length - 1] !== primary) ids = [...ids.filter((id) => id !== primary), primary];
  }
  if (tr.docChanged && ids.length > 0) ids = ids.filter((id) => exists(next.doc, id));
  if (ids === prev.ids && grid === prev.grid) return prev;
  return { ids, grid };
}

export function arrangeState(state: EditorState): ArrangeState {
  return arrangeKey.getState(state) ?? EMPTY;
}

/** Ids selected as blocks (empty when the selection is text). */
export function selectedBlockIds(state: EditorState): readonly string[] {
  return arrangeState(state).ids;
}

/**
 * A transaction selecting these blocks as blocks (the last is the primary);
 * an empty list puts a caret at the start of the previously primary block.
 */
export function selectBlocksTr(state: EditorState, ids: readonly string[]): Transaction | null {
  const tr = state.tr;
  const present = ids.filter((id) => exists(state.doc, id));
  if (present.length === 0) {
    const prev = selectedBlockIds(state);
    const last = prev.length > 0 ? findBlock(state.doc, prev[prev.length - 1]!) : null;
    if (!last) return null;
    tr.setSelection(Selection.near(state.doc.resolve(last.pos + 1)));
    return tr.setMeta(arrangeKey, { ids: [] } satisfies ArrangeMeta);
  }
  const primary = findBlock(state.doc, present[present.length - 1]!)!;
  tr.setSelection(NodeSelection.create(state.doc, primary.pos));
  return tr.setMeta(arrangeKey, { ids: present } satisfies ArrangeMeta);
}

/** Adds a block to the selection, or removes it when it is already selected (Shift-click). */
export function toggleBlockTr(state: EditorState, id: string): Transaction | null {
  const ids = selectedBlockIds(state);
  return selectBlocksTr(state, ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]);
}

export function setGridTr(state: EditorState, shown: boolean): Transaction {
  return state.tr.setMeta(arrangeKey, { grid: shown } satisfies ArrangeMeta);
}

/**
 * The blocks an arrange action applies to: the block selection, else the
 * block holding the caret (so 置顶 works while editing a story's text).
 */
export function targetBlockIds(state: EditorState): string[] {
  const ids = selectedBlockIds(state);
  if (ids.length > 0) return [...ids];
  const { $from } = state.selection;
  const d = blockDepth(state.doc);
  if ($from.depth < d) return [];
  const block = $from.node(d);
  return isBlockKind(block.type.name) ? [String(block.attrs['id'])] : [];
}
