/**
 * Chinese punctuation normalisation in the editor: pasted text and typed ASCII
 * marks in Chinese context become full width as they arrive
 * (`normalizePlugin`), and existing copy can be normalised on demand
 * (`normalizeSelectionOrStory`, one transaction, one undo step, marks kept).
 *
 * As they arrive means as an autocorrection: what was typed or pasted goes in
 * as it was, then the correction follows as an undo step of its own, so one
 * undo gives back exactly what was typed (`甲乙,` stays `甲乙,`) and the next
 * undo takes the typing itself away.
 *
 * Spaces are kept in every text block but body paragraphs: in heads,
 * bylines, captions and credits they are meaningful (`首席记者 蒋超`).
 */
import type { Node, NodeType } from 'prosemirror-model';
import { closeHistory } from 'prosemirror-history';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { findNormalizations } from '../../shared/text/normalize';

export const normalizePluginKey = new PluginKey('bm-normalize');

/** Text blocks whose stray spaces go; everywhere else spaces are kept. */
const BODY_BLOCKS = new Set(['paragraph']);

const keepSpacesIn = (type: NodeType): boolean => !BODY_BLOCKS.has(type.name);

/** ASCII marks worth a look as they are typed. */
const TYPED = /^[,:;!?()"'.\-]$/;

// A leaf inline node (an image, a break) stands as one object character in the text.
const OBJECT = '\uFFFC';

function blockText(block: Node): string {
  let text = '';
  block.forEach((child) => {
    text += child.isText ? child.text! : OBJECT;
  });
  return text;
}

/**
 * What a typed mark becomes between the text before and after it in its
 * block, or null when it stays as typed.
 */
export function typedReplacement(before: string, typed: string, after: string, keepSpaces: boolean): string | null {
  const change = findNormalizations(before + typed + after, { keepSpaces }).find(
    (c) => c.offset <= before.length && c.offset + c.from.length > before.length && c.rule !== 'space',
  );
  if (!change) return null;
  // A run (.. + . → ……) replaces what was typed before it too; only take single-mark changes.
  return change.offset === before.length && change.from === typed ? change.to : null;
}

/**
 * Dispatches `correction` as an undo step of its own, after what was typed or
 * pasted: it starts a history event, and the empty transaction after it
 * closes that event again, so typing on does not join the correction.
 */
function dispatchCorrection(view: EditorView, correction: Transaction): void {
  view.dispatch(closeHistory(correction.setMeta(normalizePluginKey, { corrected: true })));
  view.dispatch(closeHistory(view.state.tr));
}

/** The plugin: normalises pasted text and ASCII marks typed in Chinese context. */
export function normalizePlugin(): Plugin {
  return new Plugin({
    key: normalizePluginKey,
    props: {
      handlePaste(view, _event, slice) {
        const { state } = view;
        const pasted = state.tr.replaceSelection(slice).scrollIntoView().setMeta('paste', true).setMeta('uiEvent', 'paste');
        const from = pasted.mapping.map(state.selection.from, -1);
        const to = pasted.mapping.map(state.selection.to, 1);
        const edits = normalizationEdits(pasted.doc, from, to);
        // Nothing to correct: ProseMirror pastes as it always does.
        if (edits.length === 0) return false;
        view.dispatch(pasted);
        dispatchCorrection(view, applyEdits(view.state.tr, edits));
        return true;
      },
      handleTextInput(view, from, to, text) {
        if (view.composing || !TYPED.test(text)) return false;
        const $from = view.state.doc.resolve(from);
        if (!$from.parent.isTextblock || $from.parent.type.spec.code) return false;
        const block = blockText($from.parent);
        const start = $from.start();
        const before = block.slice(0, from - start);
        const after = block.slice(to - start);
        const replacement = typedReplacement(before, text, after, keepSpacesIn($from.parent.type));
        if (replacement === null) return false;
        // The mark as typed (an ordinary keystroke, grouped with the typing before it), then its correction.
        view.dispatch(view.state.tr.insertText(text, from, to).scrollIntoView());
        dispatchCorrection(view, view.state.tr.insertText(replacement, from, from + text.length).scrollIntoView());
        return true;
      },
    },
  });
}

/** The normaliser's edits of the text blocks in [from, to), each wholly inside it, in document order. */
function normalizationEdits(doc: Node, from: number, to: number): { from: number; to: number; text: string }[] {
  const edits: { from: number; to: number; text: string }[] = [];
  doc.nodesBetween(from, to, (node, pos) => {
    if (!node.isTextblock) return true;
    if (node.type.spec.code) return false;
    const start = pos + 1;
    for (const change of findNormalizations(blockText(node), { keepSpaces: keepSpacesIn(node.type) })) {
      const at = start + change.offset;
      const end = at + change.from.length;
      if (at >= from && end <= to) edits.push({ from: at, to: end, text: change.to });
    }
    return false;
  });
  return edits;
}

/** `edits` (document order) applied to `tr`, back to front so earlier positions stay valid; marks are kept. */
function applyEdits(tr: Transaction, edits: readonly { from: number; to: number; text: string }[]): Transaction {
  for (const edit of [...edits].reverse()) {
    if (edit.text) tr.insertText(edit.text, edit.from, edit.to);
    else tr.delete(edit.from, edit.to);
  }
  return tr;
}

/** Ranges [from, to) of the text blocks to normalise: the selection's, or the whole story's. */
function targetRange(state: EditorState): { from: number; to: number } | null {
  const { selection } = state;
  if (!selection.empty) return { from: selection.from, to: selection.to };
  const $pos = selection.$from;
  for (let depth = $pos.depth; depth > 0; depth--) {
    if ($pos.node(depth).type.name === 'story') return { from: $pos.start(depth), to: $pos.end(depth) };
  }
  return null;
}

/**
 * Normalise the selected text, or with an empty selection the whole story
 * around the cursor, as one transaction (one undo step). Marks are kept.
 * Returns false when there is nothing to change or no story around the cursor.
 */
export const normalizeSelectionOrStory: Command = (state, dispatch) => {
  const range = targetRange(state);
  if (!range) return false;
  const edits = normalizationEdits(state.doc, range.from, range.to);
  if (edits.length === 0) return false;
  if (dispatch) dispatch(applyEdits(state.tr, edits).setMeta(normalizePluginKey, { changes: edits.length }).scrollIntoView());
  return true;
};
