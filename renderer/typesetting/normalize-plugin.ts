/**
 * Chinese punctuation normalisation in the editor: pasted text and typed ASCII
 * marks in Chinese context become full width as they arrive
 * (`normalizePlugin`), and existing copy can be normalised on demand
 * (`normalizeSelectionOrStory`, one transaction, one undo step, marks kept).
 *
 * Spaces are kept in every text block but body paragraphs: in heads,
 * bylines, captions and credits they are meaningful (`首席记者 蒋超`).
 */
import { Fragment, Slice } from 'prosemirror-model';
import type { Mark, Node, NodeType } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { findNormalizations } from '../../shared/text/normalize';
import type { NormalizationChange } from '../../shared/text/normalize';

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

/** The text block's inline content with `changes` applied, each replacement taking its first character's marks. */
function applyToInline(block: Node, changes: readonly NormalizationChange[]): Fragment {
  const chars: { text: string; marks: readonly Mark[]; node?: Node }[] = [];
  block.forEach((child) => {
    if (child.isText) for (const unit of child.text!) chars.push({ text: unit, marks: child.marks });
    else chars.push({ text: OBJECT, marks: child.marks, node: child });
  });
  // Offsets are UTF-16; expand surrogate pairs to one entry per unit to index them.
  const units = chars.flatMap((c) => (c.text.length === 2 ? [c, { ...c, text: '' }] : [c]));
  for (const change of [...changes].reverse()) {
    const first = units[change.offset]!;
    units.splice(change.offset, change.from.length, ...(change.to ? [{ text: change.to, marks: first.marks }] : []));
  }
  const nodes: Node[] = [];
  let run = '';
  let runMarks: readonly Mark[] = [];
  const flush = (): void => {
    if (run) nodes.push(block.type.schema.text(run, runMarks));
    run = '';
  };
  for (const u of units) {
    if (u.node) {
      flush();
      nodes.push(u.node);
    } else if (u.text) {
      if (run && !sameMarks(runMarks, u.marks)) flush();
      if (!run) runMarks = u.marks;
      run += u.text;
    }
  }
  flush();
  return Fragment.fromArray(nodes);
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.eq(b[i]!));
}

function normalizeFragment(fragment: Fragment, parent: NodeType): Fragment {
  const nodes: Node[] = [];
  fragment.forEach((node) => {
    if (node.isTextblock) {
      const changes = findNormalizations(blockText(node), { keepSpaces: keepSpacesIn(node.type) });
      nodes.push(changes.length ? node.copy(applyToInline(node, changes)) : node);
    } else if (!node.isInline) {
      nodes.push(node.copy(normalizeFragment(node.content, node.type)));
    } else {
      nodes.push(node);
    }
  });
  // An open slice of bare inline content: normalise it as one run of text.
  if (nodes.length > 0 && nodes.every((n) => n.isInline) && parent.isTextblock) {
    const holder = parent.create(null, Fragment.fromArray(nodes));
    const changes = findNormalizations(blockText(holder), { keepSpaces: keepSpacesIn(parent) });
    return changes.length ? applyToInline(holder, changes) : Fragment.fromArray(nodes);
  }
  return Fragment.fromArray(nodes);
}

/** Normalise pasted content for where it lands. */
export function normalizeSlice(slice: Slice, state: EditorState): Slice {
  const parent = state.selection.$from.parent.type;
  return new Slice(normalizeFragment(slice.content, parent), slice.openStart, slice.openEnd);
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

/** The plugin: normalises pasted text and ASCII marks typed in Chinese context. */
export function normalizePlugin(): Plugin {
  return new Plugin({
    key: normalizePluginKey,
    props: {
      transformPasted: (slice, view) => normalizeSlice(slice, view.state),
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
        view.dispatch(view.state.tr.insertText(replacement, from, to).scrollIntoView());
        return true;
      },
    },
  });
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
  const edits: { from: number; to: number; text: string }[] = [];
  state.doc.nodesBetween(range.from, range.to, (node, pos) => {
    if (!node.isTextblock) return true;
    const start = pos + 1;
    for (const change of findNormalizations(blockText(node), { keepSpaces: keepSpacesIn(node.type) })) {
      const from = start + change.offset;
      const to = from + change.from.length;
      if (from >= range.from && to <= range.to) edits.push({ from, to, text: change.to });
    }
    return false;
  });
  if (edits.length === 0) return false;
  if (dispatch) {
    const tr: Transaction = state.tr;
    // Back to front, so earlier positions stay valid; insertText keeps the replaced text's marks.
    for (const edit of edits.reverse()) {
      if (edit.text) tr.insertText(edit.text, edit.from, edit.to);
      else tr.delete(edit.from, edit.to);
    }
    dispatch(tr.setMeta(normalizePluginKey, { changes: edits.length }).scrollIntoView());
  }
  return true;
};
