import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { blockInsetsInBox, boxWrapInsets, insetsInBox } from '../../../shared/layout/box-wrap';
import { pageStoryShape } from '../../../shared/layout/story-shape';
import { schema } from '../../../shared/model/schema';
import { gridBoxRect, gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

const settings = settingsFromPreset('duikai');
const metrics = gridMetrics(settings);

function story(attrs: Record<string, unknown>): Node {
  return schema.node('story', { id: 's', col: 0, line: 0, cols: 3, lines: 40, ...attrs }, [
    schema.node('headgroup', null, [schema.node('headline', { lines: 4 }, [schema.text('题')])]),
    schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。'.repeat(200))])]),
  ]);
}

const photo = (box: { col: number; line: number; cols: number; lines: number }, id = 'p') =>
  schema.node('photo', { id, ...box, captionLines: 2 }, [schema.node('caption', null, [schema.text('图片说明')])]);

const page = (...blocks: Node[]) => schema.node('page', { settings }, blocks);

describe('insetsInBox', () => {
  it('keeps a photo at the bottom-right corner of a boxed story out of the inset: one character across, whole lines down', () => {
    const s = story({ frame: 'single', frameInset: 1 });
    const p = photo({ col: 1, line: 20, cols: 2, lines: 20 });
    const e = insetsInBox(metrics, settings, s, p)!;
    expect(e.left).toBe(0);
    expect(e.top).toBe(0);
    expect(e.right).toBeCloseTo(metrics.charPx, 9);
    // 1 character of 9 pt is one line of the 对开 grid's line pitch (≥ 9 pt).
    expect(e.bottom).toBeCloseTo(metrics.linePx, 9);
    // The photo as drawn lies inside the border's inner edge on every side.
    const sr = gridBoxRect(metrics, s.attrs as never);
    const pr = gridBoxRect(metrics, p.attrs as never);
    expect(pr.x + pr.width - e.right).toBeLessThanOrEqual(sr.x + sr.width - metrics.charPx + 1e-9);
    expect(pr.y + pr.height - e.bottom).toBeLessThanOrEqual(sr.y + sr.height - metrics.linePx + 1e-9);
  });

  it('takes the left side off a photo at the left edge, and scales with a wider inset', () => {
    const p = photo({ col: 0, line: 10, cols: 1, lines: 10 });
    expect(insetsInBox(metrics, settings, story({ frame: 'double', frameInset: 1 }), p)).toEqual({ left: metrics.charPx, top: 0, right: 0, bottom: 0 });
    expect(insetsInBox(metrics, settings, story({ frame: 'double', frameInset: 3 }), p)!.left).toBeCloseTo(3 * metrics.charPx, 9);
    // A tint alone is a box too.
    expect(insetsInBox(metrics, settings, story({ tint: 10, frameInset: 1 }), p)!.left).toBeCloseTo(metrics.charPx, 9);
  });

  it('leaves blocks alone in an open story, with no inset, clear of the inset, or sticking out of the story', () => {
    const edge = photo({ col: 0, line: 20, cols: 3, lines: 20 });
    expect(insetsInBox(metrics, settings, story({}), edge)).toBeNull();
    // In the middle column, clear of the bottom: nothing to take off.
    expect(insetsInBox(metrics, settings, story({ frame: 'single' }), photo({ col: 1, line: 10, cols: 1, lines: 10 }))).toBeNull();
    // Half outside the story: an overlap (the page checks say so), not a block in the box.
    expect(insetsInBox(metrics, settings, story({ frame: 'single' }), photo({ col: 2, line: 10, cols: 2, lines: 10 }))).toBeNull();
  });

  it('keeps a block off the border of a box with no inset, whatever the border', () => {
    const edge = photo({ col: 0, line: 20, cols: 3, lines: 20 });
    // A 1 pt single border: the photo keeps 1 pt (4/3 px) off the left, right and bottom.
    const e = insetsInBox(metrics, settings, story({ frame: 'single', frameInset: 0 }), edge)!;
    expect([e.left, e.top, e.right, e.bottom].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([1.333333, 0, 1.333333, 1.333333]);
    // A 2 pt double border is three weights deep.
    expect(insetsInBox(metrics, settings, story({ frame: 'double', frameWeightPt: 2, frameInset: 0 }), edge)!.left).toBeCloseTo(8, 9);
    // A border deeper than the inset: the border wins.
    expect(insetsInBox(metrics, settings, story({ frame: 'double', frameWeightPt: 8, frameInset: 1 }), edge)!.left).toBeCloseTo(32, 9);
    // A tint with no inset and no border: nothing to keep off.
    expect(insetsInBox(metrics, settings, story({ tint: 20, frameInset: 0 }), edge)).toBeNull();
  });
});

describe('boxWrapInsets', () => {
  it('finds the blocks of a page that sit in a boxed story, by index, labels too, and not the stories', () => {
    const s = story({ frame: 'single', frameInset: 1 });
    const inBox = photo({ col: 1, line: 20, cols: 2, lines: 20 }, 'in');
    const away = photo({ col: 4, line: 0, cols: 2, lines: 20 }, 'away');
    const label = schema.node('label', { id: 'l', col: 0, line: 36, cols: 1, lines: 4 }, [schema.text('今日视点')]);
    const doc = page(s, inBox, away, label);
    const all = boxWrapInsets(doc);
    expect([...all.keys()].sort()).toEqual([1, 3]);
    expect(all.get(3)).toEqual({ left: metrics.charPx, top: 0, right: 0, bottom: metrics.linePx });
    expect(blockInsetsInBox(doc, inBox)).toEqual(all.get(1));
    expect(blockInsetsInBox(doc, away)).toBeNull();
  });

  it('does not change the story\'s slots: the text flows around the same cells', () => {
    const p = photo({ col: 2, line: 20, cols: 1, lines: 20 });
    const boxed = page(story({ frame: 'single', frameInset: 1 }), p);
    const shape = pageStoryShape(metrics, boxed, boxed.firstChild!);
    // The right text column stops above the photo; the first two run to the box's bottom inset.
    expect(shape.slots.map((s) => [s.column, s.line, s.lines])).toEqual([
      [0, 5, 34],
      [1, 5, 34],
      [2, 5, 15],
    ]);
  });
});
