// The normaliser as it was before its speed-up (commit 3b12e68), kept as the reference the
// differential test compares the fast one with. Do not edit, but for deliberate changes of
// behaviour made to both, each marked here: (1) a space between two marks of one run stays
// (`·· ·社`: taking it away made an ellipsis a second pass would turn into ……; see strayspaces).
/**
 * Normalising Chinese copy as it enters a story (GB/T 15834 punctuation).
 *
 * Reporters' files, wire copy and text copied out of PDFs carry ASCII
 * punctuation between Han characters, straight quotes, stray spaces and
 * full-width digits. {@link findNormalizations} decides, character by
 * character, what should change and says why; {@link normalizeChineseText}
 * applies those decisions.
 *
 * Invariants:
 * - Only punctuation, spaces and full-width ASCII letters/digits change; Han
 *   characters, Latin words and numbers are never touched. Decimals (`2.3万`),
 *   times (`7:30`), thousands (`1,000`), percentages, URLs and e-mail
 *   addresses stay exactly as they are.
 * - ASCII punctuation changes only in Chinese context: a Han character or a
 *   Chinese mark on at least one side (for brackets and quotes: inside, too).
 * - Normalising twice gives the same text as normalising once.
 */
import { cjkBeside, codePoints, isAsciiDigit, isAsciiLetter, isAsciiSpace, isCjk, isHan } from '../../../../shared/text/chars';
import { decideQuotes } from '../../../../shared/text/quotes';

/** Why a change was made; the UI groups and explains changes by rule. */
export type NormalizationRule =
  | 'punctuation'
  | 'bracket'
  | 'quote'
  | 'ellipsis'
  | 'dash'
  | 'space'
  | 'full-width-alnum';

/** One decision of the normaliser, on the original text. */
export interface NormalizationChange {
  /** UTF-16 offset of `from` in the original text. */
  offset: number;
  /** The original characters (never empty). */
  from: string;
  /** What they become (empty when deleted). */
  to: string;
  rule: NormalizationRule;
}

export interface NormalizeOptions {
  /**
   * Keep every space. Spaces in headlines, bylines and credits are meaningful
   * (`党建引领共治共享 构建现代化治理体系`, `首席记者 蒋超`): pass true for them.
   * Even when false, a space next to a newsroom role word (`记者 靳林杰`,
   * `靳林杰 通讯员`, `一角。 记者丁力摄`) is kept.
   */
  keepSpaces?: boolean;
}

/** ASCII mark → full-width mark for the simple, unpaired marks. */
const FULL_WIDTH: Readonly<Record<string, string>> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '!': '！',
  '?': '？',
};

/** Words after or before which a space separates a name in a byline or credit. */
const ROLE_WORDS = [
  '本报讯',
  '记者',
  '通讯员',
  '实习生',
  '摄影',
  '摄',
  '编辑',
  '责编',
  '美编',
  '校对',
  '供图',
  '制图',
  '绘图',
];

