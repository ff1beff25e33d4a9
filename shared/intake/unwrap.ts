/**
 * Text copied out of a PDF breaks at every printed line: a column of 13
 * characters gives lines of 13 characters. Such a text is recognised by its
 * many lines of one width, and its full-width lines are joined with the line
 * after them before structure is recognised. Ordinary copy (a paragraph per
 * line) has no dominant width and passes through untouched.
 */
import { classifyLine } from './classify';
import { joinBroken } from './clean-text';
import { endsSentence } from './patterns';
import type { SourceLine } from './types';

/** Share of lines that must have the dominant width for a text to count as hard-wrapped. */
const MIN_WRAPPED_SHARE = 0.4;
const MIN_WRAPPED_LINES = 10;

const INDENT = '\u3000\u3000';
const STRUCTURAL = new Set(['byline', 'run-in', 'credit', 'label', 'image']);

/** Printed width in em: Han and full-width forms 1, ASCII and half-width ½. */
export function visualWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) < 0x2e80 && ch !== '“' && ch !== '”' && ch !== '‘' && ch !== '’' && ch !== '—' && ch !== '…' ? 0.5 : 1;
  return w;
}

/** The width most lines of a hard-wrapped text have, or null for ordinary copy. */
export function wrapWidth(lines: readonly SourceLine[]): number | null {
  const counts = new Map<number, number>();
  for (const l of lines) {
    // Bylines, credits and labels are never wrapped text, however alike their widths.
    if (STRUCTURAL.has(classifyLine(l).kind)) continue;
    const w = Math.round(visualWidth(l.text)) + (l.indented ? 2 : 0);
    if (w >= 6) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [w, n] of counts) if (best === null || n > counts.get(best)!) best = w;
  // Lines a unit shorter or longer (a half-width digit pair, a hanging mark) count towards the width.
  const bestCount = best === null ? 0 : counts.get(best)! + (counts.get(best - 1) ?? 0) + (counts.get(best + 1) ?? 0);
  if (best === null || bestCount < MIN_WRAPPED_LINES || bestCount < lines.length * MIN_WRAPPED_SHARE) return null;
  return best;
}


/** Joins the printed lines of a hard-wrapped text back into paragraphs; other text is returned as is. */
export function unwrapLines(lines: readonly SourceLine[]): SourceLine[] {
  const width = wrapWidth(lines);
  if (width === null) return [...lines];
  const isFull = (text: string) => Math.abs(Math.round(visualWidth(text)) - width) <= 1;
  // An indented first line holds the 2-em paragraph indent too.
  const lineFull = (line: SourceLine) => isFull(line.text) || (!!line.indented && isFull(`${INDENT}${line.text}`));
  const out: SourceLine[] = [];
  // The line being joined, and its text in pieces: joined once at the end, as
  // re-joining a growing string per printed line is quadratic in a long paragraph.
  let carry = null as { line: SourceLine; pieces: string[]; joined: number[] } | null;
  const flush = (): void => {
    if (!carry) return;
    const line: SourceLine = { ...carry.line, text: carry.pieces.join('') };
    if (carry.joined.length) line.joined = carry.joined;
    out.push(line);
    carry = null;
  };
  let previous = null as SourceLine | null;
  for (const line of lines) {
    // After a sentence end, a short line with no sentence end of its own is a head (crosshead, headline), not more text.
    const head = previous !== null && endsSentence(previous.text) && !lineFull(line) && !endsSentence(line.text);
    if (carry && line.blankBefore === 0 && !line.indented && !head && !STRUCTURAL.has(classifyLine(line).kind)) {
      // joinBroken looks only at the end of the head: the last piece is enough (lines are trimmed, never empty).
      // It keeps the tail whole at its end; what comes before belongs to the head.
      const last = carry.pieces.length - 1;
      const joined = joinBroken(carry.pieces[last]!, line.text);
      carry.pieces[last] = joined.slice(0, joined.length - line.text.length);
      carry.pieces.push(line.text);
      carry.joined.push(line.line);
    } else {
      flush();
      carry = { line, pieces: [line.text], joined: [...(line.joined ?? [])] };
    }
    previous = line;
    // A full-width line goes on in the next line, even after a sentence end: a paragraph ending
    // exactly at a full line is rarer than a sentence doing so.
    if (!lineFull(line)) flush();
  }
  flush();
  return out;
}
