import { describe, expect, it } from 'vitest';
import { findBreakViolations, mayEndLine, mayStartLine } from '../../../shared/text/kinsoku';

describe('kinsoku sets', () => {
  it('keeps closing marks and stops off a line start', () => {
    for (const ch of '。，、：；！？”’）》」』】〗〕') expect(mayStartLine(ch), ch).toBe(false);
    for (const ch of '“‘（《社2A') expect(mayStartLine(ch), ch).toBe(true);
  });

  it('keeps opening marks off a line end', () => {
    for (const ch of '“‘「『（《〈【〖〔［｛') expect(mayEndLine(ch), ch).toBe(false);
    for (const ch of '。，”）》社') expect(mayEndLine(ch), ch).toBe(true);
  });

  it('is stricter at the strict level', () => {
    expect(mayStartLine('·')).toBe(true);
    expect(mayStartLine('·', 'strict')).toBe(false);
    expect(mayStartLine('%', 'strict')).toBe(false);
    expect(mayEndLine('￥')).toBe(true);
    expect(mayEndLine('￥', 'strict')).toBe(false);
  });
});

describe('findBreakViolations', () => {
  it('accepts a clean paragraph', () => {
    expect(findBreakViolations(['社会治理是政治稳定的必答', '题、公共安全的基本面。'])).toEqual([]);
  });

  it('finds a mark at a line start and an opening quote at a line end', () => {
    expect(findBreakViolations(['社会治理是政治稳定的必答题', '、公共安全的“', '基本面”。'])).toEqual([
      { line: 1, kind: 'line-start', at: '答题|、公' },
      { line: 1, kind: 'line-end', at: '的“|基本' },
    ]);
  });

  it('finds a split dash and a split ellipsis', () => {
    expect(findBreakViolations(['战斗力”—', '—迭代'])).toEqual([{ line: 0, kind: 'split-sequence', at: '”—|—迭' }]);
    expect(findBreakViolations(['结论…', '…好'])).toEqual([{ line: 0, kind: 'split-sequence', at: '论…|…好' }]);
  });

  it('finds split figures and Latin words, and at strict a figure parted from its unit', () => {
    const kinds = (lines: string[]): string[] => findBreakViolations(lines).map((v) => v.kind);
    expect(kinds(['约2.', '3万'])).toEqual(['split-number']);
    expect(kinds(['上午7', ':30'])).toEqual(['line-start', 'split-number']);
    expect(findBreakViolations(['节能Q', 'C小组'])[0]?.kind).toBe('split-number');
    expect(findBreakViolations(['达90', '%以上'])).toEqual([]);
    expect(findBreakViolations(['达90', '%以上'], 'strict')[0]?.kind).toBe('line-start');
    expect(findBreakViolations(['约2.3', '万名'], 'strict')).toEqual([{ line: 0, kind: 'split-number', at: '.3|万名' }]);
  });

  it('does not judge the paragraph start and end', () => {
    expect(findBreakViolations(['“数”绘基层治理图景。'])).toEqual([]);
    expect(findBreakViolations(['', '。'])).toEqual([]);
  });
});
