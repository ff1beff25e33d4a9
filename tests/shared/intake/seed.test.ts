import { describe, expect, it } from 'vitest';
import { intakeText } from '../../../shared/intake/intake';
import type { StoryDraft } from '../../../shared/intake/types';
import { seedText } from './seed-text';

const result = intakeText(seedText());
const stories = result.stories;
const byHeadline = (h: string): StoryDraft => {
  const s = stories.find((x) => x.headline === h);
  if (!s) throw new Error(`no story headed ${h}`);
  return s;
};

describe('intake of the reference page text', () => {
  it('finds its seven items in reading order', () => {
    expect(stories.map((s) => [s.kind, s.label ?? '', s.headline ?? ''])).toEqual([
      ['story', '', '党建引领共治共享 构建现代化治理体系'],
      ['photo', '大美萧山', ''],
      ['story', '', '7个社区加入省级未来社区创建“俱乐部”'],
      ['story', '', '萧山9人上榜“浙江工匠”培养名单'],
      ['story', '', '杭州市院士专家科创联盟在萧成立'],
      ['story', '今日视点', '2022杭马开跑 跑过风景跑进“亚运”'],
      ['teaser', '导读', ''],
    ]);
  });

  it('reads the lead story: headline, byline, two crossheads, whole paragraphs', () => {
    const lead = stories[0]!;
    expect(lead.headline).toBe('党建引领共治共享 构建现代化治理体系');
    expect(lead.byline).toMatchObject({ text: '首席记者 蒋超', runIn: false, people: [{ role: '首席记者', name: '蒋超' }] });
    expect(lead.crossheads).toEqual(['“数”绘基层治理图景', '“轻装上阵”减负增效']);
    expect(lead.body.map((b) => b.kind)).toEqual([
      'crosshead', ...Array<string>(6).fill('paragraph'), 'crosshead', ...Array<string>(4).fill('paragraph'),
    ]);
    // The column breaks of the printed page are mended: each phrase sits inside one paragraph.
    for (const phrase of ['跨部门协同', '“除险保安”专项行动和夏季治安', '应用集成、业务集成']) {
      expect(lead.paragraphs.filter((p) => p.includes(phrase))).toHaveLength(1);
    }
    for (const p of lead.paragraphs) expect(p).toMatch(/[。”]$/u);
  });

  it('normalises the punctuation of body text and captions, not the spaces of heads', () => {
    const all = stories.flatMap((s) => [...s.paragraphs, ...s.captions]);
    expect(all.filter((p) => /[\u4e00-\u9fff][,;:!?()]|[,;:!?()][\u4e00-\u9fff]/u.test(p))).toEqual([]);
    expect(stories[0]!.paragraphs[0]).toContain('近年来，我区坚持党对社会治理工作的全面领导，');
    expect(stories[1]!.captions[0]).toContain('杭州市唯一获此殊荣的县（市、区）。');
    expect(stories[5]!.paragraphs[1]).toContain('上午7:30，发令枪响');
    expect(stories[0]!.headline).toBe('党建引领共治共享 构建现代化治理体系');
  });

  it('records which rule decided each line, with its line number', () => {
    const at = (line: number) => result.decisions.filter((d) => d.line === line).map((d) => [d.role, d.rule]);
    expect(at(3)).toEqual([['headline', 'head.single']]);
    expect(at(5)).toEqual([['byline', 'byline.standalone']]);
    expect(at(7)).toEqual([['crosshead', 'crosshead.short-line']]);
    expect(at(17)).toEqual([['paragraph', 'paragraph.rejoined']]);
    expect(at(23)).toEqual([['paragraph', 'paragraph.rejoined']]);
    expect(at(39)).toEqual([['label', 'label.known']]);
    expect(at(97)).toEqual([['caption', 'caption.lifted-from-sentence']]);
    expect(at(99)).toEqual([['credit', 'credit.own-line']]);
    // Every non-blank line of the text got exactly one decision (the caption-and-credit line two).
    const lines = seedText().split('\n').flatMap((t, i) => (t.trim() ? [i + 1] : []));
    expect(new Set(result.decisions.map((d) => d.line))).toEqual(new Set(lines));
  });

  it('reads the 大美萧山 photo: label, caption, credit 丁力', () => {
    const photo = stories[1]!;
    expect(photo.captions).toEqual([expect.stringMatching(/^11月18日.*图为我区优美的生态环境一角。$/u)]);
    expect(photo.photos[0]!.credit).toMatchObject({ text: '记者丁力摄', people: [{ role: '记者', name: '丁力' }] });
    expect(photo.paragraphs).toEqual([]);
  });

  it('reads the 本报讯 bylines of the three short stories', () => {
    expect(byHeadline('7个社区加入省级未来社区创建“俱乐部”').byline).toMatchObject({
      text: '本报讯（记者 靳林杰 通讯员 高倩倩）',
      runIn: true,
      dateline: '本报讯',
      people: [
        { role: '记者', name: '靳林杰' },
        { role: '通讯员', name: '高倩倩' },
      ],
    });
    expect(byHeadline('萧山9人上榜“浙江工匠”培养名单').byline?.people).toEqual([
      { role: '记者', name: '童宇倩' },
      { role: '通讯员', name: '韩超' },
    ]);
    const academy = byHeadline('杭州市院士专家科创联盟在萧成立');
    expect(academy.byline?.text).toBe('本报讯（记者 刘殿君）');
    // The run-in byline is not repeated in the paragraph it opens.
    expect(academy.paragraphs[0]).toMatch(/^日前/u);
    expect(academy.paragraphs.filter((p) => p.includes('重点支持的院士工站和2022年'))).toHaveLength(1);
    expect(byHeadline('萧山9人上榜“浙江工匠”培养名单').paragraphs.filter((p) => p.includes('“百千万”高技能'))).toHaveLength(1);
  });

  it('lifts the marathon photo caption out of the sentence it interrupted', () => {
    const marathon = byHeadline('2022杭马开跑 跑过风景跑进“亚运”');
    expect(marathon.label).toBe('今日视点');
    expect(marathon.byline).toMatchObject({ text: '本报讯（首席记者 魏乐亿）', people: [{ role: '首席记者', name: '魏乐亿' }] });
    expect(marathon.captions).toEqual(['选手比赛中。']);
    expect(marathon.photos[0]!.credit).toMatchObject({ text: '记者 方方斌摄', people: [{ role: '记者', name: '方方斌' }] });
    const rejoined = marathon.paragraphs.filter((p) => p.includes('正越来越融入萧山人的日常生活'));
    expect(rejoined).toHaveLength(1);
    expect(rejoined[0]).not.toMatch(/选手比赛中|方方斌/u);
    expect(marathon.paragraphs.filter((p) => p.includes('参赛者来说'))).toHaveLength(1);
    expect(marathon.paragraphs).toHaveLength(6);
  });

  it('reads the 导读 box as a teaser with its item', () => {
    const teaser = stories[6]!;
    expect(teaser.teasers.map((t) => t.text)).toEqual(['致敬 匠人']);
  });
});
