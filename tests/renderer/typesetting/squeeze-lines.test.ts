import { describe, expect, it } from 'vitest';
import { newSqueezeMemory, squeezeParagraph } from '../../../renderer/typesetting/squeeze-lines';
import type { BoxedLine } from '../../../renderer/typesetting/squeeze-lines';
import { autospaceBoundaries } from '../../../shared/text/autospace';

const EM = 10;

/**
 * A laid-out line as the pass reads it: each character's box is its natural
 * width (one em; `half` ones half an em) plus the justification expansion,
 * except the line's last, spreading `slackEm` over the gaps.
 */
function line(text: string, start: number, end: number, slackEm: number, half: readonly number[] = []): BoxedLine {
  const n = end - start + 1;
  const e = n > 1 ? (slackEm * EM) / (n - 1) : 0;
  const boxes = Array.from({ length: n }, (_, k) => {
    const at = start + k;
    const natural = half.includes(at) ? EM / 2 : EM;
    return { at, width: natural + (at === end ? 0 : e) };
  });
  void text;
  return { start, end, boxes };
}

// 会治理的“千里眼”“顺风 | 车”等等… : ” at 8 already trimmed by the browser (”“ pair).
const TEXT = '会治理的“千里眼”“顺风车”等等的的的的的的的的的';

describe('squeezeParagraph', () => {
  it('compresses the full-width mark of an adjacent pair on a loose line, and keeps it once the next character came up', () => {
    const memory = newSqueezeMemory();
    const halved = new Map<number, number>();
    const loose = [line(TEXT, 0, 11, 1.5, [8]), line(TEXT, 12, 25, 0)];
    squeezeParagraph({ text: TEXT, lines: loose, em: EM, halved, memory });
    expect([...halved.entries()]).toEqual([[9, 0]]);

    // 车” came up onto the line: the mark stays.
    const tight = [line(TEXT, 0, 13, 0.5, [8, 9, 13]), line(TEXT, 14, 25, 0)];
    squeezeParagraph({ text: TEXT, lines: tight, em: EM, halved, memory });
    expect([...halved.entries()]).toEqual([[9, 0]]);
  });

  it('takes a try back when nothing came up, then tries one more mark, then gives up for good', () => {
    const text = '甲，乙、丙丁戊己庚辛壬癸“子丑”寅卯辰巳午未申酉戌亥';
    const memory = newSqueezeMemory();
    const halved = new Map<number, number>();
    const loose = [line(text, 0, 11, 1.6), line(text, 12, 27, 0)];
    squeezeParagraph({ text, lines: loose, em: EM, halved, memory });
    // “子 must come up (2 em) into 1.6 em of slack: one mark (the pause mark nearest the end).
    expect([...halved.keys()]).toEqual([3]);

    // Still the same line: the mark goes, and two marks are tried.
    squeezeParagraph({ text, lines: [line(text, 0, 11, 2.1, [3]), line(text, 12, 27, 0)], em: EM, halved, memory });
    expect([...halved.keys()].sort()).toEqual([1, 3]);

    // Still the same line: no third mark, the line stays pushed out and is not tried again.
    squeezeParagraph({ text, lines: [line(text, 0, 11, 2.6, [1, 3]), line(text, 12, 27, 0)], em: EM, halved, memory });
    expect([...halved.keys()]).toEqual([]);
    squeezeParagraph({ text, lines: loose, em: EM, halved, memory });
    expect([...halved.keys()]).toEqual([]);
  });

  it('leaves a tight line, a paragraph\'s last line and a line without marks alone', () => {
    const memory = newSqueezeMemory();
    const halved = new Map<number, number>();
    const text = '甲乙丙，丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
    squeezeParagraph({ text, lines: [line(text, 0, 12, 0.2), line(text, 13, 20, 3)], em: EM, halved, memory });
    expect(halved.size).toBe(0);
    const plain = '甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉';
    squeezeParagraph({ text: plain, lines: [line(plain, 0, 11, 1), line(plain, 12, 20, 0)], em: EM, halved, memory });
    expect(halved.size).toBe(0);
  });

  it('never compresses the mark that starts the line', () => {
    const text = '“甲乙”丙丁戊己庚辛壬癸子丑寅卯辰巳午未申';
    const halved = new Map<number, number>();
    squeezeParagraph({ text, lines: [line(text, 0, 11, 0.8), line(text, 12, 21, 0)], em: EM, halved, memory: newSqueezeMemory() });
    expect([...halved.keys()]).toEqual([3]);
  });
});

describe('squeezeParagraph after the marks were cleared', () => {
  it('tries again, not counting the cleared try as a failure', () => {
    const memory = newSqueezeMemory();
    const halved = new Map<number, number>();
    const loose = [line(TEXT, 0, 11, 1.5, [8]), line(TEXT, 12, 25, 0)];
    squeezeParagraph({ text: TEXT, lines: loose, em: EM, halved, memory });
    squeezeParagraph({ text: TEXT, lines: [line(TEXT, 0, 13, 0.5, [8, 9, 13]), line(TEXT, 14, 25, 0)], em: EM, halved, memory });
    expect([...halved.keys()]).toEqual([9]);
    // An edit in the paragraph before cleared this one's marks: the line is loose again.
    halved.clear();
    squeezeParagraph({ text: TEXT, lines: loose, em: EM, halved, memory });
    expect([...halved.keys()]).toEqual([9]);
  });

  it('pushes in a line with a Han–Western boundary inside it (中制造业5人，服务): its gaps are text like any other', () => {
    const text = '中制造业5人，服务的工作甲乙丙丁戊己庚辛壬癸';
    const halved = new Map<number, number>();
    squeezeParagraph({ text, lines: [line(text, 0, 10, 1.5), line(text, 11, 22, 0)], em: EM, halved, memory: newSqueezeMemory(), avoid: new Set(autospaceBoundaries(text)) });
    expect([...halved.entries()]).toEqual([[6, 0]]);
  });

  it('leaves a line whose last run holds a boundary to the autospace pass (达130万 set tight there)', () => {
    const text = '甲乙，丙丁戊己庚辛达130万千瓦时甲乙丙丁戊己';
    const halved = new Map<number, number>();
    squeezeParagraph({ text, lines: [line(text, 0, 13, 1.5), line(text, 14, 24, 0)], em: EM, halved, memory: newSqueezeMemory(), avoid: new Set(autospaceBoundaries(text)) });
    expect([...halved.entries()]).toEqual([]);
  });

  it('never halves a lone opening mark, and halves a closing pair coming up instead (园”。)', () => {
    const text = '齐放”，实现面上的“春色满园”。';
    const halved = new Map<number, number>();
    squeezeParagraph({ text, lines: [line(text, 0, 12, 2.0), line(text, 13, 15, 0)], em: EM, halved, memory: newSqueezeMemory() });
    expect([...halved.keys()].sort((a, b) => a - b)).toEqual([3, 14]);
  });
});
