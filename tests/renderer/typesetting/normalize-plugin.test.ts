import { history, undo } from 'prosemirror-history';
import { Fragment, Slice } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { EditorState, TextSelection } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import {
  normalizePlugin,
  normalizeSelectionOrStory,
  normalizeSlice,
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

describe('normalizeSlice', () => {
  it('normalises pasted paragraphs and keeps their marks', () => {
    const state = stateAt(page(para('正文')), 3);
    const slice = new Slice(
      Fragment.from(para('本报讯(记者 靳林杰)近日,', schema.text('省第六批', [strong.create()]), '名单公布.')),
      1,
      1,
    );
    const out = normalizeSlice(slice, state);
    expect(out.content.firstChild!.textContent).toBe('本报讯（记者 靳林杰）近日，省第六批名单公布。');
    expect(out.content.firstChild!.child(1).marks.map((m) => m.type.name)).toEqual(['strong']);
    expect(out.openStart).toBe(1);
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
