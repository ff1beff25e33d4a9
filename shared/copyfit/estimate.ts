/**
 * Copyfit estimation: how many grid lines a piece of body copy needs in a
 * column of a given width, without a browser.
 *
 * The renderer's DOM measurement is the final judge of fit; this estimator is
 * what a layout editor (or a fixture builder) uses to plan a page before it is
 * rendered, so it is deliberately conservative: when Chromium might squeeze a
 * line and might not, the estimate assumes it does not.
 *
 * The model, in em of the body size:
 * - Han characters and full-width punctuation are 1 em.
 * - ASCII digits, letters and punctuation are proportional; they get the
 *   widths in {@link DEFAULT_WIDTHS}, a little wider than Noto Serif SC's
 *   glyphs so the estimate errs on the long side. Measured in Chromium 156
 *   between Han characters (Noto Serif SC / Noto Sans SC): a digit 0.81 em
 *   with its autospace, `,` `.` `:` `+` 0.53–0.58 em (Chromium autospaces
 *   them too), `(` 0.34–0.36 em, `%` 1.17 em, `·` 0.33 (serif) or 1 (sans).
 * - Between a Han character and an ASCII letter or digit Chromium's
 *   `text-autospace` inserts 1/8 em; the estimate always counts it.
 * - Line breaking follows CLREQ as Chromium's `line-break: strict` does: a
 *   closing mark (`。，、”）》` …) never starts a line and an opening mark
 *   (`“（《` …) never ends one, so the character before a closing mark is
 *   carried to the next line with it (push-out). Runs of ASCII digits and
 *   letters (`15000`, `6.6`, `7:30`, `90%`) and the doubled marks `——` and
 *   `……` never split.
 * - The first line of a paragraph is indented (2 em by default).
 */
import { textColumnsOf } from '../page/geometry';

/** Widths (em) of the character classes the estimator distinguishes. */
export interface WidthModel {
  /** ASCII digits 0–9. */
  digit: number;
  /** ASCII letters. */
  letter: number;
  /**
   * ASCII punctuation other than space and brackets (`,` `.` `:` `+` …),
   * including the autospace Chromium puts around it between Han characters.
   */
  asciiPunct: number;
  /** ASCII brackets `(` `)` `[` `]` `{` `}` (no autospace around them). */
  asciiBracket: number;
  /** Wide ASCII symbols (`%` `&` `@` `#`). */
  asciiWide: number;
  /** A space (U+0020); it hangs, uncounted, at the end of a line. */
  space: number;
  /** Narrow non-ASCII marks that fonts set proportionally (`·`). */
  narrowMark: number;
  /** Extra space between a Han character and an ASCII letter or digit. */
  autospace: number;
}

/** Conservative widths for Noto Serif SC / Noto Sans SC body type. */
export const DEFAULT_WIDTHS: WidthModel = {
  digit: 0.6,
  letter: 0.8,
  asciiPunct: 0.6,
  asciiBracket: 0.4,
  asciiWide: 1.1,
  space: 0.33,
  narrowMark: 1,
  autospace: 0.125,
};

/** Options of a paragraph estimate. */
export interface LineOptions {
  /** Width of a line in body characters (em); may be fractional. */
  lineChars: number;
  /** First-line indent in characters; 2 for body text, 0 for captions. */
  indentChars?: number;
  widths?: Partial<WidthModel>;
}

/** Marks that may not start a line (CLREQ, GB/T 15834; `line-break: strict`). */
export const LINE_START_PROHIBITED = new Set([
  ...'。．，、：；！？”’」』）》〉】〗〕］｝〙〛…‥·・ー々〻ゝゞヽヾ〜～％‰',
  ...'ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ',
  ...',.:;!?)]}%',
]);

/** Marks that may not end a line. */
export const LINE_END_PROHIBITED = new Set([...'“‘「『（《〈【〖〔［｛〘〚', ...'([{']);

