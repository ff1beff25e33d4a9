import { describe, expect, it } from 'vitest';
import { findGlueRuns, unitAt } from '../../../shared/text/glue';
import { findBreakViolations } from '../../../shared/text/kinsoku';

const runs = (text: string): string[] => findGlueRuns(text).map((r) => `${r.kind}:${text.slice(r.from, r.to)}`);

describe('findGlueRuns', () => {
  it('keeps figures with their units and measure words', () => {
    expect(runs('全场15000人参加，人均2.3万元，增长30%，上午7:30开跑')).toEqual([
      'figure-unit:15000人',
      'figure-unit:2.3万元',
      'figure-unit:30%',
    ]);
    expect(runs('2022年11月21日，6.6公里，23.52公顷，35万跑友')).toEqual([
      'figure-unit:2022年',
      'figure-unit:11月',
      'figure-unit:21日',
      'figure-unit:6.6公里',
      'figure-unit:23.52公顷',
      'figure-unit:35万',
    ]);
  });

  it('leaves a figure alone when no unit follows, and figures inside Latin words', () => {
    expect(runs('备受关注的2022杭州马拉松')).toEqual([]);
    expect(runs('A4纸和H5页面')).toEqual([]);
    expect(runs('上午7:30，发令枪响')).toEqual([]);
  });

  it('keeps the two-em dash with a Han neighbour, the one after it first', () => {
    expect(runs('“战斗力”——迭代完成')).toEqual(['dash:——迭']);
    expect(runs('正在进行——“一键护航”')).toEqual(['dash:行——']);
    expect(runs('“甲”——“乙”')).toEqual([]);
  });

  it('takes the longest unit', () => {
    expect(unitAt('万元以上', 0)).toBe('万元');
    expect(unitAt('分钟公共', 0)).toBe('分钟');
    expect(unitAt('杭州', 0)).toBe('');
  });
});

describe('findBreakViolations with units', () => {
  it('finds a figure parted from its unit at the strict level only', () => {
    expect(findBreakViolations(['覆盖全区约15000', '人，使用'], 'strict')).toEqual([
      { line: 0, kind: 'split-number', at: '00|人，' },
    ]);
    expect(findBreakViolations(['覆盖全区约15000', '人，使用'])).toEqual([]);
    expect(findBreakViolations(['在2022', '杭州马拉松'], 'strict')).toEqual([]);
  });
});
