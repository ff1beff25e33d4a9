import { describe, expect, it } from 'vitest';
import { bleedExtension } from '../../../renderer/print/bleed';

const page = { width: 1000, height: 1400 };
const B = 11.34; // 3 mm in px

describe('bleedExtension', () => {
  it('grows a side that sits exactly on the trim by the whole bleed', () => {
    expect(bleedExtension({ x: 0, y: 0, width: 300, height: 200 }, page, B)).toEqual({ left: B, top: B, right: 0, bottom: 0 });
    expect(bleedExtension({ x: 700, y: 1200, width: 300, height: 200 }, page, B)).toEqual({ left: 0, top: 0, right: B, bottom: B });
  });

  it('counts sub-pixel rounding at the trim as touching', () => {
    const s = bleedExtension({ x: 0.3, y: 10, width: 100, height: 100 }, page, B);
    expect(s.left).toBeCloseTo(B + 0.3, 6);
    expect(s.top).toBe(0);
  });

  it('grows a side already beyond the trim only as far as the bleed edge, and not at all past it', () => {
    expect(bleedExtension({ x: -5, y: 10, width: 100, height: 100 }, page, B).left).toBeCloseTo(B - 5, 6);
    expect(bleedExtension({ x: -20, y: 10, width: 100, height: 100 }, page, B).left).toBe(0);
  });

  it('leaves a block inside the type area alone', () => {
    expect(bleedExtension({ x: 50, y: 60, width: 100, height: 100 }, page, B)).toEqual({ left: 0, top: 0, right: 0, bottom: 0 });
  });
});
