import { describe, expect, it } from 'vitest';
import { storyShape } from '../../../../shared/layout/slots';
import { gridMetrics } from '../../../../shared/page/geometry';
import { settingsFromPreset } from '../../../../shared/page/settings';
import { pushLines } from '../../../../renderer/editor/shape/crosshead-push';

// An L: slot 0 shows galley lines [0, 55), slot 1 [55, 86), slot 2 [86, 117).
const shape = storyShape(gridMetrics(settingsFromPreset('duikai')), {
  cols: 3,
  lines: 60,
  textColumns: 3,
  head: { cols: 3, lines: 5 },
  obstacles: [{ col: 1, line: 5, cols: 2, lines: 24 }],
});

describe('pushLines', () => {
  it('is built on the L it expects', () => {
    expect(shape.slots.map((s) => [s.offset, s.lines])).toEqual([
      [0, 55],
      [55, 31],
      [86, 31],
    ]);
  });

  it('leaves a crosshead inside a slot, with text after it there, where it is', () => {
    expect(pushLines(shape, { line: 10, lines: 2, textAfter: true })).toBe(0);
    expect(pushLines(shape, { line: 52, lines: 2, textAfter: true })).toBe(0);
    expect(pushLines(shape, { line: 55, lines: 2, textAfter: true })).toBe(0);
  });

  it('pushes a crosshead crossing a slot edge to the next slot', () => {
    expect(pushLines(shape, { line: 54, lines: 2, textAfter: true })).toBe(1);
    expect(pushLines(shape, { line: 85, lines: 3, textAfter: false })).toBe(1);
  });

  it('pushes a crosshead ending on a slot foot away from its text, unless nothing follows it', () => {
    expect(pushLines(shape, { line: 53, lines: 2, textAfter: true })).toBe(2);
    expect(pushLines(shape, { line: 53, lines: 2, textAfter: false })).toBe(0);
  });

  it('does not push from the last slot or past the capacity (overset)', () => {
    expect(pushLines(shape, { line: 116, lines: 2, textAfter: true })).toBe(0);
    expect(pushLines(shape, { line: 130, lines: 2, textAfter: true })).toBe(0);
  });
});
