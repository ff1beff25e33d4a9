/**
 * Plain text → source lines: line ends (CRLF, CR, LF, U+2028/2029) unified,
 * blank lines counted, indents noted. No structure is guessed here.
 */
import type { SourceLine } from './types';

/** Whitespace a reporter indents a paragraph with: spaces, tabs, U+3000, NBSP. */
const LEADING_SPACE = /^[\s\u3000\u00a0]+/u;

/** Splits decoded text into source lines (1-based line numbers of the text). */
export function textToLines(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split(/\r\n|\r|\n|\u2028|\u2029/u);
  const lines: SourceLine[] = [];
  let blank = 0;
  for (let i = 0; i < raw.length; i++) {
    const full = raw[i]!;
    const trimmed = full.replace(/[\s\u3000\u00a0]+$/u, '');
    const lead = LEADING_SPACE.exec(trimmed);
    const textPart = lead ? trimmed.slice(lead[0].length) : trimmed;
    if (!textPart) {
      blank++;
      continue;
    }
    const line: SourceLine = { line: i + 1, text: textPart, blankBefore: blank };
    if (lead) line.indented = true;
    lines.push(line);
    blank = 0;
  }
  return lines;
}
