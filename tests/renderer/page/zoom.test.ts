import { describe, expect, it } from 'vitest';
import { clampZoom, fitZoom, MAX_ZOOM, MIN_ZOOM, zoomIn, zoomOut, zoomPercent } from '../../../renderer/page/zoom';

describe('zoom', () => {
  it('steps up and down through the zoom steps', () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomIn(0.25)).toBe(0.33);
  });

  it('steps from an arbitrary fit zoom to the neighbouring steps', () => {
    expect(zoomIn(0.44)).toBe(0.5);
    expect(zoomOut(0.44)).toBe(0.33);
  });

  it('stays within 25–400 %', () => {
    expect(zoomIn(MAX_ZOOM)).toBe(MAX_ZOOM);
    expect(zoomOut(MIN_ZOOM)).toBe(MIN_ZOOM);
    expect(clampZoom(10)).toBe(4);
    expect(clampZoom(0.01)).toBe(0.25);
    expect(() => clampZoom(Number.NaN)).toThrow(RangeError);
  });

  it('fits the whole page in the viewport, limited by the tighter side', () => {
    // A 1474×2060 px broadsheet in a 1000×800 viewport with 16 px padding: height limits.
    const z = fitZoom({ width: 1474, height: 2060 }, { width: 1000, height: 800 });
    expect(z).toBeCloseTo((800 - 32) / 2060, 10);
    expect(fitZoom({ width: 100, height: 100 }, { width: 10_000, height: 10_000 })).toBe(4);
    expect(() => fitZoom({ width: 0, height: 1 }, { width: 1, height: 1 })).toThrow(RangeError);
  });

  it('shows zoom as a whole percentage', () => {
    expect(zoomPercent(0.3729)).toBe('37%');
    expect(zoomPercent(1)).toBe('100%');
  });
});
