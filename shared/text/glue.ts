/**
 * Runs of text a line break must not part, beyond what the browser's line
 * breaker already keeps whole (CLREQ §3.1.7, GB/T 15834):
 *
 * - a figure and the unit or measure word after it: `15000人`, `2.3万元`,
 *   `30%`, `36℃`, `6.6公里`, `2022年`. UAX #14 allows a break between a
 *   figure and a Han character, so `15000|人` is a legal break to a browser.
 * - the two-em dash `——`, kept with the Han character after it (or before
 *   it): set as one unit, the font's composed two-em glyph keeps its shape
 *   and the line its justification (Chromium loses one expansion step on
 *   the composed glyph when it justifies inside a run; see docs/decisions).
 */

/** Figures: ASCII digits with decimal points, time colons or thousands commas inside. */
const FIGURE = /[0-9]+(?:[.:,][0-9]+)*/y;

/**
 * Units and measure words that follow a figure, longest first within each
 * leading character so `万元` wins over `万`. Not every Han character after a
 * figure is a unit (`2022杭州马拉松`): only these glue.
 */
export const UNITS: readonly string[] = [
  // Magnitudes, alone or before a unit.
  '万平方米', '万平方公里', '万千瓦', '万公里', '万元', '万人', '万名', '万户', '万亩', '万吨', '万辆', '万件', '万个', '万套', '万株', '万册', '万美元', '万',
  '亿元', '亿美元', '亿人', '亿吨', '亿千瓦时', '亿',
  '千米', '千克', '千瓦时', '千瓦', '千元', '千人', '千',
  '百分点', '百元', '百',
  // Area, length, mass, volume, time.
  '平方公里', '平方千米', '平方米', '立方米', '公顷', '公里', '公斤', '公分', '公尺', '厘米', '毫米', '毫升', '米', '克', '吨', '亩', '升',
  '小时', '分钟', '秒钟', '个月', '周年', '周岁', '年度', '年', '月', '日', '号', '时', '分', '秒', '天', '周', '岁', '届', '期', '载',
  // Money and counts.
  '美元', '元', '角', '人次', '余人', '余名', '余家', '余场', '余项', '余年', '余万', '余个', '余', '多人', '多名', '多家', '多年', '多万', '多个', '多',
  '人', '名', '位', '个', '家', '户', '项', '次', '场', '件', '台', '辆', '座', '所', '条', '处', '层', '栋', '批', '版', '篇', '份', '种', '类', '组', '支', '队', '间', '张', '本', '枚', '架', '艘', '门', '辆', '只', '头', '株', '棵', '部', '集', '轮', '圈', '步', '例', '起', '宗', '笔', '倍', '成', '度', '瓦',
  // Signs.
  '%', '％', '‰', '℃', '°', '′', '″',
];

const UNIT_SET = new Set(UNITS);
const LONGEST_UNIT = Math.max(...UNITS.map((u) => u.length));
const HAN = /^\p{Script=Han}$/u;

export type GlueKind = 'figure-unit' | 'dash';

/** A run `[from, to)` (UTF-16 offsets) that must stay on one line. */
export interface GlueRun {
  from: number;
  to: number;
  kind: GlueKind;
  /** Where the unit starts (figure-unit runs); the figure is `[from, unitFrom)`. */
  unitFrom?: number;
}

/** The unit at `at` in `text` (longest match), or ''. */
export function unitAt(text: string, at: number): string {
  for (let n = Math.min(LONGEST_UNIT, text.length - at); n > 0; n--) {
    const candidate = text.slice(at, at + n);
    if (UNIT_SET.has(candidate)) return candidate;
  }
  return '';
}

/**
 * The runs of `text` a line break must not part, in order, not overlapping.
 * A figure glued to its unit never includes a letter before it (`A4纸` is a
 * word the browser keeps anyway); the dash run is `——` and one Han neighbour
 * (none when it has no Han neighbour).
 */
export function findGlueRuns(text: string): GlueRun[] {
  const runs: GlueRun[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch >= '0' && ch <= '9' && !(i > 0 && /[0-9A-Za-z.]/.test(text[i - 1]!))) {
      FIGURE.lastIndex = i;
      const m = FIGURE.exec(text);
      const end = i + m![0].length;
      const unit = unitAt(text, end);
      if (unit) {
        runs.push({ from: i, to: end + unit.length, kind: 'figure-unit', unitFrom: end });
        i = end + unit.length;
        continue;
      }
      i = end;
      continue;
    }
    if (ch === '—' && text[i + 1] === '—') {
      const after = text[i + 2];
      const before = text[i - 1];
      const prev = runs.at(-1);
      if (after !== undefined && HAN.test(after) && text[i + 3] !== '—') {
        runs.push({ from: i, to: i + 3, kind: 'dash' });
        i += 3;
        continue;
      }
      // Without a Han neighbour the dash stays in its run: alone, it would be
      // shaped outside Han context and take the font's narrower Latin form.
      if (before !== undefined && HAN.test(before) && !(prev && prev.to > i - 1)) {
        runs.push({ from: i - 1, to: i + 2, kind: 'dash' });
      }
      i += 2;
      continue;
    }
    i++;
  }
  return runs;
}
