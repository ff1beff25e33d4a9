/**
 * Which block the properties panel shows: the primary block selected as a
 * block, else the story (or teaser) holding the text caret, so an editor can
 * style the story they are typing in.
 */
import type { EditorState } from 'prosemirror-state';
import { findBlock } from '../../../shared/model/commands/blocks';
import type { FoundBlock } from '../../../shared/model/commands/blocks';
import { isBlockKind } from '../../../shared/model/schema';
import type { EditorSession } from '../../editor/editor-session';
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

/**
 * Calls `listener` (once per frame at most) when the document or block
 * selection changes, and when the caret may have moved to another block.
 */
export function subscribeProperties(session: EditorSession, listener: () => void): () => void {
  const view = session.view;
  const off = session.onPageChange(listener);
  const doc = view.dom.ownerDocument;
  const win = doc.defaultView!;
  let frame = 0;
  let last = propertiesTarget(view.state)?.node.attrs['id'] as string | undefined;
  // ProseMirror reads the DOM selection on selectionchange too: look after it has.
  const onSelection = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      const id = propertiesTarget(view.state)?.node.attrs['id'] as string | undefined;
      if (id !== last) {
        last = id;
        listener();
      }
    });
  };
  doc.addEventListener('selectionchange', onSelection);
  return () => {
    off();
    doc.removeEventListener('selectionchange', onSelection);
    if (frame) win.cancelAnimationFrame(frame);
  };
}
