import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import type { DecorationSet } from 'prosemirror-view';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { autospaceBoundaries } from '../../../shared/text/autospace';
import { gapClasses, nextSuppressed, unbreakableEnd } from '../../../renderer/typesetting/autospace';
import { lineEndKey, lineEndPlugin } from '../../../renderer/typesetting/line-end-field';

function page(...texts: string[]): Node {
  return schema.node('page', null, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [
      schema.node('body', null, texts.map((t) => schema.node('paragraph', null, [schema.text(t)]))),
    ]),
  ]);
}

describe('nextSuppressed', () => {
  // 据|2024|年统计 使用|AI|技术: boundaries 1, 5, 11, 13.
  const text = '据2024年统计，使用AI技术';
  const boundaries = autospaceBoundaries(text);

  it('finds the boundaries the test assumes', () => {
    expect(boundaries).toEqual([1, 5, 11, 13]);
  });

  it('keeps every gap on a line and takes away the one that starts a line', () => {
    // Lines: [据2024年统计，使用] [AI技术]: the break parts 用|A.
    const lines = [
      { start: 0, end: 10 },
      { start: 11, end: 14 },
    ];
    const next = nextSuppressed(text, boundaries, lines, new Set(boundaries), new Map());
    expect([...next.entries()]).toEqual([[11, 0]]);
  });

  it('keeps a gap away while the run it was taken from ends the line before (push-in)', () => {
    // Without its gap, AI came up onto the first line, which still starts at 0.
    const lines = [
      { start: 0, end: 12 },
      { start: 13, end: 14 },
    ];
    const next = nextSuppressed(text, boundaries, lines, new Set([1, 5, 13]), new Map([[11, 0]]));
    // 13 (I|技) now starts a line: taken away too.
    expect([...next.entries()]).toEqual([
      [11, 0],
      [13, 0],
    ]);
  });

  it('gives the gap back when more than the run came up with it', () => {
    const lines = [
      { start: 0, end: 13 },
      { start: 14, end: 14 },
    ];
    expect([...nextSuppressed(text, boundaries, lines, new Set([1, 5, 13]), new Map([[11, 0]])).keys()]).toEqual([]);
  });

  it('gives the gap back when the line before starts elsewhere', () => {
    const lines = [{ start: 0, end: 14 }];
    expect(nextSuppressed(text, boundaries, lines, new Set([1, 5, 13]), new Map([[11, 3]])).size).toBe(0);
  });

  it('never takes away a gap at the start of the first line', () => {
    expect(nextSuppressed('2024年', [0], [{ start: 0, end: 3 }], new Set([0]), new Map()).size).toBe(0);
  });
});

describe('unbreakableEnd', () => {
  it('spans a Western run, its glued unit and the closing marks after it', () => {
    const text = '全程共18个。今年使用AI，2.5公里';
    expect(text.slice(3, unbreakableEnd(text, 3) + 1)).toBe('18个。');
    expect(text.slice(11, unbreakableEnd(text, 11) + 1)).toBe('AI，');
    expect(text.slice(14, unbreakableEnd(text, 14) + 1)).toBe('2.5公里');
    expect(text.slice(9, unbreakableEnd(text, 9) + 1)).toBe('使');
  });
});

describe('gapClasses', () => {
  it('marks the gaps inside a glued run, so the run keeps whole', () => {
    // Glue spans: 兵8万 (a one-digit figure takes the Han before it) and 5天.
    const text = '练兵8万余人，全年365天在岗';
    const gaps = autospaceBoundaries(text);
    expect(gaps.map((g) => text.slice(g - 1, g + 1))).toEqual(['兵8', '8万', '年3', '5天']);
    expect(gapClasses(text, gaps)).toEqual([
      'bm-autospace bm-autospace-glued',
      'bm-autospace bm-autospace-glued',
      'bm-autospace',
      'bm-autospace bm-autospace-glued',
    ]);
  });
});

describe('the line-end plugin’s gaps', () => {
  const decorations = (state: EditorState) => (lineEndKey.getState(state) as DecorationSet).find();
  const texts = (state: EditorState) =>
    decorations(state)
      .filter((d) => (d.spec as { kind?: string }).kind === 'gap')
      .map((d) => state.doc.textBetween(d.from, d.to));

  function takenOver(text: string): EditorState {
    const doc = page(text);
    const state = EditorState.create({ doc, plugins: [lineEndPlugin()] });
    const start = 3; // page > story > body > paragraph content
    expect(doc.textBetween(start, start + 1)).toBe(text[0]);
    const update = { pos: start - 1, marks: [], gaps: autospaceBoundaries(text).map((b) => start + b) };
    return state.apply(state.tr.setMeta(lineEndKey, [update]));
  }

  it('draws nothing until the pass takes a paragraph over, then every gap and the paragraph class', () => {
    const doc = page('据2024年统计');
    const state = EditorState.create({ doc, plugins: [lineEndPlugin()] });
    expect(decorations(state)).toEqual([]);
    const next = takenOver('据2024年统计');
    expect(texts(next)).toEqual(['2', '年']);
    expect(decorations(next).some((d) => (d.spec as { kind?: string }).kind === 'autospaced')).toBe(true);
  });

  it('keeps the gaps of an edited paragraph that still sit on a boundary, and adds none itself', () => {
    const state = takenOver('据2024年统计，使用AI技术');
    expect(texts(state)).toEqual(['2', '年', 'A', '技']);
    // Typing ， before 2024: 据，2024 takes no gap; a new pair 计A would wait for the pass.
    const next = state.apply(state.tr.insertText('，', 4));
    expect(next.doc.textBetween(3, 9)).toBe('据，2024');
    expect(texts(next)).toEqual(['年', 'A', '技']);
    expect(decorations(next).some((d) => (d.spec as { kind?: string }).kind === 'autospaced')).toBe(true);
  });
});
