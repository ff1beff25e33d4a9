import { describe, expect, it } from 'vitest';
import { classifyLine } from '../../../shared/intake/classify';
import {
  looksLikeFragment,
  parseCreditLine,
  parseRunInByline,
  parseStandaloneByline,
  splitPageRef,
  splitTrailingCredit,
} from '../../../shared/intake/patterns';

describe('bylines', () => {
  it('reads standalone bylines', () => {
    expect(parseStandaloneByline('首席记者 蒋超')).toMatchObject({ text: '首席记者 蒋超', people: [{ role: '首席记者', name: '蒋超' }] });
    expect(parseStandaloneByline('记者 张三')?.people).toEqual([{ role: '记者', name: '张三' }]);
    expect(parseStandaloneByline('通讯员 李四')?.people).toEqual([{ role: '通讯员', name: '李四' }]);
    expect(parseStandaloneByline('记者 张三 王五 通讯员 李四')?.people).toEqual([
      { role: '记者', name: '张三' },
      { role: '记者', name: '王五' },
      { role: '通讯员', name: '李四' },
    ]);
    expect(parseStandaloneByline('本报记者 欧阳修远')?.people).toEqual([{ role: '本报记者', name: '欧阳修远' }]);
  });

  it('reads a dateline standing alone', () => {
    expect(parseStandaloneByline('新华社北京11月20日电')).toMatchObject({ dateline: '新华社北京11月20日电', runIn: false, people: [] });
    expect(parseStandaloneByline('本报讯(首席记者 魏乐亿)')).toMatchObject({
      text: '本报讯（首席记者 魏乐亿）',
      people: [{ role: '首席记者', name: '魏乐亿' }],
    });
  });

  it('reads run-in bylines and keeps the paragraph after them', () => {
    const r = parseRunInByline('本报讯(记者 靳林杰 通讯员 高倩倩)近日,省第六批未来社区创建名单公布');
    expect(r?.byline).toMatchObject({ text: '本报讯（记者 靳林杰 通讯员 高倩倩）', runIn: true, dateline: '本报讯' });
    expect(r?.rest).toBe('近日,省第六批未来社区创建名单公布');
    const wire = parseRunInByline('新华社北京11月20日电（记者 张三）国务院日前印发通知。');
    expect(wire?.byline).toMatchObject({ dateline: '新华社北京11月20日电', people: [{ role: '记者', name: '张三' }] });
    expect(wire?.rest).toBe('国务院日前印发通知。');
    expect(parseRunInByline('新华社北京11月20日电 国务院日前印发通知。')?.rest).toBe('国务院日前印发通知。');
  });

  it('does not take body text for a byline', () => {
    expect(parseStandaloneByline('记者从区住建局获悉,今年以来全区新开工项目30个。')).toBeNull();
    expect(parseRunInByline('据本报讯,今年以来全区新开工项目30个。')).toBeNull();
  });
});

describe('photo credits', () => {
  it('reads credit lines', () => {
    expect(parseCreditLine('记者 方方斌摄')).toEqual({ text: '记者 方方斌摄', people: [{ role: '记者', name: '方方斌' }] });
    expect(parseCreditLine('记者X摄'.replace('X', '丁力'))?.people).toEqual([{ role: '记者', name: '丁力' }]);
    expect(parseCreditLine('丁力摄')?.people).toEqual([{ role: '', name: '丁力' }]);
    expect(parseCreditLine('(通讯员 高倩倩 摄)')?.people).toEqual([{ role: '通讯员', name: '高倩倩' }]);
    expect(parseCreditLine('选手比赛中。')).toBeNull();
  });

  it('splits a credit off the end of a caption', () => {
    expect(splitTrailingCredit('图为我区优美的生态环境一角。 记者丁力摄')).toMatchObject({
      caption: '图为我区优美的生态环境一角。',
      credit: { text: '记者丁力摄' },
    });
    expect(splitTrailingCredit('图为新落成的大桥。记者 张三 摄')?.credit.people).toEqual([{ role: '记者', name: '张三' }]);
    expect(splitTrailingCredit('图为新落成的大桥（通讯员 李四 摄）')?.caption).toBe('图为新落成的大桥');
    expect(splitTrailingCredit('他说这是他第一次航拍摄')).toBeNull();
  });
});

describe('sentence fragments', () => {
  it('tells a line cut by a column break from a crosshead', () => {
    expect(looksLikeFragment('探索基层治理“一件事”,提升了跨部')).toBe(true);
    expect(looksLikeFragment('“萧山·红领通”平台实现了应用集')).toBe(true);
    expect(looksLikeFragment('在“除险保安”专项行动和')).toBe(true);
    expect(looksLikeFragment('“数”绘基层治理图景')).toBe(false);
    expect(looksLikeFragment('“轻装上阵”减负增效')).toBe(false);
  });
});

describe('teaser page references', () => {
  it('splits the page off a teaser item', () => {
    expect(splitPageRef('致敬 匠人 ▶3版')).toEqual({ text: '致敬 匠人', page: '3' });
    expect(splitPageRef('致敬匠人（详见第5版）')).toEqual({ text: '致敬匠人', page: '5' });
    expect(splitPageRef('致敬 匠人')).toEqual({ text: '致敬 匠人', page: '' });
  });
});

describe('bylines in long lines', () => {
  // 28 Han characters after a role word: the byline patterns once cut such a run into
  // names in exponentially many ways (seconds here, minutes for a real paragraph).
  const run = '从区住建局获悉今年以来全区共完成老旧小区改造项目二十个涉';

  function timed<T>(f: () => T): { value: T; ms: number } {
    const t0 = performance.now();
    const value = f();
    return { value, ms: performance.now() - t0 };
  }

  it('rejects a paragraph opening with 记者 at once, whatever its length', () => {
    const standalone = timed(() => parseStandaloneByline(`记者${run}`));
    expect(standalone.value).toBeNull();
    expect(standalone.ms).toBeLessThan(250);
    const paragraph = timed(() => classifyLine({ line: 1, text: `记者${run}，${run}。`.repeat(20), blankBefore: 0 }));
    expect(paragraph.value.kind).toBe('text');
    expect(paragraph.ms).toBeLessThan(250);
  });

  it('rejects a run-in byline whose parenthesis never closes at once', () => {
    const r = timed(() => parseRunInByline(`本报讯（记者${run}。后文`));
    expect(r.value?.byline.people ?? []).toEqual([]);
    expect(r.ms).toBeLessThan(250);
  });

  it('still reads names joined by roles without spaces', () => {
    expect(parseStandaloneByline('记者张三通讯员李四')?.people).toEqual([
      { role: '记者', name: '张三' },
      { role: '通讯员', name: '李四' },
    ]);
  });
});
