/**
 * Punctuation compression (标点挤压) for push-in (推入), CLREQ §3.1.7 and
 * Founder's practice: a justified line that cannot take the next character
 * would be spread (every gap opened); instead, full-width marks inside the
 * line are set half width, each freeing half an em, until the next unbreakable
 * unit fits. Adjacent marks (”“, ”，, 。”) go first, then single pause marks
 * (，、；：) and closing quotes and brackets, the stops 。！？ last. An
 * opening mark is compressed only as one of a pair (`，“`, `”“`): alone, half
 * width, its ink sits tight against the character it opens, and at body size
 * it reads as a Western quote (`面上的"春色满园`). When the marks cannot free enough, the line is left to push-out
 * (推出: the character stays down and the line is spread, what the browser
 * does by itself).
 *
 * Pure decisions on text and em; the renderer measures and applies them.
 */
import { unitAt } from './glue';
import { LINE_END_PROHIBITED_BASIC, LINE_START_PROHIBITED_BASIC } from './kinsoku';

const WORD = /^[0-9A-Za-z]$/;

/** Full-width marks whose em the font's `halt` can halve (ink kept whole). */
export const SQUEEZABLE: ReadonlySet<string> = new Set([
  ...'，。、：；！？',
  ...'“”‘’（）《》「」『』【】〖〗〔〕〈〉［］｛｝',
]);

/** Opening marks: their ink sits in the right half of the em. */
const OPENING: ReadonlySet<string> = new Set([...'“‘（《「『【〖〔〈［｛']);
/** Stops: compressed last, a sentence end wants its air. */
const STOPS: ReadonlySet<string> = new Set([...'。！？']);

/** Half an em: what compressing one mark frees. */
export const HALF_EM = 0.5;

/**
 * Most marks one line may compress. Past this a line reads cramped, and
 * spreading it (push-out) is the lesser evil.
 */
export const MAX_SQUEEZED_PER_LINE = 4;

const adjacentToMark = (text: string, at: number): boolean => SQUEEZABLE.has(text[at - 1] ?? '') || SQUEEZABLE.has(text[at + 1] ?? '');

/** Priority of compressing the mark at `at` in `text` (lower goes first). */
function priority(text: string, at: number): number {
  if (adjacentToMark(text, at)) return 0;
  if (STOPS.has(text[at]!)) return 2;
  return 1;
}

/** Whether the mark at `at` may be compressed at all: a lone opening mark may not. */
function compressible(text: string, at: number): boolean {
  const ch = text[at] ?? '';
  return SQUEEZABLE.has(ch) && (!OPENING.has(ch) || adjacentToMark(text, at));
}

/**
 * Which marks of a line to set half width so that `shortEm` more em fits on
 * it. `text` is the line's text; `candidates` are offsets in `text` of marks
 * now full width that may be compressed (the caller leaves out marks already
 * half width and the line's last character, which the line-end rule owns).
 * At most `budget` marks (the line may hold some compressed already).
 * Returns offsets in `text` (ascending), or null when the line cannot be
 * saved by compression (push-out). `shortEm` ≤ 0 asks for one mark: the line
 * is loose though the arithmetic says it fits (sub-pixel rounding).
 *
 * Within one priority the marks nearest the line end go first, so the text
 * before the break tightens where the new character arrives.
 */
export function chooseSqueeze(
  text: string,
  candidates: readonly number[],
  shortEm: number,
  budget: number = MAX_SQUEEZED_PER_LINE,
): number[] | null {
  if (!Number.isFinite(shortEm)) throw new RangeError(`chooseSqueeze: shortEm must be finite, got ${shortEm}`);
  const needed = Math.max(1, Math.ceil(shortEm / HALF_EM - 1e-6));
  const usable = candidates.filter((at) => compressible(text, at));
  if (needed > Math.min(usable.length, budget)) return null;
  const ranked = [...usable].sort((a, b) => priority(text, a) - priority(text, b) || b - a);
  return ranked.slice(0, needed).sort((a, b) => a - b);
}

/**
 * Width in em of what must come up together when the next line's first
 * character is pulled onto this line: that character, a run of marks that may
 * not start a line after it (the last of them set half width at the new line
 * end, the others full), and, for an opening mark, the character it opens.
 * Han and full-width characters are one em; `widthOf` gives others (Latin
 * letters, figures) in em.
 */
export function pushInUnitEm(next: string, widthOf: (ch: string, at: number) => number = () => 1): number {
  if (next.length === 0) return 0;
  let at = 0;
  let em = widthOf(next[0]!, 0);
  // An opening mark may not end the line: the character it opens comes too.
  while (LINE_END_PROHIBITED_BASIC.has(next[at]!) && at + 1 < next.length) {
    at++;
    em += widthOf(next[at]!, at);
  }
  if (WORD.test(next[at]!)) {
    // Letters and figures do not break inside a word; `.` `,` `:` only inside a figure.
    while (at + 1 < next.length && (WORD.test(next[at + 1]!) || (/[.,:]/.test(next[at + 1]!) && /[0-9]/.test(next[at + 2] ?? '')))) {
      at++;
      em += widthOf(next[at]!, at);
    }
    if (/[0-9]/.test(next[at]!)) {
      const unit = unitAt(next, at + 1);
      for (let k = 0; k < unit.length; k++) {
        at++;
        em += widthOf(next[at]!, at);
      }
    }
  }
  let closing = 0;
  while (at + 1 < next.length && LINE_START_PROHIBITED_BASIC.has(next[at + 1]!)) {
    at++;
    closing++;
    em += widthOf(next[at]!, at);
  }
  // The last closing mark ends the line and is set half width there (whatever it is now).
  if (closing > 0 && SQUEEZABLE.has(next[at]!)) em += HALF_EM - widthOf(next[at]!, at);
  return em;
}
