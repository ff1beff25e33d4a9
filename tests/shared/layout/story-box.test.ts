import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { estimateStoryFit } from '../../../shared/copyfit/story-fit';
import { boxInset, frameStyleOf, headPlacement, isBoxed, storyArea } from '../../../shared/layout/story-box';
import { pageStoryShape } from '../../../shared/layout/story-shape';
import { schema } from '../../../shared/model/schema';
import { gridMetrics, textColumnsOf } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

const settings = settingsFromPreset('duikai');
const { grid } = settings;
const metrics = gridMetrics(settings);

function story(attrs: Record<string, unknown>, head: Record<string, unknown> = {}): Node {
  return schema.node('story', { id: 's', col: 0, line: 0, cols: 3, lines: 40, ...attrs }, [
    schema.node('headgroup', head, [schema.node('headline', { lines: 4 }, [schema.text('题')])]),
    schema.node('byline', null, [schema.text('记者')]),
    schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。'.repeat(40))])]),
  ]);
}

describe('textColumnsOf with an inset', () => {
  it('takes whole characters off each side and keeps every column whole characters wide', () => {
    // 3 columns: 41 characters, less 1 a side = 39: three columns of 12 with 1.5 between.
    expect(textColumnsOf(grid, 3, null, 1)).toEqual({ count: 3, columnChars: 12, gapChars: 1.5 });
    expect(textColumnsOf(grid, 3, null, 0)).toEqual({ count: 3, columnChars: 13, gapChars: 1 });
    const c = textColumnsOf(grid, 8, 6, 2);
    expect(Number.isInteger(c.columnChars)).toBe(true);
    expect(c.count * c.columnChars + (c.count - 1) * c.gapChars).toBeCloseTo(8 * 13 + 7 - 4, 9);
  });
});

describe('story box', () => {
  it('reads the frame style; an open story without tint is not boxed', () => {
    expect(frameStyleOf(story({}))).toBe('none');
    expect(isBoxed(story({}))).toBe(false);
    expect(frameStyleOf(story({ frame: 'box' }))).toBe('single');
    expect(isBoxed(story({ tint: 10 }))).toBe(true);
  });

  it('insets by whole characters across and whole lines down', () => {
    expect(boxInset(grid, story({}))).toEqual({ chars: 0, lines: 0 });
    expect(boxInset(grid, story({ frame: 'double' }))).toEqual({ chars: 1, lines: 1 });
    const two = boxInset(grid, story({ frame: 'double', frameInset: 2 }));
    expect(two.chars).toBe(2);
    // At least as deep as two characters.
    expect(two.lines * grid.linePitchPt).toBeGreaterThanOrEqual(2 * grid.bodyPt);
    expect(boxInset(grid, story({ frame: 'single', frameInset: 0 }))).toEqual({ chars: 0, lines: 0 });
  });

  it('gives the body the lines the box, head and byline leave, in narrower whole-character columns', () => {
    const a = storyArea(metrics, grid, story({ frame: 'double' }));
    expect(a.bodyLines).toBe(40 - 2 - 4 - 1);
    expect(a.columnWidthPx).toBe(12 * metrics.charPx);
    expect(a.leftPx).toBe(metrics.charPx);
    const fit = estimateStoryFit(story({ frame: 'double' }), grid);
    expect(fit).toMatchObject({ bodyLines: 33, lineChars: 12, capacityLines: 99 });
  });

  it('puts a vertical head in a strip at the side and leaves the body the other columns', () => {
    const s = story({ cols: 4, frame: 'single' }, { vertical: true, cols: 1, side: 'right' });
    expect(headPlacement(s, 4)).toEqual({ vertical: true, side: 'right', cols: 1, lines: 1 });
    const a = storyArea(metrics, grid, s);
    expect(a.bodyColumns).toBe(3);
    // Head lines do not take body lines when the head stands vertically.
    expect(a.bodyLines).toBe(40 - 2 - 1);
    const page = schema.node('page', { settings }, [s]);
    const shape = pageStoryShape(metrics, page, s);
    expect(shape.slots.map((x) => x.column)).toEqual([0, 1, 2]);
    expect(shape.slots.every((x) => x.line === 2 && x.lines === 37)).toBe(true);
    expect(shape.columnWidth).toBe(12 * metrics.charPx);
    expect(shape.slots[0]!.x).toBe(metrics.charPx);
  });

  it('keeps a boxed story with a horizontal head a plain multicol chain inside the inset', () => {
    const s = story({ frame: 'double' });
    const shape = pageStoryShape(metrics, schema.node('page', { settings }, [s]), s);
    expect(shape.rectangular).toBe(true);
    expect(shape.slots.map((x) => [x.line, x.lines])).toEqual([
      [6, 33],
      [6, 33],
      [6, 33],
    ]);
    expect(shape.capacity).toBe(99);
  });
});

describe('story box with a photo inside', () => {
  it('flows the text around the photo and keeps every slot inside the inset', () => {
    const s = story({ cols: 3, lines: 40, frame: 'single' });
    const photo = schema.node('photo', { id: 'p', col: 2, line: 10, cols: 1, lines: 12 }, [schema.node('caption', null, [schema.text('图')])]);
    const shape = pageStoryShape(metrics, schema.node('page', { settings }, [s, photo]), s);
    expect(shape.rectangular).toBe(false);
    for (const slot of shape.slots) {
      expect(slot.line).toBeGreaterThanOrEqual(1 + 4 + 1);
      expect(slot.line + slot.lines).toBeLessThanOrEqual(39);
      expect(slot.x).toBeGreaterThanOrEqual(metrics.charPx);
    }
    // Column 2 is cut by the photo into two slots, above and below it.
    expect(shape.slots.filter((x) => x.column === 2).map((x) => [x.line, x.lines])).toEqual([
      [6, 4],
      [22, 17],
    ]);
  });
});