// URLs and e-mail addresses: ASCII only, so they end at the first Han character.
const PROTECTED = /(?:https?:\/\/|ftp:\/\/|www\.)[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;

/** The changes {@link normalizeChineseText} makes, in text order, non-overlapping. */
export function findNormalizations(text: string, options: NormalizeOptions = {}): NormalizationChange[] {
  // A mark made full width is Chinese context for its neighbours (`?（"` → `？（“`), so
  // decide again on the decided text until nothing changes. Later rounds only touch
  // characters earlier rounds left alone, so their offsets map straight back.
  const all: NormalizationChange[] = [];
  let current = text;
  for (let round = 0; round < 8; round++) {
    const changes = findOnce(current, options);
    if (changes.length === 0) break;
    const mapped = changes.map((c) => ({ ...c, offset: originalOffset(all, c.offset) }));
    // Should a later round ever revise an earlier decision, keep the earlier one.
    if (mapped.some((c) => all.some((a) => c.offset < a.offset + a.from.length && a.offset < c.offset + c.from.length))) break;
    all.push(...mapped);
    all.sort((a, b) => a.offset - b.offset);
    current = applyNormalizations(text, all);
  }
  return all;
}

/** Where an offset into the text with `changes` applied was in the original text. */
function originalOffset(changes: readonly NormalizationChange[], offset: number): number {
  let delta = 0;
  for (const c of changes) {
    if (c.offset + delta + c.to.length > offset) break;
    delta += c.to.length - c.from.length;
  }
  return offset - delta;
}

function findOnce(text: string, options: NormalizeOptions): NormalizationChange[] {
  const { chars, offsets } = codePoints(text);
  const out = chars.slice();
  const rules: (NormalizationRule | null)[] = chars.map(() => null);
  const locked = protectedMask(text, chars.length, offsets);
  const set = (i: number, to: string, rule: NormalizationRule): void => {
    out[i] = to;
    rules[i] = rule;
  };

  fullWidthAlnum(chars, set);
  for (const [i, to] of decideBrackets(chars, locked)) set(i, to, 'bracket');
  for (const [i, to] of decideQuotes(chars, locked)) set(i, to, 'quote');
  simpleMarks(chars, out, locked, set);
  if (!options.keepSpaces) strayspaces(out, locked, set);
  return collect(chars, offsets, out, rules);
}

/** `text` with ASCII punctuation in Chinese context made full width; see the module invariants. */
export function normalizeChineseText(text: string, options: NormalizeOptions = {}): string {
  return applyNormalizations(text, findNormalizations(text, options));
}

/** Apply changes found by {@link findNormalizations} (in order, non-overlapping) to the same text. */
export function applyNormalizations(text: string, changes: readonly NormalizationChange[]): string {
  let result = '';
  let at = 0;
  for (const change of changes) {
    if (change.offset < at || text.slice(change.offset, change.offset + change.from.length) !== change.from) {
      throw new RangeError(`change at ${change.offset} does not match the text`);
    }
    result += text.slice(at, change.offset) + change.to;
    at = change.offset + change.from.length;
  }
  return result + text.slice(at);
}

function protectedMask(text: string, length: number, offsets: number[]): boolean[] {
  const locked = new Array<boolean>(length).fill(false);
  for (const match of text.matchAll(PROTECTED)) {
    let value = match[0];
    // Sentence punctuation after a link belongs to the sentence.
    while (/[.,;:!?)'"]$/.test(value) && !(value.endsWith(')') && value.includes('('))) value = value.slice(0, -1);
    const start = match.index;
    const end = start + value.length;
    for (let i = 0; i < length; i++) if (offsets[i]! >= start && offsets[i]! < end) locked[i] = true;
  }
  return locked;
}

type Setter = (i: number, to: string, rule: NormalizationRule) => void;

function fullWidthAlnum(chars: string[], set: Setter): void {
  const digitAt = (i: number): boolean => {
    const ch = chars[i];
    return ch !== undefined && (isAsciiDigit(ch) || (ch >= '０' && ch <= '９'));
  };
  chars.forEach((ch, i) => {
    if (/[０-９Ａ-Ｚａ-ｚ]/.test(ch)) set(i, String.fromCharCode(ch.charCodeAt(0) - 0xfee0), 'full-width-alnum');
    // ６．６公里, ７：３０, ９０％: numbers are set in half-width figures.
    else if ((ch === '．' || ch === '：') && digitAt(i - 1) && digitAt(i + 1)) {
      set(i, ch === '．' ? '.' : ':', 'full-width-alnum');
    } else if (ch === '％' && digitAt(i - 1)) set(i, '%', 'full-width-alnum');
  });
}

/** Index of the nearest non-space character before (`step` −1) or after (+1) `i`, or −1. */
function neighbour(chars: readonly string[], i: number, step: 1 | -1): number {
  for (let j = i + step; j >= 0 && j < chars.length; j += step) if (!isAsciiSpace(chars[j]!)) return j;
  return -1;
}

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’']);

/**
 * Like {@link neighbour}, looking through quotes that open towards `i`
 * (`，“中` backwards is no context, `”，` forwards neither): a mark just inside
 * a quote belongs to the quoted text (他说“Hello, world!”然后 keeps its `!`).
 */
function contextNeighbour(chars: readonly string[], i: number, step: 1 | -1): number {
  const boundary = step === 1 ? ['”', '’'] : ['“', '‘'];
  for (let j = i + step; j >= 0 && j < chars.length; j += step) {
    const ch = chars[j]!;
    if (boundary.includes(ch)) return -1;
    // ASCII marks in a row (`;?社`) share their context: look past them.
    if (!isAsciiSpace(ch) && !QUOTES.has(ch) && ch !== '' && !(ch in FULL_WIDTH)) return j;
  }
  return -1;
}

function cjkAt(chars: readonly string[], j: number): boolean {
  // A decided run (……, ——) is one entry of several characters.
  return j >= 0 && j < chars.length && isCjk([...chars[j]!][0] ?? '');
}

function hasHan(chars: readonly string[], from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isHan(chars[k]!)) return true;
  return false;
}

/** Parentheses: paired by nesting; a pair is Chinese when it holds Han or sits in Chinese context. */
function decideBrackets(chars: readonly string[], locked: readonly boolean[]): Map<number, string> {
  const result = new Map<number, string>();
  const stack: number[] = [];
  const lone = (i: number): void => {
    if (cjkBeside(chars, i, -1) || cjkBeside(chars, i, 1)) {
      result.set(i, chars[i] === '(' ? '（' : '）');
    }
  };
  chars.forEach((ch, i) => {
    if (locked[i]) return;
    if (ch === '(') stack.push(i);
    else if (ch === ')') {
      const open = stack.pop();
      if (open === undefined) return lone(i);
      const before = chars[open - 1];
      // f(x), iPhone(s): a bracket glued to a Latin word stays Latin unless it holds Han.
      const glued = before !== undefined && (isAsciiLetter(before) || isAsciiDigit(before));
      const context = cjkBeside(chars, open, -1) || cjkBeside(chars, i, 1);
      if (hasHan(chars, open + 1, i) || (!glued && context)) {
        result.set(open, '（');
        result.set(i, '）');
      }
    }
  });
  for (const open of stack) lone(open);
  return result;
}

function runEnd(chars: readonly string[], i: number, pred: (ch: string) => boolean): number {
  let k = i;
  while (k < chars.length && pred(chars[k]!)) k++;
  return k;
}

/** `, : ; ! ?`, sentence-final `.`, ellipses and dashes, left to right on the decided text. */
function simpleMarks(chars: readonly string[], out: string[], locked: readonly boolean[], set: Setter): void {
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (locked[i]) continue;
    // Quotes take the language of what they quote, so look through them for context.
    const context = (): boolean =>
      cjkAt(out, contextNeighbour(out, i, -1)) || cjkAt(out, contextNeighbour(out, runEnd(chars, i, (c) => c === ch) - 1, 1));

    // Runs: "...", "。。。", "···", a lone "…" → ……; "--", a lone "—", "―" → ——.
    const run = runEnd(chars, i, (c) => c === ch && !locked[i]) - i;
    const ellipsis = (ch === '.' || ch === '。' || ch === '·') && run >= 3;
    const dash = (ch === '-' && run >= 2) || ((ch === '—' || ch === '―') && run === 1) || (ch === '―' && run === 2);
    if (ellipsis || (ch === '…' && run === 1) || dash) {
      if (context()) {
        set(i, ellipsis || ch === '…' ? '……' : '——', ellipsis || ch === '…' ? 'ellipsis' : 'dash');
        for (let k = i + 1; k < i + run; k++) set(k, '', ellipsis || ch === '…' ? 'ellipsis' : 'dash');
      }
      i += run - 1;
      continue;
    }
    if ('-—―…。·'.includes(ch)) {
      // A run that is already right (——, ……) or too short to be one: look past all of it.
      i += run - 1;
      continue;
    }

    const prev = chars[i - 1];
    const next = chars[i + 1];
    // 1,000  7:30  2.5  3:2 — figures on both sides: a number, not a sentence.
    const inNumber = prev !== undefined && next !== undefined && isAsciiDigit(out[i - 1]!) && isAsciiDigit(next);
    const full = FULL_WIDTH[ch];
    if (full !== undefined) {
      if (!inNumber && context()) set(i, full, 'punctuation');
    } else if (ch === '.' && run === 1 && !inNumber && prev !== undefined) {
      // Only a full stop right after Han (or a closing quote/bracket) that ends a sentence.
      const after = neighbour(chars, i, 1);
      // 社.。。 is a mistyped ellipsis, not a full stop: leave runs of stops alone.
      const endsSentence =
        (next === undefined || !'。．.'.includes(next)) && (after === -1 || isCjk(out[after]!) || isAsciiSpace(chars[i + 1] ?? ''));
      if (/[\p{Script=Han}”’）》]/u.test(out[i - 1]!) && endsSentence) set(i, '。', 'punctuation');
    }
  }
}

