import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { glueDecorations, gluePlugin } from '../../../renderer/typesetting/glue-plugin';
import { glueSpans, quoteBreaks } from '../../../renderer/typesetting/glue-spans';
import { lineEndKey, lineEndPlugin } from '../../../renderer/typesetting/line-end-field';
import { nextHalving } from '../../../renderer/typesetting/line-end-plugin';

function page(...texts: string[]): Node {
  return schema.node('page', null, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [
      schema.node('byline', null, [schema.text('记者 15000人')]),
      schema.node('body', null, texts.map((t) => schema.node('paragraph', null, [schema.text(t)]))),
    ]),
  ]);
}

describe('nextHalving', () => {
  const text = '甲乙丙丁，戊己庚辛。壬癸子丑、寅卯';
  // Lines: [甲乙丙丁，] [戊己庚辛。] [壬癸子丑、寅卯]
  const lines = [
    { start: 0, end: 4 },
    { start: 5, end: 9 },
    { start: 10, end: 16 },
  ];

  it('halves the closing mark ending each line but the last', () => {
    expect([...nextHalving(text, lines, [], new Map()).entries()]).toEqual([
      [4, 0],
      [9, 5],
    ]);
  });

  it('keeps a mark that pulled the next character up onto its own line (push-in)', () => {
    // Halving ， at 4 let 戊 join the first line, which still starts at 0.
    const after = [
      { start: 0, end: 5 },
      { start: 6, end: 10 },
      { start: 11, end: 16 },
    ];
    const next = nextHalving(text, after, [4, 9], new Map([[4, 0], [9, 5]]));
    expect(next.get(4)).toBe(0);
    // 。 at 9 is mid-line now because its line starts elsewhere: full width again.
    expect(next.has(9)).toBe(false);
  });

  it('drops a halved mark that is mid-line with no record of why', () => {
    expect(nextHalving(text, [{ start: 0, end: 16 }], [4], new Map()).size).toBe(0);
  });
});

describe('glue spans', () => {
  it('spans a figure from its last digit, a one-digit figure from the Han character before it', () => {
    const text = '覆盖约2.3万名用户，练兵8万余人，“战斗力”——迭代';
    expect(glueSpans(text).map((s) => `${s.className}:${text.slice(s.from, s.to)}`)).toEqual([
      'bm-glue:3万名',
      'bm-glue:兵8万',
      'bm-dash:——迭',
    ]);
  });

  it('never overlaps spans: a span starting inside the one before joins it', () => {
    const text = '2021年11月7日，';
    expect(glueSpans(text).map((s) => text.slice(s.from, s.to))).toEqual(['1年11月7日']);
  });

  it('offers a break after a closing quote where CLREQ allows one and Chromium does not', () => {
    const text = '“杭州工匠”20名，“萧山工匠”65名，“甲”“乙”，“丙”——丁，“戊”。';
    expect(quoteBreaks(text).map((at) => text.slice(at - 1, at + 1))).toEqual(['”2', '”6', '”“', '”—']);
  });

  it('decorates body paragraphs only, and follows edits', () => {
    const doc = page('全场15000人参加', '“甲”——乙');
    const found = glueDecorations(doc).find();
    expect(found.map((d) => doc.textBetween(d.from, d.to))).toEqual(['0人', '', '——乙']);
    const state = EditorState.create({ doc, plugins: [gluePlugin(), lineEndPlugin()] });
    const pos = found[0]!.to;
    const next = state.apply(state.tr.insertText('次', pos - 1, pos));
    const decos = (next.plugins[0]!.getState(next) as ReturnType<typeof glueDecorations>).find();
    expect(decos.map((d) => next.doc.textBetween(d.from, d.to))).toEqual(['0次', '', '——乙']);
  });
});

describe('lineEndPlugin state', () => {
  it('sets marks half width on request and forgets them in a paragraph that changes', () => {
    const doc = page('甲乙丙丁，戊己庚辛。', '壬癸子丑、寅卯');
    let state = EditorState.create({ doc, plugins: [lineEndPlugin()] });
    let first = -1;
    let second = -1;
    state.doc.descendants((n, pos) => {
      if (n.type.name === 'paragraph') {
        if (first < 0) first = pos + 1;
        else second = pos + 1;
      }
      return true;
    });
    state = state.apply(
      state.tr.setMeta(lineEndKey, [
        { pos: first - 1, marks: [first + 4], gaps: [] },
        { pos: second - 1, marks: [second + 4], gaps: [] },
      ]),
    );
    // The half-width marks (the pass's other decorations are the paragraphs' Han–Western gaps).
    const halved = (s: EditorState) =>
      lineEndKey
        .getState(s)!
        .find()
        .filter((d) => (d.spec as { kind?: string }).kind === 'halt')
        .map((d) => s.doc.textBetween(d.from, d.to));
    expect(halved(state)).toEqual(['，', '、']);
    // Typing in the first paragraph: its lines are new, so its marks start over; the other keeps its own.
    state = state.apply(state.tr.insertText('一', first));
    expect(halved(state)).toEqual(['、']);
  });
});
