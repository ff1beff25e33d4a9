import { describe, expect, it } from 'vitest';
import { rgbKey } from '../../../shared/color/cmyk';
import {
  buildSwatchIndex,
  DEFAULT_SWATCH_BOOK,
  findSwatch,
  standInCss,
  SWATCH_BOOKS,
  swatchBookFor,
  swatchCustomProperties,
  swatchForRgb,
  tintCmyk,
  tintStandIn,
} from '../../../shared/color/swatches';
import type { SwatchBook } from '../../../shared/color/swatches';

describe('swatches', () => {
  it('defines black as K100, the paper red as M100 Y100 and paper as no ink', () => {
    const book = swatchBookFor('萧山日报');
    expect(findSwatch(book, 'black')!.cmyk).toEqual({ c: 0, m: 0, y: 0, k: 100 });
    expect(findSwatch(book, 'red')!.cmyk).toEqual({ c: 0, m: 100, y: 100, k: 0 });
    expect(findSwatch(book, 'paper')!.cmyk).toEqual({ c: 0, m: 0, y: 0, k: 0 });
  });

  it('gives every swatch and whole tint of every shipped book a distinct stand-in', () => {
    for (const book of SWATCH_BOOKS) {
      const index = buildSwatchIndex(book);
      // 100 tints per inked swatch plus paper.
      expect(index.size).toBe((book.swatches.length - 1) * 100 + 1);
    }
  });

  it('maps each stand-in back to exactly its swatch and tint', () => {
    const index = buildSwatchIndex(DEFAULT_SWATCH_BOOK);
    const red = findSwatch(DEFAULT_SWATCH_BOOK, 'red')!;
    expect(swatchForRgb(index, { r: 230, g: 0, b: 18 })).toMatchObject({ tint: 100, cmyk: { c: 0, m: 100, y: 100, k: 0 } });
    const t30 = swatchForRgb(index, tintStandIn(red, 30))!;
    expect(t30.swatch.name).toBe('red');
    expect(t30.cmyk).toEqual({ c: 0, m: 30, y: 30, k: 0 });
    expect(swatchForRgb(index, { r: 1, g: 2, b: 3 })).toBeUndefined();
  });

  it('survives the round trip through the 5-digit decimals Chromium writes', () => {
    const index = buildSwatchIndex(DEFAULT_SWATCH_BOOK);
    for (const s of DEFAULT_SWATCH_BOOK.swatches) {
      for (const tint of s.name === 'paper' ? [100] : [1, 7, 33, 50, 99, 100]) {
        const c = tintStandIn(s, tint);
        const back = [c.r, c.g, c.b].map((v) => Math.round(Number((v / 255).toFixed(4)) * 255));
        expect(rgbKey({ r: back[0]!, g: back[1]!, b: back[2]! })).toBe(rgbKey(c));
        expect(swatchForRgb(index, c)!.tint).toBe(tint);
      }
    }
  });

  it('rejects a book whose stand-ins collide', () => {
    const bad: SwatchBook = {
      id: 'bad',
      papers: [],
      swatches: [
        { name: 'black', label: { zh: '黑', en: 'Black' }, cmyk: { c: 0, m: 0, y: 0, k: 100 }, standIn: { r: 0, g: 0, b: 0 } },
        { name: 'grey', label: { zh: '灰', en: 'Grey' }, cmyk: { c: 0, m: 0, y: 0, k: 50 }, standIn: { r: 128, g: 128, b: 128 } },
      ],
    };
    expect(() => buildSwatchIndex(bad)).toThrow(RangeError);
  });

  it('scales every ink for a tint and refuses fractional tints', () => {
    const blue = findSwatch(DEFAULT_SWATCH_BOOK, 'blue')!;
    expect(tintCmyk(blue, 30)).toEqual({ c: 30, m: 18, y: 0, k: 0 });
    expect(() => tintCmyk(blue, 12.5)).toThrow(RangeError);
    expect(() => tintCmyk(blue, 0)).toThrow(RangeError);
  });

  it('exports CSS custom properties and colours for the renderer', () => {
    const props = swatchCustomProperties(DEFAULT_SWATCH_BOOK);
    expect(props['--bm-swatch-red']).toBe('#e60012');
    expect(props['--bm-swatch-black-30']).toBe('#b3b3b3');
    expect(standInCss(DEFAULT_SWATCH_BOOK, 'black', 30)).toBe('rgb(179 179 179)');
    expect(() => standInCss(DEFAULT_SWATCH_BOOK, 'gold')).toThrow(RangeError);
  });

  it('falls back to the default book for a paper without its own', () => {
    expect(swatchBookFor('某某晚报')).toBe(DEFAULT_SWATCH_BOOK);
  });
});
