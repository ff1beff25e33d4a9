/**
 * Text editing never adds, removes or reorders blocks on the page. Without
 * this, typing over a selected atom or between blocks would make ProseMirror
 * wrap the text into a new, id-less block, and a select-all + Delete would
 * empty the page. Structural edits (moving, adding blocks) carry the meta
 * {@link ALLOW_STRUCTURE}.
 */
import type { Node } from 'prosemirror-model';
import { NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { isBlockKind } from '../../shared/model/schema';
import { ALLOW_STRUCTURE } from '../../shared/model/commands/blocks';

export { ALLOW_STRUCTURE };

export const blockGuardKey = new PluginKey('bm-block-guard');

/** Whether two pages have the same blocks (type and id) in the same order. */
export function sameBlocks(a: Node, b: Node): boolean {
  if (a.childCount !== b.childCount) return false;
  for (let i = 0; i < a.childCount; i++) {
    const x = a.child(i);
    const y = b.child(i);
    if (x.type !== y.type || x.attrs['id'] !== y.attrs['id']) return false;
  }
  return true;
}

/** Whether whole blocks are selected (a frame, not text). */
function blockSelected(state: EditorState): boolean {
  const sel = state.selection;
  return sel instanceof NodeSelection && isBlockKind(sel.node.type.name);
}

export function blockGuard(): Plugin {
  return new Plugin({
    key: blockGuardKey,
    filterTransaction(tr, state) {
      if (!tr.docChanged || tr.getMeta(ALLOW_STRUCTURE) === true) return true;
      return sameBlocks(state.doc, tr.doc);
    },
    props: {
      // With a block selected as a frame, typing does nothing (as in layout
      // tools). Without this the browser puts the text where its hidden DOM
      // caret is, which is the start of the next block's text.
      handleDOMEvents: {
        beforeinput(view, event) {
          if (!blockSelected(view.state) || !event.inputType.startsWith('insert')) return false;
          event.preventDefault();
          return true;
        },
      },
      handleTextInput(view) {
        return blockSelected(view.state);
      },
      handleKeyPress(view, event) {
        return blockSelected(view.state) && event.key.length === 1 && !event.ctrlKey && !event.metaKey;
      },
    },
  });
}
