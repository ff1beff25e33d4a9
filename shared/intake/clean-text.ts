/**
 * Text repairs intake applies to the pieces it recognised: joining the halves
 * of a broken paragraph, dropping spaces a PDF copy put between Han
 * characters, and punctuation normalisation (one call, see `normalizePiece`).
 */
import { normalizeChineseText } from '../text/normalize';

/** Han characters and full-width CJK punctuation: no space belongs between two of them. */
const CJK = '\\u2e80-\\u2fdf\\u3000-\\u303f\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef“”‘’—…·';
const STRAY_SPACE = new RegExp(`(?<=[${CJK}])[ \\t\\u3000\\u00a0]+(?=[${CJK}])`, 'gu');

/** Spaces around ASCII punctuation standing between Han characters: `上午 ,杭州`, `上午, 杭州`. */
const SPACE_BEFORE_MARK = new RegExp(`(?<=[${CJK}])[ \\t\\u3000\\u00a0]+(?=[,.;:!?)])`, 'gu');
const SPACE_AFTER_MARK = new RegExp(`(?<=[${CJK}][,;:!?(])[ \\t\\u3000\\u00a0]+(?=[${CJK}])`, 'gu');

/** Removes spaces between two Han characters or CJK marks (PDF copy, hand-justified lines). */
export function removeStraySpaces(text: string): string {
  return text.replace(STRAY_SPACE, '').replace(SPACE_BEFORE_MARK, '').replace(SPACE_AFTER_MARK, '');
}

/**
 * Joins two halves of a paragraph broken by a column, page or hard line
 * break. Chinese joins without a space; only two Latin words get one.
 */
export function joinBroken(head: string, tail: string): string {
  const a = head.replace(/[\s\u3000]+$/u, '');
  const b = tail.replace(/^[\s\u3000]+/u, '');
  // A word hyphenated at the break is one word.
  if (/[A-Za-z]-$/u.test(a) && /^[a-z]/u.test(b)) return a.slice(0, -1) + b;
  if (/[A-Za-z]$/u.test(a) && /^[A-Za-z]/u.test(b)) return `${a} ${b}`;
  return a + b;
}

/**
 * The punctuation normaliser intake runs every text piece through, once per
 * piece: the typesetting side owns the rules (GB/T 15834, in
 * shared/text/normalize.ts). `keepSpaces` for heads, whose spaces are meant.
 */
export function normalizePiece(text: string, keepSpaces = false): string {
  return normalizeChineseText(text, { keepSpaces });
}

/** Cleans a body paragraph or caption: stray spaces out, punctuation normalised. */
export function cleanBodyText(text: string): string {
  return normalizePiece(removeStraySpaces(text));
}

/** Cleans a headline-like line: its spaces are deliberate (two-part heads), only normalise. */
export function cleanHeadText(text: string): string {
  return normalizePiece(text.replace(/[ \t\u00a0]{2,}/gu, ' '), true);
}
