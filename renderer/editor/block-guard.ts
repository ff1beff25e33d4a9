/**
 * Text editing never adds, removes or reorders blocks on the page. Without
 * this, typing over a selected atom or between blocks would make ProseMirror
 * wrap the text into a new, id-less block, and a select-all + Delete would
 * empty the page. Structural edits (moving, adding blocks) carry the meta
 * {@link ALLOW_STRUCTURE}.
 */
import type { Node } from 'prosemirror-model';
import { isHistoryTransaction } from 'prosemirror-history';
import { NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { isBlockKind } from '../../shared/model/schema';
import { ALLOW_STRUCTURE } from '../../shared/model/commands/blocks';

export { ALLOW_STRUCTURE };

export const blockGuardKey = new PluginKey('bm-block-guard');

/**
 * Whether two pages have the same blocks (type and id) in the same order;
 * two editions, whether they have the same pages and each changed page the
 * same blocks (an unchanged page is the same node, and is not walked).
 */
export function sameBlocks(a: Node, b: Node): boolean {
  if (a.childCount !== b.childCount) return false;
  const pages = a.type.name === 'edition';
  for (let i = 0; i < a.childCount; i++) {
    const x = a.child(i);
    const y = b.child(i);
    if (pages) {
      if (x !== y && (x.type !== y.type || !sameBlocks(x, y))) return false;
      continue;
    }
    if (x.type !== y.type || x.attrs['id'] !== y.attrs['id']) return false;
  }
  return true;
}

/** Whether whole blocks are selected (a frame, not text). */
function blockSelected(state: EditorState): boolean {
  const sel = state.selection;
  return sel instanceof NodeSelection && isBlockKind(sel.node.type.name);
}

/**
 * Whether a block is selected as a frame while the browser's caret is already
 * in text elsewhere: a click into a story whose selection ProseMirror has not
 * read yet (it reads it a moment later, or with the input itself). Typing then
 * belongs to the caret, never to the frame selected before the click.
 */
function caretLeftTheFrame(view: EditorView): boolean {
  const dom = view.dom.ownerDocument.getSelection();
  if (!dom || !dom.isCollapsed || !dom.anchorNode || !view.dom.contains(dom.anchorNode)) return false;
  const sel = view.state.selection;
  let pos: number;
  try {
    pos = view.posAtDOM(dom.anchorNode, dom.anchorOffset);
  } catch {
    return false;
  }
  if (pos >= sel.from && pos <= sel.to) return false;
  return view.state.doc.resolve(pos).parent.inlineContent;
}

/** Whether typing now would go to a block selected as a frame (and so must do nothing). */
function typingIntoFrame(view: EditorView): boolean {
  return blockSelected(view.state) && !caretLeftTheFrame(view);
}

export function blockGuard(): Plugin {
  return new Plugin({
    key: blockGuardKey,
    filterTransaction(tr, state) {
      if (!tr.docChanged || tr.getMeta(ALLOW_STRUCTURE) === true) return true;
      // Undo and redo replay steps that passed this guard (e.g. undoing a block deletion).
      if (isHistoryTransaction(tr)) return true;
      return sameBlocks(state.doc, tr.doc);
    },
    props: {
      // With a block selected as a frame, typing does nothing (as in layout
      // tools). Without this the browser puts the text where its hidden DOM
      // caret is, which is the start of the next block's text.
      handleDOMEvents: {
        beforeinput(view, event) {
          if (!event.inputType.startsWith('insert') || !typingIntoFrame(view)) return false;
          event.preventDefault();
          return true;
        },
      },
      // Text read from the DOM replacing the selected frame; text typed at a caret elsewhere goes in.
      handleTextInput(view, from, to) {
        const sel = view.state.selection;
        return blockSelected(view.state) && from <= sel.from && to >= sel.to;
      },
      handleKeyPress(view, event) {
        return typingIntoFrame(view) && event.key.length === 1 && !event.ctrlKey && !event.metaKey;
      },
    },
  });
}
