import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectivePpiPx, pannedFocus, placeImage, ppiLevel, visibleCrop, wheelZoom } from '../../../renderer/photo/crop-geometry';
import type { PhotoCrop } from '../../../shared/model/commands/photo';
import { effectivePpi } from '../../../shared/preflight/preflight-page';
import { PX_PER_MM } from '../../../shared/page/units';

const crop = (c: Partial<PhotoCrop> = {}): PhotoCrop => ({ fit: 'fill', zoom: 1, focusX: 0.5, focusY: 0.5, ...c });
const image = { width: 2560, height: 1600 };
// A 3-column 对开 frame is about 130 mm wide; this one is 480 × 240 px (5 × 2.5 in).
const frame = { width: 480, height: 240 };

describe('placeImage', () => {
  it('fill covers the frame, centred: the wider image is cropped at the sides', () => {
    const p = placeImage(frame, image, crop());
    expect(p.scale).toBeCloseTo(480 / 2560);
    expect(p.width).toBeCloseTo(480);
    expect(p.height).toBeCloseTo(300);
    expect(p.left).toBeCloseTo(0);
    expect(p.top).toBeCloseTo(-30);
  });

  it('fit shows the whole image inside the frame', () => {
    const p = placeImage(frame, image, crop({ fit: 'fit' }));
    expect(p.height).toBeCloseTo(240);
    expect(p.width).toBeCloseTo(384);
    expect(p.left).toBeCloseTo(48);
  });

  it('focus 0 shows the top-left edge, 1 the bottom-right edge', () => {
    const z = crop({ zoom: 2, focusX: 0, focusY: 0 });
    expect(placeImage(frame, image, z)).toMatchObject({ left: 0, top: 0 });
    const p = placeImage(frame, image, { ...z, focusX: 1, focusY: 1 });
    expect(p.left + p.width).toBeCloseTo(frame.width);
    expect(p.top + p.height).toBeCloseTo(frame.height);
  });

  it('zoom keeps the focal point still', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 8, noNaN: true }), (fx, fy, zoom) => {
        const a = placeImage(frame, image, crop({ focusX: fx, focusY: fy }));
        const b = placeImage(frame, image, crop({ focusX: fx, focusY: fy, zoom }));
        // The image point at fraction fx lies at the frame's fraction fx before and after.
        expect(a.left + fx * a.width).toBeCloseTo(fx * frame.width, 6);
        expect(b.left + fx * b.width).toBeCloseTo(fx * frame.width, 6);
        expect(b.top + fy * b.height).toBeCloseTo(fy * frame.height, 6);
      }),
    );
  });

  it('a fill crop never leaves the frame uncovered', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 1, max: 8, noNaN: true }), (w, h, f, zoom) => {
        const p = placeImage(frame, { width: w, height: h }, crop({ zoom, focusX: f, focusY: 1 - f }));
        expect(p.left).toBeLessThanOrEqual(1e-6);
        expect(p.top).toBeLessThanOrEqual(1e-6);
        expect(p.left + p.width).toBeGreaterThanOrEqual(frame.width - 1e-6);
        expect(p.top + p.height).toBeGreaterThanOrEqual(frame.height - 1e-6);
      }),
    );
  });
});

describe('visibleCrop', () => {
  it('is the middle of the image for a centred fill, a quarter of it at zoom 2', () => {
    expect(visibleCrop(frame, image, crop())).toEqual({ x: 0, y: 160, width: 2560, height: 1280 });
    const z = visibleCrop(frame, image, crop({ zoom: 2 }));
    expect(z.width).toBeCloseTo(1280);
    expect(z.x).toBeCloseTo(640);
  });
});

describe('effective ppi', () => {
  it('is the visible crop’s pixels over its placed inches', () => {
    // 2560 px over 5 in: 512 ppi; at zoom 2 half the pixels over the same inches.
    expect(effectivePpiPx(frame, image, crop())).toBeCloseTo(512);
    expect(effectivePpiPx(frame, image, crop({ zoom: 2 }))).toBeCloseTo(256);
    const v = visibleCrop(frame, image, crop({ zoom: 2 }));
    expect(v.width / (frame.width / 96)).toBeCloseTo(256);
    // Fit is limited by the height here: 1600 px over 2.5 in.
    expect(effectivePpiPx(frame, image, crop({ fit: 'fit' }))).toBeCloseTo(640);
  });

  it('agrees with the preflight’s effectivePpi for any frame, image and crop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 20, max: 2000 }),
        fc.integer({ min: 20, max: 2000 }),
        fc.integer({ min: 1, max: 12000 }),
        fc.integer({ min: 1, max: 12000 }),
        fc.constantFrom<'fill' | 'fit'>('fill', 'fit'),
        fc.double({ min: 1, max: 8, noNaN: true }),
        (fw, fh, w, h, fit, zoom) => {
          const ours = effectivePpiPx({ width: fw, height: fh }, { width: w, height: h }, crop({ fit, zoom }));
          const theirs = effectivePpi({ pixelWidth: w, pixelHeight: h, frameWidthMm: fw / PX_PER_MM, frameHeightMm: fh / PX_PER_MM, fit, zoom });
          expect(ours / theirs).toBeCloseTo(1, 9);
        },
      ),
    );
  });

  it('levels: error below 100, warning below 150, ok from 150', () => {
    expect(ppiLevel(99.9)).toBe('error');
    expect(ppiLevel(100)).toBe('warn');
    expect(ppiLevel(149.9)).toBe('warn');
    expect(ppiLevel(150)).toBe('ok');
  });

  it('a 400 px image across a 3-column frame is an error', () => {
    expect(ppiLevel(effectivePpiPx(frame, { width: 400, height: 250 }, crop()))).toBe('error');
  });
});

describe('pannedFocus', () => {
  it('moves the image with the pointer until its edge meets the frame', () => {
    const start = crop({ zoom: 2 });
    // At zoom 2 the image is 960 px wide in a 480 px frame: 480 px of slack, centred at -240.
    expect(pannedFocus(frame, image, start, -120, 0).focusX).toBeCloseTo(0.75);
    expect(pannedFocus(frame, image, start, 120, 0).focusX).toBeCloseTo(0.25);
    expect(pannedFocus(frame, image, start, -10_000, 10_000)).toEqual({ focusX: 1, focusY: 0 });
  });

  it('keeps the focus on an axis with no slack', () => {
    // Fill at zoom 1: the width matches the frame exactly, only the height can move.
    const r = pannedFocus(frame, image, crop({ focusX: 0.3 }), 50, 15);
    expect(r.focusX).toBe(0.3);
    // 60 px of slack down, centred at -30: 15 px down is a quarter of the way to the top edge.
    expect(r.focusY).toBeCloseTo(0.25);
  });
});

describe('wheelZoom', () => {
  it('zooms 10 % a notch and stays within 1 and 8', () => {
    expect(wheelZoom(1, 1)).toBe(1.1);
    expect(wheelZoom(1, -3)).toBe(1);
    expect(wheelZoom(7.5, 5)).toBe(8);
  });
});
