/**
 * Character classes for Chinese composition.
 *
 * Every predicate takes one code point as a string (a single character, which
 * may be two UTF-16 units for Han characters outside the BMP) and answers
 * about that character alone.
 */

const HAN = /^[\p{Script=Han}\u3005\u3007]$/u;
const KANA = /^[\p{Script=Hiragana}\p{Script=Katakana}\u30FC]$/u;

/** A Han ideograph (including 〇 and 々), any CJK extension. */
export function isHan(ch: string): boolean {
  return HAN.test(ch);
}

/**
 * Punctuation and symbols that belong to Chinese text: the CJK Symbols and
 * Punctuation block, full-width forms, and the general-punctuation marks
 * Chinese copy uses (curly quotes, the em dash of `——`, the ellipsis of `……`,
 * the interpunct `·`).
 */
export function isCjkPunctuation(ch: string): boolean {
  if (ch.length !== 1) return false;
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    (c >= 0xfe10 && c <= 0xfe1f) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x2014 ||
    c === 0x2026 ||
    c === 0x00b7 ||
    c === 0x2027
  );
}

/**
 * True when a character makes its neighbourhood "Chinese context": Han, kana,
 * or Chinese punctuation. ASCII punctuation next to such a character is taken
 * to be a mistyped full-width mark.
 */
export function isCjk(ch: string): boolean {
  return isHan(ch) || isCjkPunctuation(ch) || KANA.test(ch);
}

/** ASCII letter or digit. */
export function isAsciiAlnum(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch);
}

/** ASCII digit. */
export function isAsciiDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9' && ch.length === 1;
}

/** ASCII letter. */
export function isAsciiLetter(ch: string): boolean {
  return /^[A-Za-z]$/.test(ch);
}

/** Horizontal white space a copy editor may have typed (not the ideographic space U+3000). */
export function isAsciiSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0';
}

/** Split a string into code points, with the UTF-16 offset of each. */
export function codePoints(text: string): { chars: string[]; offsets: number[] } {
  // Array.from splits by code point in native code, several times faster than a for…of loop pushing.
  const chars = Array.from(text);
  const offsets = new Array<number>(chars.length);
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    offsets[i] = offset;
    offset += chars[i]!.length;
  }
  return { chars, offsets };
}

const TRANSPARENT = new Set(['"', "'", '“', '”', '‘', '’', ',', ':', ';', '!', '?', '.', '(', ')', '（', '）']);

/**
 * Whether the nearest character before (`step` −1) or after (+1) index `i`
 * is Chinese, looking through spaces, quotes, brackets and the ASCII marks that may
 * themselves turn full width. Both the raw and the normalised text give the
 * same answer, which keeps normalisation idempotent.
 */
export function cjkBeside(chars: readonly string[], i: number, step: 1 | -1): boolean {
  for (let j = i + step; j >= 0 && j < chars.length; j += step) {
    const ch = chars[j]!;
    if (isAsciiSpace(ch) || TRANSPARENT.has(ch) || ch === '') continue;
    return isCjk(ch);
  }
  return false;
}
