/**
 * Intake stays linear in the length of a paragraph however it reaches us:
 * hard-wrapped at a column width (text copied out of a PDF), or broken into
 * thousands of blank-line separated pieces none of which ends a sentence.
 * Both were quadratic (a growing string re-joined and re-scanned per line).
 */
import { describe, expect, it } from 'vitest';
import { intakeText } from '../../../shared/intake/intake';

const PIECE = '随着亚运氛围的逐渐浓厚，相较于观赏性竞技体育，以全民健身为核心的参与性体育，正越来越融';

/** CPU ms of intake over `text`, the best of three. */
function cpuMs(text: string): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    intakeText(text);
    const used = process.cpuUsage(t0);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function story(body: string): string {
  return `标题一行\n\n记者 张三\n\n${body}。\n`;
}

function hardWrapped(pieces: number): string {
  const chars = [...PIECE.repeat(pieces)];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += 13) lines.push(chars.slice(i, i + 13).join(''));
  return story(lines.join('\n'));
}

function blankSeparated(pieces: number): string {
  return story(Array.from({ length: pieces }, () => PIECE).join('\n\n'));
}

describe('intake on one very long paragraph', () => {
  it.each([
    ['hard-wrapped at 13 characters', hardWrapped],
    ['in blank-line separated pieces', blankSeparated],
  ])('is linear when it comes %s', (_, make) => {
    const small = make(500);
    const large = make(4000);
    const result = intakeText(large);
    expect(result.stories[0]!.body).toHaveLength(1);
    cpuMs(small);
    // Eight times the text: a linear pass takes about eight times as long, a quadratic one sixty-four.
    expect(cpuMs(large) / Math.max(cpuMs(small), 1)).toBeLessThan(24);
  });
});
