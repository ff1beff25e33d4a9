import { describe, expect, it } from 'vitest';
import {
  breakLines,
  breakUnits,
  canBreakBetween,
  charWidth,
  galleyLines,
  paragraphLines,
  storyCapacity,
  textColumnChars,
} from '../../../shared/copyfit/estimate';
import { settingsFromPreset } from '../../../shared/page/settings';

const flat = { lineChars: 4, indentChars: 0 };

describe('charWidth', () => {
  it('counts Han and full-width punctuation as one em and ASCII as less', () => {
    expect(charWidth('中')).toBe(1);
    expect(charWidth('，')).toBe(1);
    expect(charWidth('“')).toBe(1);
    expect(charWidth('—')).toBe(1);
    expect(charWidth('5')).toBeLessThan(1);
    expect(charWidth(',')).toBeLessThan(1);
    // Measured in Chromium between Han characters: `,` 0.58 em, a digit 0.81 em with autospace.
    expect(charWidth(',')).toBeGreaterThanOrEqual(0.58);
    expect(charWidth('0') + 2 * 0.125).toBeGreaterThanOrEqual(0.81);
  });
});

describe('canBreakBetween', () => {
  it('keeps closing marks off the start of a line and opening marks off its end', () => {
    expect(canBreakBetween('中', '，')).toBe(false);
    expect(canBreakBetween('中', '。')).toBe(false);
    expect(canBreakBetween('中', ',')).toBe(false);
    expect(canBreakBetween('“', '中')).toBe(false);
    expect(canBreakBetween('（', '中')).toBe(false);
    expect(canBreakBetween('中', '文')).toBe(true);
  });

  it('never splits a number, a word, a dash or an ellipsis', () => {
    expect(canBreakBetween('1', '5')).toBe(false);
    expect(canBreakBetween('6', '.')).toBe(false);
    expect(canBreakBetween('.', '6')).toBe(false);
    expect(canBreakBetween('Q', 'C')).toBe(false);
    expect(canBreakBetween('—', '—')).toBe(false);
    expect(canBreakBetween('…', '…')).toBe(false);
    expect(canBreakBetween('0', '名')).toBe(true);
  });

  it('breaks around quotes only between East Asian characters (UAX #14 LB19a)', () => {
    expect(canBreakBetween('的', '“', '理', '千')).toBe(true);
    expect(canBreakBetween(',', '“', '名', '杭')).toBe(false);
    expect(canBreakBetween('”', '2', '匠', '9')).toBe(false);
    expect(canBreakBetween('”', '“', '眼', '顺')).toBe(false);
    expect(canBreakBetween('”', '体', '脚', '系')).toBe(true);
  });
});

describe('breakUnits', () => {
  it('splits text into unbreakable pieces that concatenate back to it', () => {
    const text = '实现10分钟到场处置，15分钟增援。';
    const units = breakUnits(text);
    expect(units.join('')).toBe(text);
    expect(units).toContain('10');
    expect(units).toContain('置，');
    expect(units.at(-1)).toBe('援。');
  });
});

