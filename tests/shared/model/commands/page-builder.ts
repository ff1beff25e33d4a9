/** Small pages for the block command tests, built with prosemirror-test-builder. */
import type { Node } from 'prosemirror-model';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import type { Command, Transaction } from 'prosemirror-state';
import { history, undo } from 'prosemirror-history';
import { builders } from 'prosemirror-test-builder';
import { schema } from '../../../../shared/model/schema';
import type { GridBox } from '../../../../shared/page/geometry';
import { settingsFromPreset } from '../../../../shared/page/settings';

const built = builders(schema, {
  p: { nodeType: 'paragraph' },
  h: { nodeType: 'headline' },
});

type Builder = (...args: unknown[]) => Node;

function builder(name: string): Builder {
  const f = (built as Record<string, unknown>)[name];
  if (typeof f !== 'function') throw new RangeError(`no test builder named ${name}`);
  return f as Builder;
}

/** The node builders the tests use. */
export const b = {
  page: builder('page'),
  story: builder('story'),
  headgroup: builder('headgroup'),
  h: builder('h'),
  body: builder('body'),
  p: builder('p'),
  rule: builder('rule'),
};

/** A story with a one-line body. */
export function story(id: string, box: GridBox, text = '正文。'): Node {
  return b.story({ id, ...box }, b.headgroup(b.h('标题' + id)), b.body(b.p(text)));
}

export function rule(id: string, box: GridBox): Node {
  return b.rule({ id, ...box });
}

/** A 对开 page (8 columns × 120 lines) with these blocks. */
export function page(...blocks: Node[]): Node {
  return b.page({ settings: settingsFromPreset('duikai') }, ...blocks);
}

export function stateOf(doc: Node): EditorState {
  return EditorState.create({ doc, plugins: [history()] });
}

/** Runs a command; returns the new state and the transactions it dispatched. */
export function run(state: EditorState, command: Command): { ok: boolean; state: EditorState; trs: Transaction[] } {
  const trs: Transaction[] = [];
  let next = state;
  const ok = command(state, (tr) => {
    trs.push(tr);
    next = next.apply(tr);
  });
  return { ok, state: next, trs };
}

export function undone(state: EditorState): EditorState {
  let next = state;
  undo(state, (tr) => (next = state.apply(tr)));
  return next;
}

export function boxes(doc: Node): Record<string, GridBox> {
  const out: Record<string, GridBox> = {};
  doc.forEach((n) => {
    const { col, line, cols, lines } = n.attrs as GridBox;
    out[String(n.attrs['id'])] = { col, line, cols, lines };
  });
  return out;
}

export function order(doc: Node): string[] {
  const ids: string[] = [];
  doc.forEach((n) => ids.push(String(n.attrs['id'])));
  return ids;
}

/** Selects the block with this id as a node. */
export function selectBlock(state: EditorState, id: string): EditorState {
  let at = -1;
  state.doc.forEach((n, pos) => {
    if (n.attrs['id'] === id) at = pos;
  });
  return state.apply(state.tr.setSelection(NodeSelection.create(state.doc, at)));
}

/** Puts the caret `offset` positions into the first paragraph of the block with this id. */
export function caretIn(state: EditorState, id: string, offset: number): EditorState {
  let at = -1;
  state.doc.forEach((n, pos) => {
    if (n.attrs['id'] !== id) return;
    n.descendants((d, p) => {
      if (at < 0 && d.type.name === 'paragraph') at = pos + 1 + p + 1 + offset;
      return at < 0;
    });
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}
