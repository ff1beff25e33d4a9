/**
 * Black text over a picture, as drawn: in a boxed story the picture and the
 * label are drawn clear of the box's inset (shared/layout/box-wrap.ts), so the
 * ink under the label is looked for where they are drawn, not in their grid boxes.
 */
import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { gridBoxRect, gridMetrics } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';
import { PX_PER_MM } from '../../../shared/page/units';
import { borderDepthPx } from '../../../shared/layout/box-wrap';
import { blackTextOverPictures } from '../../../shared/preflight/black-over-image';

const settings = settingsFromPreset('duikai');
const m = gridMetrics(settings);

function boxedPage(frameInset: number) {
  return schema.node('page', { settings }, [
    schema.node('story', { id: 'box', col: 0, line: 10, cols: 4, lines: 30, frame: 'single', frameInset }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文')])]),
    ]),
    schema.node('photo', { id: 'p1', col: 0, line: 10, cols: 2, lines: 12, captionLines: 2, asset: 'a'.repeat(64), pixelWidth: 800, pixelHeight: 600 }, [
      schema.node('caption', null, [schema.text('说明')]),
    ]),
    schema.node('label', { id: 'l1', col: 0, line: 10, cols: 1, lines: 2, variant: 'plain', swatch: 'black' }, [schema.text('视点')]),
  ]);
}

describe('blackTextOverPictures in a boxed story', () => {
  it('takes the picture and the label where they are drawn, clear of the box inset', () => {
    const [found] = blackTextOverPictures(boxedPage(1));
    expect(found).toBeDefined();
    const grid = gridBoxRect(m, { col: 0, line: 10, cols: 2, lines: 12 });
    const mm = (pxValue: number) => pxValue / PX_PER_MM;
    // One character in from the left, one line down from the top (the box's inset).
    expect(found!.picture.xMm).toBeCloseTo(mm(m.typeLeftPx + grid.x + m.charPx), 6);
    expect(found!.picture.yMm).toBeCloseTo(mm(m.typeTopPx + grid.y + m.linePx), 6);
    expect(found!.picture.widthMm).toBeCloseTo(mm(grid.width - m.charPx), 6);
    expect(found!.picture.heightMm).toBeCloseTo(mm(grid.height - m.linePx - 2 * m.linePx), 6);
    // The label is drawn from the same inset corner: the overlap starts there too.
    expect(found!.overlap.xMm).toBeCloseTo(found!.picture.xMm, 6);
    expect(found!.overlap.yMm).toBeCloseTo(found!.picture.yMm, 6);
  });

  it('keeps the picture off the border itself when the story has no inset', () => {
    const page = boxedPage(0);
    const [found] = blackTextOverPictures(page);
    const grid = gridBoxRect(m, { col: 0, line: 10, cols: 2, lines: 12 });
    // No inset: the picture is drawn clear of the border's own depth (a photo never covers a border).
    const depth = borderDepthPx(page.child(0));
    expect(depth).toBeGreaterThan(0);
    expect(found!.picture.xMm).toBeCloseTo((m.typeLeftPx + grid.x + depth) / PX_PER_MM, 6);
    expect(found!.picture.heightMm).toBeCloseTo((grid.height - depth - 2 * m.linePx) / PX_PER_MM, 6);
  });
});
