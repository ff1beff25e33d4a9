import { describe, expect, it } from 'vitest';
import { cellAt } from '../../../renderer/page/page-frame';
import { freeCellNear } from '../../../renderer/photo/photo-target';
import { gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

const settings = settingsFromPreset('duikai');
const grid = settings.grid;
const m = gridMetrics(settings);

describe('cellAt', () => {
  it('is the grid cell under a page point, null off the type area', () => {
    const pitch = m.columnPx + m.gutterPx;
    expect(cellAt(m, grid, m.typeLeftPx + 2 * pitch + 1, m.typeTopPx + 10 * m.linePx + 1)).toEqual({ col: 2, line: 10 });
    expect(cellAt(m, grid, m.typeLeftPx - 1, m.typeTopPx + 5)).toBeNull();
    expect(cellAt(m, grid, m.typeLeftPx + m.typeWidthPx, m.typeTopPx + m.typeHeightPx)).toEqual({ col: grid.columns - 1, line: grid.lines - 1 });
  });
});

describe('freeCellNear', () => {
  const size = { cols: 3, lines: 20 };

  it('is the point itself when the place is free', () => {
    expect(freeCellNear([], grid, size, { col: 2, line: 30 })).toEqual({ col: 2, line: 30 });
  });

  it('moves off a block to the nearest free place', () => {
    const story = { col: 0, line: 0, cols: 4, lines: 40 };
    const at = freeCellNear([story], grid, size, { col: 2, line: 30 });
    const box = { ...at, ...size };
    expect(box.col >= 4 || box.line >= 40).toBe(true);
    // Nearest: right beside the story at the same line, or just below it.
    expect([{ col: 4, line: 30 }, { col: 2, line: 40 }]).toContainEqual(at);
  });

  it('gives up to the point when the page is full', () => {
    const full = { col: 0, line: 0, cols: grid.columns, lines: grid.lines };
    expect(freeCellNear([full], grid, size, { col: 1, line: 1 })).toEqual({ col: 1, line: 1 });
  });
});
