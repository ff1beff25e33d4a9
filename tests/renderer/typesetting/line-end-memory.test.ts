import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { LineEndMemory } from '../../../renderer/typesetting/line-end-memory';
import type { Settled } from '../../../renderer/typesetting/line-end-memory';
import { lineEndKey, lineEndPlugin } from '../../../renderer/typesetting/line-end-field';
import { newSqueezeMemory } from '../../../renderer/typesetting/squeeze-lines';

// Four lines of five characters, each of the first three ending in a closing mark.
const TEXT = '甲乙丙丁，戊己庚辛。壬癸子丑、寅卯辰巳午';
const LINES = [
  { start: 0, end: 4 },
  { start: 5, end: 9 },
  { start: 10, end: 14 },
  { start: 15, end: 19 },
];

function page(text: string): Node {
  return schema.node('page', null, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [schema.node('body', null, [schema.node('paragraph', null, [schema.text(text)])])]),
  ]);
}

function settled(verified = true): Settled {
  const squeeze = newSqueezeMemory();
  squeeze.failed.set('0:4', Infinity);
  squeeze.failed.set('10:14', Infinity);
  return {
    width: 300,
    lineStarts: new Map([
      [4, 0],
      [9, 5],
      [14, 10],
    ]),
    marks: '4,9,14',
    suppressed: new Map(),
    gaps: '',
    verified,
    squeeze,
    lines: LINES,
  };
}

/** A state whose paragraph has the three marks halved and whose memory says so. */
function start(memory: LineEndMemory, verified = true): { state: EditorState; para: number } {
  let state = EditorState.create({ doc: page(TEXT), plugins: [lineEndPlugin(memory)] });
  let para = -1;
  state.doc.descendants((n, pos) => {
    if (n.type.name === 'paragraph') para = pos;
    return para < 0;
  });
  state = state.apply(state.tr.setMeta(lineEndKey, [{ pos: para, marks: [4, 9, 14].map((m) => para + 1 + m), gaps: [] }]));
  memory.set(state.doc.nodeAt(para)!, settled(verified));
  return { state, para };
}

const halved = (s: EditorState) =>
  lineEndKey
    .getState(s)!
    .find()
    .filter((d) => (d.spec as { kind?: string }).kind === 'halt')
    .map((d) => d.from);

describe('LineEndMemory: what an edit leaves standing', () => {
  it('keeps the marks and the memory of the lines before the edit whose next line ends before it too', () => {
    const memory = new LineEndMemory();
    const { state, para } = start(memory);
    // Typing at the end, on the last line: lines 0 and 1 stand (line 1's next, line 2, ends before the edit).
    const next = state.apply(state.tr.insertText('未', para + 1 + TEXT.length));
    expect(halved(next).map((p) => p - para - 1)).toEqual([4, 9]);
    const carried = memory.get(next.doc.nodeAt(para)!)!;
    expect(carried.verified).toBe(false);
    expect([...carried.lineStarts]).toEqual([
      [4, 0],
      [9, 5],
    ]);
    expect([...carried.squeeze.failed.keys()]).toEqual(['0:4']);
  });

  it('keeps fewer where a typed character could move the break before it (a closing mark at a line start)', () => {
    const memory = new LineEndMemory();
    const { state, para } = start(memory);
    // Typed at the start of line 3: line 2 may now end elsewhere (。 cannot start a line), so only line 0 stands.
    const next = state.apply(state.tr.insertText('。', para + 1 + 15));
    expect(halved(next).map((p) => p - para - 1)).toEqual([4]);
  });

  it('starts the paragraph over when the edit is on its first lines, when nothing was settled, or without a memory', () => {
    const memory = new LineEndMemory();
    const { state, para } = start(memory);
    expect(halved(state.apply(state.tr.insertText('一', para + 1 + 6)))).toEqual([]);
    const unsettled = start(new LineEndMemory(), false);
    expect(halved(unsettled.state.apply(unsettled.state.tr.insertText('未', unsettled.para + 1 + TEXT.length)))).toEqual([]);
    let plain = EditorState.create({ doc: page(TEXT), plugins: [lineEndPlugin()] });
    plain = plain.apply(plain.tr.setMeta(lineEndKey, [{ pos: para, marks: [4, 9, 14].map((m) => para + 1 + m), gaps: [] }]));
    expect(halved(plain.apply(plain.tr.insertText('未', para + 1 + TEXT.length)))).toEqual([]);
  });
});
