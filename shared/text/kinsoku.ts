/**
 * Line-breaking rules for Chinese text (W3C CLREQ §3.1.7, GB/T 15834),
 * and a checker for laid-out lines.
 *
 * Two levels, as in CSS `line-break`: `basic` holds what no Chinese page
 * may do (a comma or closing quote at a line start, an opening bracket at a
 * line end, a split `——` or `……`, a number broken inside); `strict` adds what
 * a careful newspaper also avoids (an interpunct or a connector at a line
 * start, a currency sign at a line end, a number parted from its unit).
 */
import { unitAt } from './glue';

/** Closing brackets and quotes, and the pause and stop marks (点号): never at a line start. */
export const LINE_START_PROHIBITED_BASIC: ReadonlySet<string> = new Set([
  ...'。．，、：；！？‼⁇⁈⁉',
  ...'）］｝〕〉》」』】〙〗〟’”｠»',
  ...',.:;!?)]}',
]);

/** Also avoided at a line start when strict: interpuncts, connectors, small kana, iteration marks, units. */
export const LINE_START_PROHIBITED_STRICT: ReadonlySet<string> = new Set([
  ...LINE_START_PROHIBITED_BASIC,
  ...'·・‧‐゠–〜～ー々〻',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
  ...'%‰℃°′″％',
]);

/** Opening brackets and quotes: never at a line end. */
export const LINE_END_PROHIBITED_BASIC: ReadonlySet<string> = new Set([...'（［｛〔〈《「『【〘〖〝‘“｟«', ...'([{']);

/** Also avoided at a line end when strict: currency and number signs that lead a figure. */
export const LINE_END_PROHIBITED_STRICT: ReadonlySet<string> = new Set([
  ...LINE_END_PROHIBITED_BASIC,
  ...'￥¥$£€＄#№',
]);

/** Marks written doubled that a line break must never part. */
export const NEVER_SPLIT: readonly string[] = ['——', '……'];


export type KinsokuLevel = 'basic' | 'strict';

export type BreakViolationKind = 'line-start' | 'line-end' | 'split-sequence' | 'split-number';

/** A line break that breaks a rule. `line` is the index of the line the break ends. */
export interface BreakViolation {
  line: number;
  kind: BreakViolationKind;
  /** The characters on either side of the break, `before|after`. */
  at: string;
}

/** Whether `ch` may start a line (it is not line-start prohibited at `level`). */
export function mayStartLine(ch: string, level: KinsokuLevel = 'basic'): boolean {
  return !(level === 'strict' ? LINE_START_PROHIBITED_STRICT : LINE_START_PROHIBITED_BASIC).has(ch);
}

/** Whether `ch` may end a line (it is not line-end prohibited at `level`). */
export function mayEndLine(ch: string, level: KinsokuLevel = 'basic'): boolean {
  return !(level === 'strict' ? LINE_END_PROHIBITED_STRICT : LINE_END_PROHIBITED_BASIC).has(ch);
}

/** A figure: ASCII digits with decimal points, time colons or thousands commas inside. */
const isFigure = (ch: string | undefined): boolean => ch !== undefined && /^[0-9]$/.test(ch);
const isLatin = (ch: string | undefined): boolean => ch !== undefined && /^[A-Za-z0-9]$/.test(ch);

/**
 * The rule-breaking breaks between consecutive lines of ONE paragraph.
 *
 * `lines` are the paragraph's lines in order as laid out (leading and trailing
 * white space is ignored). Only the breaks between them are judged: a
 * paragraph may begin with an opening quote and end with a full stop.
 */
export function findBreakViolations(lines: readonly string[], level: KinsokuLevel = 'basic'): BreakViolation[] {
  const violations: BreakViolation[] = [];
  const trimmed = lines.map((l) => [...l.trim()]);
  for (let n = 0; n + 1 < trimmed.length; n++) {
    const line = trimmed[n]!;
    const nextLine = trimmed[n + 1]!;
    const last = line.at(-1);
    const first = nextLine[0];
    if (last === undefined || first === undefined) continue;
    const at = `${line.slice(-2).join('')}|${nextLine.slice(0, 2).join('')}`;
    if (!mayStartLine(first, level)) violations.push({ line: n + 1, kind: 'line-start', at });
    if (!mayEndLine(last, level)) violations.push({ line: n, kind: 'line-end', at });
    if (NEVER_SPLIT.some((seq) => last === seq[0] && first === seq[1])) {
      violations.push({ line: n, kind: 'split-sequence', at });
    }
    // 2.|3万, 7:|30, QC|小组 is fine but Q|C is not: Latin words and figures hold together.
    const beforeLast = line.at(-2);
    const afterFirst = nextLine[1];
    const splitWord = isLatin(last) && isLatin(first);
    const splitFigure =
      (isFigure(last) && /^[.:,]$/.test(first) && isFigure(afterFirst)) ||
      (/^[.:,]$/.test(last) && isFigure(beforeLast) && isFigure(first));
    // Units kept with the figure before them when strict (`90%`, `36℃`, `2.3万`, `15000人`).
    const splitUnit = level === 'strict' && isFigure(last) && unitAt(nextLine.join(''), 0) !== '';
    if (splitWord || splitFigure || splitUnit) violations.push({ line: n, kind: 'split-number', at });
  }
  return violations;
}
