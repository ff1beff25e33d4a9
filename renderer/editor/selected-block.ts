/** The block the selection is in, for the status bar. */
import { NodeSelection } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import type { BlockKind } from '../../shared/model/schema';
import { isBlockKind } from '../../shared/model/schema';
import { blockDepth } from '../../shared/edition/page-scope';

export interface SelectedBlock {
  kind: BlockKind;
  id: string;
}

export function selectedBlock(state: EditorState): SelectedBlock | null {
  const sel = state.selection;
  if (sel instanceof NodeSelection && isBlockKind(sel.node.type.name)) {
    return { kind: sel.node.type.name as BlockKind, id: String(sel.node.attrs['id']) };
  }
  const $from = sel.$from;
  const d = blockDepth(state.doc);
  if ($from.depth < d) return null;
  const block = $from.node(d);
  if (!isBlockKind(block.type.name)) return null;
  return { kind: block.type.name as BlockKind, id: String(block.attrs['id']) };
}
