/**
 * Which block the properties panel shows: the primary block selected as a
 * block, else the story (or teaser) holding the text caret, so an editor can
 * style the story they are typing in.
 */
import type { EditorState } from 'prosemirror-state';
import { findBlock } from '../../../shared/model/commands/blocks';
import type { FoundBlock } from '../../../shared/model/commands/blocks';
import { isBlockKind } from '../../../shared/model/schema';
import { selectedBlockIds } from '../../arrange/arrange-state';
import { blockDepth } from '../../../shared/edition/page-scope';

export function propertiesTarget(state: EditorState): FoundBlock | null {
  const ids = selectedBlockIds(state);
  const primary = ids[ids.length - 1];
  if (primary !== undefined) return findBlock(state.doc, primary);
  const { $head } = state.selection;
  const d = blockDepth(state.doc);
  if ($head.depth < d) return null;
  const node = $head.node(d);
  return isBlockKind(node.type.name) ? findBlock(state.doc, String(node.attrs['id'])) : null;
}
