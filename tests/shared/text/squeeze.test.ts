import { describe, expect, it } from 'vitest';
import { chooseSqueeze, MAX_SQUEEZED_PER_LINE, pushInUnitEm } from '../../../shared/text/squeeze';

/** Offsets of every mark in `text` (the candidates a caller would pass). */
const marksOf = (text: string): number[] => [...text].flatMap((ch, i) => (/[，。、：；！？“”‘’（）《》]/u.test(ch) ? [i] : []));

describe('chooseSqueeze', () => {
  it('compresses an adjacent pair first: ”“ in 会治理的“千里眼”“顺风', () => {
    const line = '会治理的“千里眼”“顺风';
    // ” is already trimmed by the browser (text-spacing-trim): only “ of the pair is full width.
    const candidates = marksOf(line).filter((at) => line[at] !== '”');
    expect(chooseSqueeze(line, candidates, 0.4)).toEqual([line.indexOf('“', 5)]);
  });

  it('takes the pair ”， before a lone opening mark: 齐放”，实现面上的“春色满', () => {
    const line = '齐放”，实现面上的“春色满';
    expect(chooseSqueeze(line, marksOf(line), 0.5)).toEqual([3]);
    expect(chooseSqueeze(line, marksOf(line), 1)).toEqual([2, 3]);
    // Never the lone opening quote: half width it sits tight against 春 and reads as a Western quote.
    expect(chooseSqueeze(line, marksOf(line), 1.5)).toBeNull();
  });

  it('compresses an opening mark only as one of a pair', () => {
    const lone = '实现面上的“春色满园';
    expect(chooseSqueeze(lone, marksOf(lone), 0.5)).toBeNull();
    const pair = '他说，“春色满园';
    expect(chooseSqueeze(pair, [pair.indexOf('“')], 0.5)).toEqual([pair.indexOf('“')]);
  });

  it('leaves the stops for last and prefers marks near the line end within a class', () => {
    const line = '甲，乙。丙、丁戊己庚辛壬';
    expect(chooseSqueeze(line, marksOf(line), 0.5)).toEqual([5]);
    expect(chooseSqueeze(line, marksOf(line), 1)).toEqual([1, 5]);
    expect(chooseSqueeze(line, marksOf(line), 1.5)).toEqual([1, 3, 5]);
  });

  it('asks one mark for a line loose by rounding alone (the arithmetic says it fits)', () => {
    const line = '的基层治理五级架构。建立';
    expect(chooseSqueeze(line, marksOf(line), 0)).toEqual([9]);
    expect(chooseSqueeze(line, marksOf(line), -0.3)).toEqual([9]);
  });

  it('returns null when the marks cannot free enough (push-out stays)', () => {
    expect(chooseSqueeze('随着亚运氛围的逐渐浓', [], 0.5)).toBeNull();
    const line = '甲，乙丙丁戊己庚辛壬';
    expect(chooseSqueeze(line, marksOf(line), 0.6)).toBeNull();
  });

  it('never compresses more than the budget, nor past the per-line limit', () => {
    const line = '“甲”，“乙”，“丙”，丁';
    expect(chooseSqueeze(line, marksOf(line), 2)).toHaveLength(4);
    expect(chooseSqueeze(line, marksOf(line), 2.5)).toBeNull();
    expect(MAX_SQUEEZED_PER_LINE).toBe(4);
    expect(chooseSqueeze(line, marksOf(line), 1, 1)).toBeNull();
    expect(chooseSqueeze(line, marksOf(line), 0.5, 1)).toHaveLength(1);
  });

  it('ignores a candidate that is not a compressible mark', () => {
    expect(chooseSqueeze('甲乙丙', [0, 1], 0.5)).toBeNull();
  });

  it('rejects a non-finite shortfall as a programmer error', () => {
    expect(() => chooseSqueeze('甲，', [1], Number.NaN)).toThrow(RangeError);
  });
});

describe('pushInUnitEm', () => {
  it('is one em for a Han character that may end the line', () => {
    expect(pushInUnitEm('立了区、镇街')).toBe(1);
  });

  it('brings a closing mark along, set half width at the new line end', () => {
    expect(pushInUnitEm('车”等')).toBe(1.5);
    expect(pushInUnitEm('车”，等')).toBe(2.5);
  });

  it('counts a mark of the run as wide as it is set: ” before 。 trimmed by the browser, 。 half at the new line end', () => {
    expect(pushInUnitEm('园”。')).toBe(2.5);
    expect(pushInUnitEm('园”。', (ch) => (ch === '”' ? 0.5 : 1))).toBe(2);
    // A last mark already half width (the line-end rule's, where it is now) is half width there too.
    expect(pushInUnitEm('车”等', (ch) => (ch === '”' ? 0.5 : 1))).toBe(1.5);
  });

  it('brings the character an opening mark opens', () => {
    expect(pushInUnitEm('“春色满园”')).toBe(2);
  });

  it('measures other characters with the width given', () => {
    expect(pushInUnitEm('A4纸', (ch) => (/[0-9A-Z]/.test(ch) ? 0.55 : 1))).toBeCloseTo(1.1);
    expect(pushInUnitEm('24小时', (ch) => (/[0-9]/.test(ch) ? 0.55 : 1))).toBeCloseTo(3.1);
  });

  it('is nothing for an empty next line', () => {
    expect(pushInUnitEm('')).toBe(0);
  });
});

describe('pushInUnitEm with figures and words', () => {
  const latin = (ch: string): number => (/[0-9A-Za-z.]/.test(ch) ? 0.5 : 1);

  it('brings a figure whole, with the unit glued to it', () => {
    expect(pushInUnitEm('2022年杭州', latin)).toBe(3);
    expect(pushInUnitEm('62.53万平方米，', latin)).toBe(2.5 + 4 + 0.5);
    expect(pushInUnitEm('2022杭州', latin)).toBe(2);
  });

  it('brings a Latin word whole', () => {
    expect(pushInUnitEm('QC小组', latin)).toBe(1);
  });
});
