/**
 * The character rules of the normaliser (see normalize.ts for the invariants):
 * each decides, on the code points of one text, which characters change and
 * by which rule, and reports it through a {@link Setter}. URLs and e-mail
 * addresses are locked first and no rule touches them.
 */
import { cjkBeside, isAsciiDigit, isAsciiLetter, isAsciiSpace, isCjk, isHan } from './chars';

/** Why a change was made; the UI groups and explains changes by rule. */
export type NormalizationRule =
  | 'punctuation'
  | 'bracket'
  | 'quote'
  | 'ellipsis'
  | 'dash'
  | 'space'
  | 'full-width-alnum';

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

/** Every match of {@link PROTECTED} holds one of these. */
const MAY_BE_PROTECTED = /https?:\/\/|ftp:\/\/|www\.|@/;

export function protectedMask(text: string, length: number, offsets: number[]): boolean[] {
  const locked = new Array<boolean>(length).fill(false);
  if (!MAY_BE_PROTECTED.test(text)) return locked;
  let i = 0;
  for (const match of text.matchAll(PROTECTED)) {
    let value = match[0];
    // Sentence punctuation after a link belongs to the sentence.
    while (/[.,;:!?)'"]$/.test(value) && !(value.endsWith(')') && value.includes('('))) value = value.slice(0, -1);
    const start = match.index;
    const end = start + value.length;
    // Matches come in text order: the code points they cover follow those of the one before.
    while (i < length && offsets[i]! < start) i++;
    for (; i < length && offsets[i]! < end; i++) locked[i] = true;
  }
  return locked;
}

export type Setter = (i: number, to: string, rule: NormalizationRule) => void;

/** ０-９, Ａ-Ｚ, ａ-ｚ. */
function isFullWidthAlnum(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return ch.length === 1 && ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a));
}

export function fullWidthAlnum(chars: string[], set: Setter): void {
  const digitAt = (i: number): boolean => {
    const ch = chars[i];
    return ch !== undefined && (isAsciiDigit(ch) || (ch >= '０' && ch <= '９'));
  };
  chars.forEach((ch, i) => {
    if (isFullWidthAlnum(ch)) set(i, String.fromCharCode(ch.charCodeAt(0) - 0xfee0), 'full-width-alnum');
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
export function decideBrackets(chars: readonly string[], locked: readonly boolean[]): Map<number, string> {
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

/** The characters {@link simpleMarks} acts on. */
const SIMPLE_MARKS = new Set(['.', '。', '·', '…', '-', '—', '―', ',', ':', ';', '!', '?']);

function runEnd(chars: readonly string[], i: number, pred: (ch: string) => boolean): number {
  let k = i;
  while (k < chars.length && pred(chars[k]!)) k++;
  return k;
}

/** `, : ; ! ?`, sentence-final `.`, ellipses and dashes, left to right on the decided text. */
export function simpleMarks(chars: readonly string[], out: string[], locked: readonly boolean[], set: Setter): void {
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    // Most characters are Han: none of the branches below acts on them.
    if (locked[i] || !SIMPLE_MARKS.has(ch)) continue;
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

/** Marks whose runs become an ellipsis or a dash (simpleMarks). */
const RUN_MARKS = '.。·-—―';

/** Spaces between two Chinese characters go, except around newsroom role words. */
export function strayspaces(out: string[], locked: readonly boolean[], set: Setter): void {
  for (let i = 0; i < out.length; i++) {
    if (!isAsciiSpace(out[i]!) || locked[i]) continue;
    const end = runEnd(out, i, isAsciiSpace);
    const left = lastNonEmpty(out, i);
    const right = firstNonEmpty(out, end);
    // A space between two marks of one run (`·· ·`, `— —`) keeps them apart: taking it away
    // would make a new ellipsis or dash that this pass, run before, did not decide.
    const joinsRun = left === right && left !== undefined && RUN_MARKS.includes(left);
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