describe('breakLines', () => {
  it('indents the first line by two characters', () => {
    expect(breakLines('一'.repeat(26), { lineChars: 13 }).map((l) => [...l].length)).toEqual([11, 13, 2]);
  });

  it('carries the character before a closing mark to the next line', () => {
    expect(breakLines('一二三四，五', flat)).toEqual(['一二三', '四，五']);
  });

  it('keeps an opening mark with the character after it', () => {
    expect(breakLines('一二三“四五”', flat)).toEqual(['一二三', '“四五”']);
  });

  it('moves a number to the next line whole', () => {
    expect(breakLines('一二三12345', { lineChars: 5, indentChars: 0 })).toEqual(['一二三', '12345']);
  });

  it('splits a piece wider than a line anywhere', () => {
    expect(breakLines('1234567890123', { lineChars: 4, indentChars: 0 }).join('')).toBe('1234567890123');
  });

  it('gives an empty paragraph one line', () => {
    expect(breakLines('', { lineChars: 13 })).toEqual(['']);
  });

  it('breaks a seed paragraph where Chromium 156 breaks it at 12 characters', () => {
    // Measured in Chromium (Noto Serif SC, composition.css, text-indent 2em).
    const text = '在进一步夯实全量信息视图底座的基础上,我区不断强化“小脑+手脚”体系,让数字技术成为社会治理的“千里眼”“顺风耳”。';
    expect(breakLines(text, { lineChars: 12 })).toEqual([
      '在进一步夯实全量信息',
      '视图底座的基础上,我区不',
      '断强化“小脑+手脚”体',
      '系,让数字技术成为社会治',
      '理的“千里眼”“顺风',
      '耳”。',
    ]);
  });

  it('refuses a line width that cannot hold the indent', () => {
    expect(() => breakLines('中', { lineChars: 0 })).toThrow(RangeError);
    expect(() => breakLines('中', { lineChars: 2, indentChars: 2 })).toThrow(RangeError);
  });
});

describe('paragraphLines', () => {
  it('never estimates fewer lines than Chromium measured for seed paragraphs', () => {
    // [text, chars per line, lines measured in Chromium 156]
    const cases: [string, number, number][] = [
      ['截至目前,萧山共培养选树“浙江工匠”29名,“杭州工匠”20名,“萧山工匠”65名;开展镇街技术比武80余场,带动职工岗位练兵8万余人,不断壮大能工巧匠队伍,在全社会营造“人人尊重工匠、人人争当工匠”的浓厚氛围。', 12, 10],
      ['始于1987年的杭州马拉松,是国内最老牌的马拉松赛事之一,如今的杭州马拉松早已成为城市的一个节日,一场全民的狂欢、一张精致的城市名片。前路仍在脚下延伸,杭马将继续前行,继续见证,继续出新出彩。', 12, 9],
      ['近年来,萧山深入推进产业工人队伍建设改革工作,持续建设知识型、技能型、创新型劳动者大军。充分利用劳模工匠学院萧山教学站、劳模工匠企业教学点,常态化举办劳模工匠素质提升班,定期开展劳模工匠“大讲堂”,同时搭建师徒制、高技能人才(劳模)创新工作室、劳模工匠宣传团等多层次的平台载体,持续推动劳模工匠发挥辐射引领、示范带动作用。', 27, 7],
    ];
    for (const [text, lineChars, measured] of cases) {
      const est = paragraphLines(text, { lineChars });
      expect(est).toBeGreaterThanOrEqual(measured);
      expect(est - measured).toBeLessThanOrEqual(1);
    }
  });
});

describe('galleyLines', () => {
  it('adds crosshead heights to paragraph lines', () => {
    const items = [
      { kind: 'crosshead' as const, lines: 2 },
      { kind: 'paragraph' as const, text: '一'.repeat(26) },
      { kind: 'paragraph' as const, text: '二' },
    ];
    expect(galleyLines(items, { lineChars: 13 })).toBe(2 + 3 + 1);
  });
});

describe('textColumnChars', () => {
  const { grid } = settingsFromPreset('duikai');

  it('gives one grid column per text column by default', () => {
    expect(textColumnChars(grid, 8, 8)).toBe(13);
  });

  it('splits a span evenly for 破栏 (three columns set as two)', () => {
    expect(textColumnChars(grid, 3, 2)).toBe(20);
    expect(textColumnChars(grid, 1, 1)).toBe(13);
  });

  it('refuses non-integer spans', () => {
    expect(() => textColumnChars(grid, 0, 1)).toThrow(RangeError);
    expect(() => textColumnChars(grid, 2, 1.5)).toThrow(RangeError);
  });
});

describe('storyCapacity', () => {
  it('is text columns times body lines', () => {
    expect(storyCapacity(3, 20)).toBe(60);
    expect(storyCapacity(3, -2)).toBe(0);
  });
});
