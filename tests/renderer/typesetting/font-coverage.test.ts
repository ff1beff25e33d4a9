import { describe, expect, it } from 'vitest';
import { coverageOf, parseUnicodeRange } from '../../../renderer/typesetting/font-coverage';

describe('parseUnicodeRange', () => {
  it('reads single code points, intervals and wildcards', () => {
    expect(parseUnicodeRange('U+4E00-4E9F, U+20AC, u+30??')).toEqual([
      [0x4e00, 0x4e9f],
      [0x20ac, 0x20ac],
      [0x3000, 0x30ff],
    ]);
  });

  it('says it cannot read what is not a range', () => {
    expect(parseUnicodeRange('')).toBeNull();
    expect(parseUnicodeRange('latin')).toBeNull();
    expect(parseUnicodeRange('U+30??-31FF')).toBeNull();
  });
});

describe('coverageOf', () => {
  it('finds the texts holding a character of a loaded subset', () => {
    const covers = coverageOf([{ unicodeRange: 'U+8427, U+5C71' }, { unicodeRange: 'U+4E00-4E0F' }])!;
    expect(covers('萧山区')).toBe(true);
    expect(covers('一')).toBe(true);
    expect(covers('区持续推进')).toBe(false);
    expect(covers('')).toBe(false);
  });

  it('counts every text when the faces may cover anything', () => {
    expect(coverageOf([])).toBeNull();
    expect(coverageOf([{ unicodeRange: 'U+0-10FFFF' }])!('x')).toBe(true);
    expect(coverageOf([{ unicodeRange: 'U+8427' }, { unicodeRange: 'nonsense' }])).toBeNull();
  });
});
