import { describe, expect, it } from 'vitest';
import { describeOverset, oversetChars, oversetParts, parsePartsAttribute, partsAttribute } from '../../../shared/copyfit/block-fit';
import { oversetFinding } from '../../../shared/preflight/overset-finding';

describe('block-fit', () => {
  it('says which part is over, in lines for parts set in lines and in characters otherwise', () => {
    expect(describeOverset({ part: 'headline', lines: 2, chars: 15 }, true)).toBe('标题超行 2行');
    expect(describeOverset({ part: 'caption', lines: 0, chars: 8 }, true)).toBe('图片说明超出 8字');
    expect(describeOverset({ part: 'headline', lines: 1, chars: 3 }, false)).toBe('Headline over by 1 line');
    expect(describeOverset({ part: 'folio', lines: 0, chars: 12 }, false)).toBe('Folio over by 12 characters');
  });

  it('round-trips the parts through the data attribute and reads anything malformed as none', () => {
    const parts = [{ part: 'kicker', lines: 1, chars: 4 }, { part: 'body', lines: 0, chars: 30 }] as const;
    expect(parsePartsAttribute(partsAttribute(parts))).toEqual(parts);
    expect(parsePartsAttribute('not json')).toEqual([]);
    expect(parsePartsAttribute('[{"part":"nose","lines":1,"chars":1}]')).toEqual([]);
    expect(parsePartsAttribute(null)).toEqual([]);
  });

  it('reads a measured overset given as a number or with its parts', () => {
    expect(oversetChars(37)).toBe(37);
    expect(oversetChars({ chars: 9, parts: [{ part: 'label', lines: 1, chars: 9 }] })).toBe(9);
    expect(oversetChars(undefined)).toBe(0);
    expect(oversetParts(37)).toEqual([]);
  });
});

describe('oversetFinding', () => {
  it('keeps the plain wording for a story whose body alone is over, and lists the parts otherwise', () => {
    expect(oversetFinding('story', 37)).toMatchObject({ level: 'error', code: 'overset', messageZh: '稿件溢出 37 字', message: 'story is overset by 37 characters' });
    expect(oversetFinding('story', { chars: 37, parts: [{ part: 'body', lines: 0, chars: 37 }] }).messageZh).toBe('稿件溢出 37 字');
    const f = oversetFinding('photo', { chars: 14, parts: [{ part: 'caption', lines: 0, chars: 8 }, { part: 'credit', lines: 0, chars: 6 }] });
    expect(f.messageZh).toBe('图片溢出：图片说明超出 8字，图片署名超出 6字');
    expect(f.message).toBe('photo is overset: Caption over by 8 characters; Credit over by 6 characters');
  });
});
