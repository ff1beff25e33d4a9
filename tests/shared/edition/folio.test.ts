import { describe, expect, it } from 'vitest';
import { chineseDateLine, chineseNumber, folioLine, folioName, folioNameChinese, pagesTodayText } from '../../../shared/edition/folio';

describe('folio text', () => {
  it('writes the folio line of an inner page from the edition, leaving out empty parts', () => {
    expect(folioLine({ paperName: '萧山日报', date: '2022-11-21', label: '', folio: 3, section: '综合', editor: '王五' })).toBe(
      '萧山日报 · 2022年11月21日 星期一 · 第3版 · 综合 · 责任编辑 王五',
    );
    expect(folioLine({ paperName: '萧山日报', date: '2022-11-20', label: '城市版', folio: 12, section: '', editor: '' })).toBe('萧山日报 · 城市版 · 2022年11月20日 星期日 · 第12版');
  });

  it('dates with the weekday, and leaves a date that is not one alone', () => {
    expect(chineseDateLine('2022-11-21')).toBe('2022年11月21日 星期一');
    expect(chineseDateLine('2024-02-29')).toBe('2024年2月29日 星期四');
    expect(chineseDateLine('2023-02-29')).toBe('2023-02-29');
  });

  it('counts the pages for the masthead and names folios', () => {
    expect(pagesTodayText(8)).toBe('今日8版');
    expect(folioName(3)).toBe('第3版');
    expect(() => folioName(0)).toThrow(RangeError);
    expect([1, 10, 11, 20, 21, 100, 101, 110, 999].map(chineseNumber)).toEqual(['一', '十', '十一', '二十', '二十一', '一百', '一百零一', '一百一十', '九百九十九']);
    expect(folioNameChinese(1)).toBe('第一版');
  });
});
