/**
 * What a source line could be, judged from the line alone. The recogniser
 * then decides with context (a short line before a byline is a headline,
 * the same line inside a story is a crosshead).
 */
import {
  charLength,
  endsSentence,
  isKnownLabel,
  parseCreditLine,
  parseRunInByline,
  parseStandaloneByline,
  splitTrailingCredit,
} from './patterns';
import type { Byline, Credit, SourceLine } from './types';

/** Longest line that can be a headline, crosshead or label, in characters. */
export const MAX_HEAD_CHARS = 40;
/** Longest text that can be a photo caption, in characters. */
export const MAX_CAPTION_CHARS = 300;

export type LineClass =
  | { kind: 'image' }
  | { kind: 'credit'; credit: Credit }
  | { kind: 'caption-credit'; caption: string; credit: Credit }
  | { kind: 'byline'; byline: Byline }
  | { kind: 'run-in'; byline: Byline; rest: string }
  | { kind: 'label' }
  | { kind: 'head' }
  | { kind: 'text' };

export function classifyLine(line: SourceLine): LineClass {
  if (line.image) return { kind: 'image' };
  const text = line.text;
  if (isKnownLabel(text)) return { kind: 'label' };
  const credit = parseCreditLine(text);
  if (credit) return { kind: 'credit', credit };
  const byline = parseStandaloneByline(text);
  if (byline) return { kind: 'byline', byline };
  const runIn = parseRunInByline(text);
  if (runIn) return { kind: 'run-in', ...runIn };
  const length = charLength(text);
  if (length <= MAX_CAPTION_CHARS) {
    const split = splitTrailingCredit(text);
    if (split) return { kind: 'caption-credit', ...split };
  }
  if (line.hint === 'h1' || line.hint === 'h2' || line.hint === 'h3') return { kind: 'head' };
  if (length <= MAX_HEAD_CHARS && !endsSentence(text)) return { kind: 'head' };
  return { kind: 'text' };
}