const FULL_WIDTH_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2014, 0x2014], // — (full width in CJK fonts)
  [0x2018, 0x201d], // ‘ ’ “ ” (full width in CJK fonts)
  [0x2026, 0x2026], // …
  [0x2e80, 0x303e], // CJK radicals, symbols and punctuation
  [0x3041, 0x33ff], // kana, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe1f], // vertical forms
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff01, 0xff60], // full-width forms
  [0xffe0, 0xffe6],
  [0x20000, 0x3fffd], // supplementary ideographs
];

function inRanges(cp: number, ranges: readonly [number, number][]): boolean {
  for (const [lo, hi] of ranges) if (cp >= lo && cp <= hi) return true;
  return false;
}

function isAsciiAlnum(ch: string): boolean {
  return /^[0-9A-Za-z]$/.test(ch);
}

/** Whether a character is a Han ideograph (the side of an autospace gap). */
export function isHan(ch: string): boolean {
  const cp = ch.codePointAt(0) ?? 0;
  return (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

/** Width of one character in em of the body size. */
export function charWidth(ch: string, widths: WidthModel = DEFAULT_WIDTHS): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp === 0x20) return widths.space;
  if (cp >= 0x30 && cp <= 0x39) return widths.digit;
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) return widths.letter;
  if (ch === '%' || ch === '&' || ch === '@' || ch === '#') return widths.asciiWide;
  if ('()[]{}'.includes(ch)) return widths.asciiBracket;
  if (cp > 0x20 && cp < 0x7f) return widths.asciiPunct;
  if (inRanges(cp, FULL_WIDTH_RANGES)) return 1;
  if (cp === 0xb7) return widths.narrowMark;
  if (cp < 0x2000) return widths.letter; // other Latin, Greek, Cyrillic letters
  return 1;
}

const OPENING_QUOTES = new Set([...'“‘']);
const CLOSING_QUOTES = new Set([...'”’']);

/** East Asian wide or full-width (the context UAX #14 LB19a asks for around quotes). */
function isEastAsianWide(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp >= 0x2018 && cp <= 0x201d) return false; // quotes are ambiguous width
  return charWidth(ch) === 1 && cp >= 0x1100;
}

/**
 * Whether a line may break between `a` and `b` (adjacent characters);
 * `before` is the character before `a` and `after` the one after `b`.
 *
 * Quotation marks follow UAX #14 LB19/LB19a as ICU 74+ (Chromium) does: a
 * line breaks before an opening quote, or after a closing one, only when the
 * characters on both sides are East Asian wide. So `,“` and `”29` hold
 * together, while `的“` may break.
 */
export function canBreakBetween(a: string, b: string, before?: string, after?: string): boolean {
  if (LINE_START_PROHIBITED.has(b) || LINE_END_PROHIBITED.has(a)) return false;
  if (OPENING_QUOTES.has(b) && !(isEastAsianWide(a) && isEastAsianWide(after))) return false;
  if (CLOSING_QUOTES.has(a) && !(isEastAsianWide(before) && isEastAsianWide(b))) return false;
  if (a === ' ') return true;
  if (b === ' ') return false; // a space hangs at the end of the line before it
  if (a === b && (a === '—' || a === '…' || a === '⋯')) return false;
  // Words and numbers: letters, digits and the separators inside numbers.
  const word = (c: string) => isAsciiAlnum(c) || c === '.' || c === ':' || c === '/' || c === '-' || c === '_';
  if (word(a) && word(b)) return false;
  return true;
}

/** The unbreakable pieces of a text, in order; their concatenation is the text. */
export function breakUnits(text: string): string[] {
  const chars = [...text];
  const units: string[] = [];
  let current = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (current !== '' && canBreakBetween(chars[i - 1]!, ch, chars[i - 2], chars[i + 1])) {
      units.push(current);
      current = '';
    }
    current += ch;
  }
  if (current !== '') units.push(current);
  return units;
}

