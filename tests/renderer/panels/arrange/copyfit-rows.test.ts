import { describe, expect, it } from 'vitest';
import { charsPerLine, copyfitRows } from '../../../../renderer/panels/arrange/copyfit-rows';
import { settingsFromPreset } from '../../../../shared/page/settings';
import { page, rule, story } from '../../../shared/model/commands/page-builder';

describe('copyfitRows', () => {
  const doc = page(
    story('a', { col: 0, line: 0, cols: 2, lines: 30 }, '甲乙丙丁'),
    rule('r', { col: 0, line: 30, cols: 8, lines: 1 }),
    story('b', { col: 2, line: 0, cols: 3, lines: 20 }, '正文正文'),
  );

  it('lists every story in page order with characters and lines available', () => {
    const rows = copyfitRows(doc, new Map());
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    // Headline takes 4 lines by default: (30 − 4) × 2 text columns.
    expect(rows[0]).toMatchObject({ name: '标题a', chars: 4, linesAvailable: 52, status: 'unmeasured', linesNeeded: null });
    expect(rows[1]!.linesAvailable).toBe(48);
  });

  it('reads overset and empty lines from the measurement', () => {
    const rows = copyfitRows(doc, new Map([
      ['a', { overset: 30, undersetLines: 0 }],
      ['b', { overset: 0, undersetLines: 7 }],
    ]));
    // 30 characters over 13 per line: 3 more lines.
    expect(rows[0]).toMatchObject({ status: 'overset', overset: 30, linesNeeded: 55 });
    expect(rows[1]).toMatchObject({ status: 'underset', undersetLines: 7, linesNeeded: 41 });
    expect(copyfitRows(doc, new Map([['b', { overset: 0, undersetLines: 0 }]]))[1]!.status).toBe('fit');
  });

  it('flags a story whose body fits but whose head does not, saying which part, with the body\'s lines exact', () => {
    const rows = copyfitRows(doc, new Map([['a', { overset: 3, undersetLines: 7, parts: [{ part: 'headline' as const, lines: 1, chars: 3 }] }]]));
    expect(rows[0]).toMatchObject({ status: 'overset', overset: 0, undersetLines: 7, linesNeeded: 45, partOver: '标题超行 1行' });
  });

  it('counts characters per line across a span split into other text columns', () => {
    const settings = settingsFromPreset('duikai');
    expect(charsPerLine(settings, 1, 1)).toBe(13);
    // 三破二: 3 columns (41 chars) set in 2 text columns: (41 − 1) / 2.
    expect(charsPerLine(settings, 3, 2)).toBe(20);
  });
});
