import { describe, expect, it } from 'vitest';
import { gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';
import { slotOfLine, storyShape } from '../../../shared/layout/slots';
import type { StoryShape } from '../../../shared/layout/slots';

const m = gridMetrics(settingsFromPreset('duikai'));
const pitch = m.columnPx + m.gutterPx;

/** Slots as [column, line, lines] triples for terse expectations. */
function triples(shape: StoryShape): [number, number, number][] {
  return shape.slots.map((s) => [s.column, s.line, s.lines]);
}

function expectChain(shape: StoryShape): void {
  let offset = 0;
  for (const s of shape.slots) {
    expect(s.offset).toBe(offset);
    expect(s.lines).toBeGreaterThanOrEqual(1);
    offset += s.lines;
  }
  expect(shape.capacity).toBe(offset);
}

describe('storyShape', () => {
  it('cuts a rectangle below a full-width head into equal columns', () => {
    const shape = storyShape(m, { cols: 3, lines: 30, textColumns: 3, head: { cols: 3, lines: 6 }, obstacles: [] });
    expect(triples(shape)).toEqual([
      [0, 6, 24],
      [1, 6, 24],
      [2, 6, 24],
    ]);
    expect(shape.rectangular).toBe(true);
    expect(shape.columnWidth).toBeCloseTo(m.columnPx, 6);
    expect(shape.slots.map((s) => s.x)).toEqual([0, pitch, 2 * pitch]);
    expectChain(shape);
  });

  it('sets 三破二: three grid columns in two text columns of 20 characters', () => {
    const shape = storyShape(m, { cols: 3, lines: 20, textColumns: 2, head: null, obstacles: [] });
    expect(triples(shape)).toEqual([
      [0, 0, 20],
      [1, 0, 20],
    ]);
    expect(shape.columnWidth).toBeCloseTo(20 * m.charPx, 6);
    expect(shape.slots[1]!.x).toBeCloseTo(21 * m.charPx, 6);
    expect(shape.rectangular).toBe(true);
  });

  it('flows an L around a photo in the top right columns', () => {
    // Photo over text columns 1–2, lines 0–9 of a 3-column story without head.
    const shape = storyShape(m, {
      cols: 3,
      lines: 30,
      textColumns: 3,
      head: null,
      obstacles: [{ col: 1, line: 0, cols: 2, lines: 10 }],
    });
    expect(triples(shape)).toEqual([
      [0, 0, 30],
      [1, 10, 20],
      [2, 10, 20],
    ]);
    expect(shape.rectangular).toBe(false);
    expect(shape.capacity).toBe(70);
    expectChain(shape);
  });

  it('flows a U under a head that spans part of the columns, around a photo at the bottom middle', () => {
    const shape = storyShape(m, {
      cols: 3,
      lines: 30,
      textColumns: 3,
      head: { cols: 2, lines: 4 },
      obstacles: [{ col: 1, line: 20, cols: 1, lines: 10 }],
    });
    expect(triples(shape)).toEqual([
      [0, 4, 26],
      [1, 4, 16],
      [2, 0, 30],
    ]);
    expectChain(shape);
  });

  it('splits a column interrupted by a photo in the middle, top part first', () => {
    const shape = storyShape(m, {
      cols: 2,
      lines: 30,
      textColumns: 2,
      head: null,
      obstacles: [{ col: 1, line: 10, cols: 1, lines: 8 }],
    });
    expect(triples(shape)).toEqual([
      [0, 0, 30],
      [1, 0, 10],
      [1, 18, 12],
    ]);
    expect(slotOfLine(shape, 29)).toBe(0);
    expect(slotOfLine(shape, 30)).toBe(1);
    expect(slotOfLine(shape, 40)).toBe(2);
    expect(slotOfLine(shape, 52)).toBe(-1);
  });

  it('makes two decks when a photo crosses the whole story', () => {
    const shape = storyShape(m, {
      cols: 2,
      lines: 30,
      textColumns: 2,
      head: { cols: 2, lines: 2 },
      obstacles: [{ col: 0, line: 10, cols: 2, lines: 8 }],
    });
    expect(triples(shape)).toEqual([
      [0, 2, 8],
      [1, 2, 8],
      [0, 18, 12],
      [1, 18, 12],
    ]);
    expect(shape.rectangular).toBe(false);
  });

  it('keeps a photo at the bottom off every column it touches in a 破栏 story', () => {
    // 三破二: the photo over grid column 1 touches both text columns (each 20 characters wide).
    const shape = storyShape(m, {
      cols: 3,
      lines: 20,
      textColumns: 2,
      head: null,
      obstacles: [{ col: 1, line: 12, cols: 1, lines: 8 }],
    });
    expect(triples(shape)).toEqual([
      [0, 0, 12],
      [1, 0, 12],
    ]);
    // A photo over grid column 2 only touches the right text column.
    const right = storyShape(m, {
      cols: 3,
      lines: 20,
      textColumns: 2,
      head: null,
      obstacles: [{ col: 2, line: 12, cols: 1, lines: 8 }],
    });
    expect(triples(right)).toEqual([
      [0, 0, 20],
      [1, 0, 12],
    ]);
  });

  it('ignores the part of an obstacle outside the story and an obstacle beside it', () => {
    const shape = storyShape(m, {
      cols: 2,
      lines: 10,
      textColumns: 2,
      head: null,
      obstacles: [
        { col: 1, line: -5, cols: 3, lines: 8 },
        { col: 2, line: 0, cols: 1, lines: 10 },
      ],
    });
    expect(triples(shape)).toEqual([
      [0, 0, 10],
      [1, 3, 7],
    ]);
  });

  it('has no slots when the head takes every line', () => {
    const shape = storyShape(m, { cols: 2, lines: 4, textColumns: 2, head: { cols: 2, lines: 6 }, obstacles: [] });
    expect(shape.slots).toEqual([]);
    expect(shape.capacity).toBe(0);
    expect(shape.rectangular).toBe(false);
  });

  it('throws RangeError on a bad column count', () => {
    expect(() => storyShape(m, { cols: 2, lines: 4, textColumns: 0, head: null, obstacles: [] })).toThrow(RangeError);
  });
});