function startsWithRole(s: string): boolean {
  return ROLE_WORDS.some((w) => s.startsWith(w));
}

function endsWithRole(s: string): boolean {
  return ROLE_WORDS.some((w) => s.endsWith(w));
}

/** Spaces between two Chinese characters go, except around newsroom role words. */
function strayspaces(out: string[], locked: readonly boolean[], set: Setter): void {
  for (let i = 0; i < out.length; i++) {
    if (!isAsciiSpace(out[i]!) || locked[i]) continue;
    const end = runEnd(out, i, isAsciiSpace);
    const left = lastNonEmpty(out, i);
    const right = firstNonEmpty(out, end);
    // Amendment (1): a space between two marks of one run stays.
    const joinsRun = left === right && left !== undefined && '.。·-—―'.includes(left);
    if (left !== undefined && right !== undefined && isCjk(left) && isCjk(right) && !joinsRun) {
      const before = out.slice(Math.max(0, i - 4), i).join('');
      const after = out.slice(end, end + 4).join('');
      if (!endsWithRole(before) && !startsWithRole(after)) {
        for (let k = i; k < end; k++) set(k, '', 'space');
      }
    }
    i = end - 1;
  }
}

function lastNonEmpty(out: readonly string[], i: number): string | undefined {
  for (let j = i - 1; j >= 0; j--) if (out[j] !== '') return [...out[j]!].at(-1);
  return undefined;
}

function firstNonEmpty(out: readonly string[], i: number): string | undefined {
  for (let j = i; j < out.length; j++) if (out[j] !== '') return [...out[j]!][0];
  return undefined;
}

function collect(
  chars: readonly string[],
  offsets: readonly number[],
  out: readonly string[],
  rules: readonly (NormalizationRule | null)[],
): NormalizationChange[] {
  const changes: NormalizationChange[] = [];
  for (let i = 0; i < chars.length; i++) {
    const rule = rules[i];
    if (rule === null || rule === undefined || out[i] === chars[i]) continue;
    const last = changes.at(-1);
    const mergeable = rule === 'space' || rule === 'ellipsis' || rule === 'dash';
    const previousChanged = i > 0 && rules[i - 1] === rule && out[i - 1] !== chars[i - 1];
    if (last && mergeable && previousChanged && last.rule === rule && (out[i] === '' || rule === 'space')) {
      last.from += chars[i]!;
      last.to += out[i]!;
    } else {
      changes.push({ offset: offsets[i]!, from: chars[i]!, to: out[i]!, rule });
    }
  }
  return changes;
}
