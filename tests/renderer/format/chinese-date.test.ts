import { describe, expect, it } from 'vitest';
import { chineseDate, chineseDateLine } from '../../../renderer/format/chinese-date';

describe('chineseDate', () => {
  it('formats the reference page date with its weekday', () => {
    expect(chineseDateLine('2022-11-21')).toBe('2022年11月21日 星期一');
  });

  it('writes month and day without leading zeros and names Sunday 星期日', () => {
    expect(chineseDate('2023-01-01')).toEqual({ date: '2023年1月1日', weekday: '星期日' });
  });

  it('knows leap days', () => {
    expect(chineseDateLine('2024-02-29')).toBe('2024年2月29日 星期四');
  });

  it('refuses dates that do not exist or are not ISO', () => {
    expect(chineseDate('2022-02-30')).toBeNull();
    expect(chineseDate('2022-13-01')).toBeNull();
    expect(chineseDate('21/11/2022')).toBeNull();
    expect(chineseDateLine('')).toBe('');
  });
});
