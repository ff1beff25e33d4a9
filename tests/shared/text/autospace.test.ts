import { describe, expect, it } from 'vitest';
import { autospaceBoundaries } from '../../../shared/text/autospace';

/** The text with a `|` at every gap. */
function marked(text: string): string {
  let out = '';
  let from = 0;
  for (const at of autospaceBoundaries(text)) {
    out += `${text.slice(from, at)}|`;
    from = at;
  }
  return out + text.slice(from);
}

describe('autospaceBoundaries', () => {
  it('puts a gap between Han and a figure, in both orders', () => {
    expect(marked('据2024年统计')).toBe('据|2024|年统计');
    expect(autospaceBoundaries('据2024年统计')).toEqual([1, 5]);
  });

  it('puts a gap between Han and a Latin word, in both orders', () => {
    expect(marked('今年GDP增长')).toBe('今年|GDP|增长');
    expect(marked('使用AI技术')).toBe('使用|AI|技术');
    expect(marked('参加QC小组活动')).toBe('参加|QC|小组活动');
  });

  it('keeps figures with separators whole: 2.3万, 7:30, 15,000', () => {
    expect(marked('覆盖约2.3万名用户')).toBe('覆盖约|2.3|万名用户');
    expect(marked('上午7:30开跑')).toBe('上午|7:30|开跑');
    expect(marked('共15,000人')).toBe('共|15,000|人');
  });

  it('spaces a URL only where it meets Han, not at its dots or slashes', () => {
    expect(marked('访问www.example.com了解')).toBe('访问|www.example.com|了解');
    expect(marked('见https://a.cn/b。')).toBe('见|https://a.cn/b。');
    expect(marked('见a.cn/了解')).toBe('见|a.cn/了解');
  });

  it('puts nothing inside mixed runs of letters and figures', () => {
    expect(marked('5G网络和iPhone14发布')).toBe('5G|网络和|iPhone14|发布');
    expect(marked('A4纸')).toBe('A4|纸');
  });

  it('puts nothing next to punctuation, signs or spaces', () => {
    expect(marked('，2024年')).toBe('，2024|年');
    expect(marked('增长30%的')).toBe('增长|30%的');
    expect(marked('“AI”技术')).toBe('“AI”技术');
    expect(marked('气温36℃左右')).toBe('气温|36℃左右');
    expect(marked('使用 AI 技术')).toBe('使用 AI 技术');
    expect(marked('（2022）')).toBe('（2022）');
  });

  it('treats full-width digits and letters like Han: no gap', () => {
    expect(marked('据２０２４年')).toBe('据２０２４年');
    expect(marked('ＧＤＰ增长')).toBe('ＧＤＰ增长');
  });

  it('counts accented Latin letters and Han outside the BMP', () => {
    expect(marked('法国Málaga市')).toBe('法国|Málaga|市');
    expect(marked('𠀀A')).toBe('𠀀|A');
    expect(autospaceBoundaries('𠀀A')).toEqual([2]);
    expect(marked('〇5')).toBe('〇|5');
  });

  it('never puts a gap at offset 0 or across an inline object', () => {
    expect(autospaceBoundaries('2024年')).toEqual([4]);
    expect(autospaceBoundaries('年\uFFFC2024')).toEqual([]);
    expect(autospaceBoundaries('')).toEqual([]);
  });
});
