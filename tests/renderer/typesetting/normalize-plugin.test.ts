import { history, undo } from 'prosemirror-history';
import { Fragment, Slice } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import {
  normalizePlugin,
  normalizeSelectionOrStory,
  typedReplacement,
} from '../../../renderer/typesetting/normalize-plugin';

const strong = schema.marks['strong']!;

function page(...paragraphs: Node[]): Node {
  return schema.node('page', null, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [
      schema.node('byline', null, [schema.text('首席记者 蒋超')]),
      schema.node('body', null, paragraphs),
    ]),
  ]);
}

const para = (...parts: (string | Node)[]): Node =>
  schema.node('paragraph', null, parts.map((p) => (typeof p === 'string' ? schema.text(p) : p)));

function stateAt(doc: Node, from: number, to = from): EditorState {
  return EditorState.create({ doc, plugins: [normalizePlugin(), history()], selection: TextSelection.create(doc, from, to) });
}

function run(state: EditorState): EditorState | null {
  let next: EditorState | null = null;
  const ok = normalizeSelectionOrStory(state, (tr) => {
    next = state.apply(tr);
  });
  return ok ? next : null;
}

describe('normalizeSelectionOrStory', () => {
  it('normalises the whole story around the cursor in one undo step, keeping marks', () => {
    const doc = page(para('近年来,我区坚持', schema.text('"产城人文"', [strong.create()]), '深度 融合.'), para('上午7:30,发令枪响!'));
    const state = stateAt(doc, 3);
    const next = run(state)!;
    const body = next.doc.firstChild!.lastChild!;
    expect(body.child(0).textContent).toBe('近年来，我区坚持“产城人文”深度融合。');
    expect(body.child(1).textContent).toBe('上午7:30，发令枪响！');
    // The quoted words are still bold, quotes included.
    const bold: string[] = [];
    body.child(0).forEach((n) => n.marks.length && bold.push(n.text!));
    expect(bold).toEqual(['“产城人文”']);
    // The byline keeps its space.
    expect(next.doc.firstChild!.firstChild!.textContent).toBe('首席记者 蒋超');
    // One undo step brings the copy back.
    let undone: EditorState | null = null;
    undo(next, (tr) => {
      undone = next.apply(tr);
    });
    expect(undone!.doc.eq(doc)).toBe(true);
  });

  it('normalises only the selection when there is one', () => {
    const doc = page(para('甲,乙,丙,丁'));
    // Select "乙,丙" (paragraph text starts inside the body).
    let start = 0;
    doc.descendants((n, pos) => {
      if (n.type.name === 'paragraph') start = pos + 1;
    });
    const next = run(stateAt(doc, start + 2, start + 5))!;
    expect(next.doc.firstChild!.lastChild!.textContent).toBe('甲,乙，丙,丁');
  });

  it('returns false when there is nothing to change', () => {
    expect(run(stateAt(page(para('社会治理是必答题。')), 3))).toBeNull();
  });
});

/** Enough of an EditorView for the plugin's props: state, dispatch, composing. */
function fakeView(state: EditorState): { state: EditorState; composing: boolean; dispatch: (tr: Transaction) => void } {
  const view = {
    state,
    composing: false,
    dispatch: (tr: Transaction) => {
      view.state = view.state.apply(tr);
    },
  };
  return view;
}

const undoOnce = (view: ReturnType<typeof fakeView>): void => {
  undo(view.state, view.dispatch);
};

const paragraphStart = (doc: Node): number => {
  let start = 0;
  doc.descendants((n, pos) => {
    if (n.type.name === 'paragraph' && !start) start = pos + 1;
  });
  return start;
};

describe('normalizePlugin', () => {
  const plugin = normalizePlugin();
  const typeText = (view: ReturnType<typeof fakeView>, text: string): void => {
    for (const ch of text) {
      const { from, to } = view.state.selection;
      const handled = plugin.props.handleTextInput!.call(plugin, view as never, from, to, ch, () => view.state.tr);
      if (!handled) view.dispatch(view.state.tr.insertText(ch, from, to));
    }
  };

  it('sets a typed mark between Han full width; one undo gives back the mark as typed, the next the typing', () => {
    const doc = page(para('甲乙'));
    const view = fakeView(stateAt(doc, paragraphStart(doc) + 2));
    typeText(view, ',丙丁');
    const body = () => view.state.doc.firstChild!.lastChild!.textContent;
    expect(body()).toBe('甲乙，丙丁');
    undoOnce(view);
    // The typing after the correction is its own step.
    expect(body()).toBe('甲乙，');
    undoOnce(view);
    expect(body()).toBe('甲乙,');
    undoOnce(view);
    expect(body()).toBe('甲乙');
  });

  it('leaves times, decimals and Latin words as typed', () => {
    const doc = page(para('上午'));
    const view = fakeView(stateAt(doc, paragraphStart(doc) + 2));
    typeText(view, '7:30起跑,约2.5万人,见 www.example.com.');
    expect(view.state.doc.firstChild!.lastChild!.textContent).toBe('上午7:30起跑，约2.5万人，见 www.example.com.');
  });

  it('normalises pasted text where it lands, marks kept; one undo gives back the paste as it was', () => {
    const doc = page(para('正文'));
    const view = fakeView(stateAt(doc, paragraphStart(doc) + 2));
    const slice = new Slice(
      Fragment.from(para('本报讯(记者 靳林杰)近日,', schema.text('省第六批', [strong.create()]), '名单公布.')),
      1,
      1,
    );
    expect(plugin.props.handlePaste!.call(plugin, view as never, {} as ClipboardEvent, slice)).toBe(true);
    const body = view.state.doc.firstChild!.lastChild!.firstChild!;
    expect(body.textContent).toBe('正文本报讯（记者 靳林杰）近日，省第六批名单公布。');
    expect(body.child(1).marks.map((m) => m.type.name)).toEqual(['strong']);
    undoOnce(view);
    expect(view.state.doc.firstChild!.lastChild!.textContent).toBe('正文本报讯(记者 靳林杰)近日,省第六批名单公布.');
    undoOnce(view);
    expect(view.state.doc.eq(doc)).toBe(true);
  });

  it('leaves a paste with nothing to correct to ProseMirror', () => {
    const doc = page(para('正文'));
    const view = fakeView(stateAt(doc, paragraphStart(doc) + 2));
    const slice = new Slice(Fragment.from(para('见 www.example.com，7:30')), 1, 1);
    expect(plugin.props.handlePaste!.call(plugin, view as never, {} as ClipboardEvent, slice)).toBe(false);
  });
});

describe('typedReplacement', () => {
  it.each([
    ['近年来', ',', '', '，'],
    ['他说：', '"', '', '“'],
    ['他说：“好', '"', '', '”'],
    ['县', '(', '', '（'],
    ['县（市、区', ')', '', '）'],
    ['什么', '?', '', '？'],
  ])('turns %s + %s full width', (before, typed, after, expected) => {
    expect(typedReplacement(before, typed, after, false)).toBe(expected);
  });

  it.each([
    ['上午7', ':'],
    ['约2', '.'],
    ['Hello', ','],
    ['', ','],
  ])('leaves %s + %s as typed', (before, typed) => {
    expect(typedReplacement(before, typed, '', false)).toBeNull();
  });
});
