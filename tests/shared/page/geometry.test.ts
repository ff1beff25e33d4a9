import { describe, expect, it } from 'vitest';
import { gridMetrics, spanChars, textColumnsOf } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

const grid = settingsFromPreset('duikai').grid;

describe('textColumnsOf', () => {
  it('uses the grid itself when text columns equal grid columns', () => {
    expect(textColumnsOf(grid, 3, null)).toEqual({ count: 3, columnChars: 13, gapChars: 1 });
    expect(textColumnsOf(grid, 3, 3)).toEqual({ count: 3, columnChars: 13, gapChars: 1 });
  });

  it('sets 破栏 columns in whole characters, the gaps taking what is left', () => {
    // 8 grid columns are 111 characters; in 6 columns: 6 × 17 + 5 × 1.8.
    const six = textColumnsOf(grid, 8, 6);
    expect(six.count).toBe(6);
    expect(six.columnChars).toBe(17);
    expect(six.gapChars).toBeCloseTo(1.8, 9);
    expect(six.count * six.columnChars + (six.count - 1) * six.gapChars).toBeCloseTo(spanChars(grid, 8), 9);
    // 三破二: 3 grid columns (41 characters) in 2 columns of 20 with a 1-character gap.
    expect(textColumnsOf(grid, 3, 2)).toEqual({ count: 2, columnChars: 20, gapChars: 1 });
  });

  it('keeps whole-character columns and at least a grid gutter between them', () => {
    for (let cols = 1; cols <= 8; cols++) {
      for (let n = 1; n <= 12; n++) {
        const t = textColumnsOf(grid, cols, n);
        if (t.count > 1) expect(t.gapChars).toBeGreaterThanOrEqual(grid.gutterChars);
        expect(Number.isInteger(t.columnChars)).toBe(true);
      }
    }
  });

  it('agrees with the grid metrics', () => {
    const m = gridMetrics(settingsFromPreset('duikai'));
    expect(m.columnPx).toBe(13 * m.charPx);
    expect(m.typeWidthPx).toBe(spanChars(grid, 8) * m.charPx);
  });
});
