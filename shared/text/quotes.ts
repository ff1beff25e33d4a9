/**
 * Straight quotes → paired Chinese quotes (“” and ‘’), by position.
 *
 * A quote after the start, a space or an opening bracket opens; a quote before the end, a space, a closing bracket or a
 * mark closes; between two characters (坚持"产城人文"深度融合) quotes
 * alternate. Quotes change only in Chinese context: Han or a Chinese mark
 * beside them, or Han inside the quoted span. An apostrophe between two Latin
 * letters (`don't`) is never a quote.
 */
import { cjkBeside, isAsciiLetter, isAsciiSpace, isHan } from './chars';

// After a clause mark (，：) a quote usually opens, but “非常激动，”她说 closes: leave those to alternation.
const OPENS_AFTER = new Set(['(', '[', '{', '（', '【', '《', '〈', '「', '『', '“', '‘']);
const CLOSES_BEFORE = new Set([')', ']', '}', '）', '】', '》', '〉', '」', '』', '”', '’', ',', '，', '.', '。', ':', '：', ';', '；', '、', '!', '！', '?', '？', '…']);

/** Decisions for the straight quotes of `chars`: index → “ ” ‘ or ’. */
export function decideQuotes(chars: readonly string[], locked: readonly boolean[]): Map<number, string> {
  const result = new Map<number, string>();
  decideKind(chars, locked, '"', ['“', '”'], result);
  decideKind(chars, locked, "'", ['‘', '’'], result);
  return result;
}

function decideKind(
  chars: readonly string[],
  locked: readonly boolean[],
  quote: string,
  [open, close]: [string, string],
  result: Map<number, string>,
): void {
  const positions: number[] = [];
  chars.forEach((ch, i) => {
    if (ch !== quote || locked[i]) return;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    if (quote === "'" && prev !== undefined && next !== undefined && isAsciiLetter(prev) && isAsciiLetter(next)) return;
    positions.push(i);
  });

  const opening: boolean[] = [];
  let inside = false;
  let seen = 0;
  for (const i of positions) {
    // Curly quotes already in the text (typed earlier) count for alternation.
    for (; seen < i; seen++) {
      if (chars[seen] === open) inside = true;
      else if (chars[seen] === close) inside = false;
    }
    seen = i + 1;
    const prev = chars[i - 1];
    const next = chars[i + 1];
    const strongOpen = prev === undefined || isAsciiSpace(prev) || prev === '\n' || OPENS_AFTER.has(prev);
    // The end of the text is no evidence: while typing, every quote is at the end.
    const strongClose = next !== undefined && (isAsciiSpace(next) || next === '\n' || CLOSES_BEFORE.has(next));
    const isOpen: boolean = strongOpen && !strongClose ? true : strongClose && !strongOpen ? false : !inside;
    opening.push(isOpen);
    inside = isOpen;
  }

  positions.forEach((i, n) => {
    const isOpen = opening[n]!;
    // The quoted span: from this quote to its partner (the next quote of the other direction).
    let partner = -1;
    if (isOpen) {
      for (let m = n + 1; m < positions.length; m++) if (!opening[m]) { partner = positions[m]!; break; }
    } else {
      for (let m = n - 1; m >= 0; m--) if (opening[m]) { partner = positions[m]!; break; }
    }
    const [from, to] = partner === -1 ? [i, i] : isOpen ? [i + 1, partner] : [partner + 1, i];
    let chinese = cjkBeside(chars, i, -1) || cjkBeside(chars, i, 1);
    for (let k = from; !chinese && k < to; k++) chinese = isHan(chars[k]!);
    if (chinese) result.set(i, isOpen ? open : close);
  });
}