function resolveWidths(partial: Partial<WidthModel> | undefined): WidthModel {
  return partial ? { ...DEFAULT_WIDTHS, ...partial } : DEFAULT_WIDTHS;
}

/** Width of a run of characters including autospace gaps inside it and before it. */
function runWidth(text: string, before: string | undefined, widths: WidthModel): number {
  let w = 0;
  let prev = before;
  for (const ch of text) {
    w += charWidth(ch, widths);
    if (prev !== undefined && ((isHan(prev) && isAsciiAlnum(ch)) || (isAsciiAlnum(prev) && isHan(ch)))) w += widths.autospace;
    prev = ch;
  }
  return w;
}

/** Width of a unit at the end of a line: trailing spaces hang. */
function trimmedEnd(unit: string): string {
  return unit.replace(/ +$/, '');
}

function lastChar(s: string): string | undefined {
  return s === '' ? undefined : [...s].at(-1);
}

// Justified lines are filled to within rounding; allow for float error only.
const EPSILON = 1e-6;

/**
 * Breaks a paragraph into lines the way a greedy CLREQ line breaker would.
 * Returns the text of each line (an empty paragraph is one empty line).
 */
export function breakLines(text: string, options: LineOptions): string[] {
  const { lineChars } = options;
  const indent = options.indentChars ?? 2;
  if (!(lineChars > 0) || !Number.isFinite(lineChars)) throw new RangeError(`lineChars must be a positive number, got ${lineChars}`);
  if (!(indent >= 0) || indent >= lineChars) throw new RangeError(`indentChars must be in [0, lineChars), got ${indent}`);
  const widths = resolveWidths(options.widths);
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let available = lineChars - indent;
  for (const unit of breakUnits(text)) {
    const before = lastChar(line);
    const w = runWidth(trimmedEnd(unit), before, widths);
    if (line !== '' && used + w > available + EPSILON) {
      lines.push(line);
      line = '';
      used = 0;
      available = lineChars;
    }
    // A unit wider than a whole line is split anywhere (overflow-wrap: anywhere).
    if (line === '' && runWidth(trimmedEnd(unit), undefined, widths) > available + EPSILON) {
      for (const ch of unit) {
        const cw = runWidth(ch, lastChar(line), widths);
        if (line !== '' && ch !== ' ' && used + cw > available + EPSILON) {
          lines.push(line);
          line = '';
          used = 0;
          available = lineChars;
        }
        used += runWidth(ch, lastChar(line), widths);
        line += ch;
      }
      continue;
    }
    line += unit;
    used += runWidth(unit, before, widths);
  }
  lines.push(line);
  return lines;
}

/** Lines a paragraph needs at `lineChars` characters per line. */
export function paragraphLines(text: string, options: LineOptions): number {
  return breakLines(text, options).length;
}

/** One item of a story body in galley order. */
export type GalleyItem = { kind: 'paragraph'; text: string } | { kind: 'crosshead'; lines: number };

/** Total galley lines of a body: paragraphs broken at `lineChars`, crossheads at their fixed height. */
export function galleyLines(items: readonly GalleyItem[], options: LineOptions): number {
  let total = 0;
  for (const item of items) total += item.kind === 'crosshead' ? item.lines : paragraphLines(item.text, options);
  return total;
}

/** Characters across one text column when `cols` grid columns are set as `textColumns` columns. */
export function textColumnChars(
  grid: { charsPerColumn: number; gutterChars: number },
  cols: number,
  textColumns: number,
): number {
  if (!Number.isInteger(cols) || cols < 1) throw new RangeError(`cols must be a positive integer, got ${cols}`);
  if (!Number.isInteger(textColumns) || textColumns < 1) throw new RangeError(`textColumns must be a positive integer, got ${textColumns}`);
  return textColumnsOf(grid, cols, textColumns).columnChars;
}

/** Galley lines a story body can show: text columns × body lines. */
export function storyCapacity(textColumns: number, bodyLines: number): number {
  return textColumns * Math.max(0, bodyLines);
}
