import { describe, expect, it } from 'vitest';
import { gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';
import { alignmentGuides, blockAt, blockEdgeAt, dragBoxes, overlappingIds } from '../../../renderer/arrange/geometry';
import { pageRect, snapDelta, typeAreaRect } from '../../../renderer/page/page-frame';

const settings = settingsFromPreset('duikai');
const metrics = gridMetrics(settings);
const grid = settings.grid;
const pitch = metrics.columnPx + metrics.gutterPx;
const line = metrics.linePx;

describe('snapDelta', () => {
  it('rounds page px to the nearest whole column and line', () => {
    expect(snapDelta(metrics, 2.4 * pitch, -6.6 * line)).toEqual({ dCol: 2, dLine: -7 });
    expect(snapDelta(metrics, 0.4 * pitch, 0.4 * line)).toEqual({ dCol: 0, dLine: 0 });
  });
});

describe('dragBoxes', () => {
  const box = { col: 2, line: 10, cols: 3, lines: 20 };

  it('moves a group by whole units and stops it at the grid edge', () => {
    const other = { col: 6, line: 100, cols: 2, lines: 20 };
    expect(dragBoxes({ handle: 'move', boxes: [box, other], dx: 5 * pitch, dy: 3 * line, metrics, grid })).toEqual([
      { ...box, col: 2, line: 10 },
      { ...other, col: 6, line: 100 },
    ]);
    expect(dragBoxes({ handle: 'move', boxes: [box], dx: -10 * pitch, dy: 200 * line, metrics, grid })).toEqual([{ ...box, col: 0, line: 100 }]);
  });

  it('resizes from the se corner, keeping the top-left', () => {
    expect(dragBoxes({ handle: 'se', boxes: [box], dx: 1.3 * pitch, dy: -4.8 * line, metrics, grid })).toEqual([{ col: 2, line: 10, cols: 4, lines: 15 }]);
  });

  it('resizes from the nw corner, keeping the bottom-right', () => {
    expect(dragBoxes({ handle: 'nw', boxes: [box], dx: -pitch, dy: 5 * line, metrics, grid })).toEqual([{ col: 1, line: 15, cols: 4, lines: 15 }]);
  });

  it('moves only its own edge for an edge handle and never goes below one unit', () => {
    expect(dragBoxes({ handle: 'e', boxes: [box], dx: -10 * pitch, dy: 50 * line, metrics, grid })).toEqual([{ col: 2, line: 10, cols: 1, lines: 20 }]);
    expect(dragBoxes({ handle: 'n', boxes: [box], dx: 3 * pitch, dy: 40 * line, metrics, grid })).toEqual([{ col: 2, line: 29, cols: 3, lines: 1 }]);
    expect(dragBoxes({ handle: 's', boxes: [box], dx: 0, dy: 500 * line, metrics, grid })).toEqual([{ col: 2, line: 10, cols: 3, lines: 110 }]);
    expect(dragBoxes({ handle: 'w', boxes: [box], dx: -9 * pitch, dy: 0, metrics, grid })).toEqual([{ col: 0, line: 10, cols: 5, lines: 20 }]);
  });
});

describe('hit testing', () => {
  const a = { id: 'a', rect: pageRect(metrics, { col: 0, line: 0, cols: 2, lines: 20 }) };
  const b = { id: 'b', rect: pageRect(metrics, { col: 1, line: 10, cols: 2, lines: 20 }) };

  it('finds the topmost block (last in document order) under a point', () => {
    const x = b.rect.x + 5;
    const y = b.rect.y + 5;
    expect(blockAt([a, b], x, y)?.id).toBe('b');
    expect(blockAt([b, a], x, y)?.id).toBe('a');
    expect(blockAt([a, b], 1, 1)).toBeNull();
  });

  it('finds a frame edge within the tolerance, not the inside of a block', () => {
    expect(blockEdgeAt([a], a.rect.x + 2, a.rect.y + 50, 4)?.id).toBe('a');
    expect(blockEdgeAt([a], a.rect.x - 3, a.rect.y + 50, 4)?.id).toBe('a');
    expect(blockEdgeAt([a], a.rect.x + 30, a.rect.y + 50, 4)).toBeNull();
    expect(blockEdgeAt([a], a.rect.x + 30, a.rect.y + a.rect.height - 1, 4)?.id).toBe('a');
  });
});

describe('alignmentGuides', () => {
  it('reports edges and centres the ghost shares with other blocks and the type area', () => {
    const area = typeAreaRect(metrics);
    const ghost = pageRect(metrics, { col: 0, line: 30, cols: 2, lines: 10 });
    const other = pageRect(metrics, { col: 2, line: 30, cols: 3, lines: 20 });
    const guides = alignmentGuides(ghost, [other], area);
    // Left edge on the type area's, right edge on the other's left; top on its top
    // (the ghost's bottom on the other's centre is no guide).
    expect(guides.x.some((x) => Math.abs(x - area.x) < 1 / 32)).toBe(true);
    expect(guides.y).toHaveLength(1);
    expect(guides.y[0]).toBeCloseTo(ghost.y, 1);
  });

  it('reports none when nothing lines up', () => {
    const area = typeAreaRect(metrics);
    const ghost = pageRect(metrics, { col: 1, line: 31, cols: 2, lines: 10 });
    expect(alignmentGuides(ghost, [], area)).toEqual({ x: [], y: [] });
  });
});

describe('overlappingIds', () => {
  it('marks both blocks of every overlapping pair and no others', () => {
    const ids = overlappingIds([
      { id: 'a', box: { col: 0, line: 0, cols: 2, lines: 10 } },
      { id: 'b', box: { col: 1, line: 9, cols: 2, lines: 10 } },
      { id: 'c', box: { col: 2, line: 0, cols: 2, lines: 9 } },
      { id: 'd', box: { col: 4, line: 0, cols: 1, lines: 1 } },
    ]);
    expect([...ids].sort()).toEqual(['a', 'b']);
  });
});

describe('overlappingIds with a clash test', () => {
  it('leaves out pairs the test exempts (text wraps), keeps the others', () => {
    const blocks = [
      { id: 'story', box: { col: 0, line: 0, cols: 3, lines: 40 } },
      { id: 'wrap', box: { col: 1, line: 10, cols: 1, lines: 10 } },
      { id: 'stray', box: { col: 2, line: 30, cols: 2, lines: 20 } },
    ];
    const ids = overlappingIds(blocks, (a, b) => !(a.id === 'story' && b.id === 'wrap'));
    expect([...ids].sort()).toEqual(['story', 'stray']);
  });
});
