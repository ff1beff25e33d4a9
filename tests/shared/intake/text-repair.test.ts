import { describe, expect, it } from 'vitest';
import { joinBroken, removeStraySpaces } from '../../../shared/intake/clean-text';
import { intakeText } from '../../../shared/intake/intake';
import { textToLines } from '../../../shared/intake/text-lines';

describe('text repair', () => {
  it('joins Chinese halves without a space and Latin words with one', () => {
    expect(joinBroken('提升了跨部', '门协同效率')).toBe('提升了跨部门协同效率');
    expect(joinBroken('the Hangzhou', 'Marathon')).toBe('the Hangzhou Marathon');
    expect(joinBroken('inter-', 'national')).toBe('international');
    expect(joinBroken('节能QC', '小组')).toBe('节能QC小组');
  });

  it('removes spaces between Han characters but keeps them around Latin text', () => {
    expect(removeStraySpaces('社会 治理是 政治稳定的必答题 。')).toBe('社会治理是政治稳定的必答题。');
    expect(removeStraySpaces('使用 Chromium 排版')).toBe('使用 Chromium 排版');
  });

  it('reads CRLF, CR and LF line ends alike and counts blank lines', () => {
    const lines = textToLines('\ufeff标题\r\n\r\n　　正文第一段。\r第二段。\n');
    expect(lines.map((l) => [l.line, l.text, l.blankBefore, l.indented ?? false])).toEqual([
      [1, '标题', 0, false],
      [3, '正文第一段。', 1, true],
      [4, '第二段。', 0, false],
    ]);
  });

  it('cleans stray spaces out of body paragraphs but not out of headlines', () => {
    const r = intakeText('跑过风景 跑进亚运\n\n记者 张三\n\n昨日上午 ,杭州马拉松 鸣枪开跑。\n');
    expect(r.stories[0]!.headline).toBe('跑过风景 跑进亚运');
    expect(r.stories[0]!.paragraphs).toEqual(['昨日上午，杭州马拉松鸣枪开跑。']);
  });

  it('reads a 引题/主题/副题 group and a two-line group', () => {
    const three = intakeText('喜迎亚运盛会 共建美丽家园\n跑过风景跑进亚运\n——2022杭州马拉松侧记\n记者 张三\n正文。\n').stories[0]!;
    expect([three.kicker, three.headline, three.subheadline]).toEqual(['喜迎亚运盛会 共建美丽家园', '跑过风景跑进亚运', '——2022杭州马拉松侧记']);
    const dash = intakeText('跑过风景跑进亚运\n——2022杭州马拉松侧记\n记者 张三\n正文。\n').stories[0]!;
    expect([dash.kicker, dash.headline, dash.subheadline]).toEqual([undefined, '跑过风景跑进亚运', '——2022杭州马拉松侧记']);
    const kicker = intakeText('全区七个社区入选第六批省级创建名单\n未来社区再扩容\n记者 张三\n正文。\n').stories[0]!;
    expect([kicker.kicker, kicker.headline]).toEqual(['全区七个社区入选第六批省级创建名单', '未来社区再扩容']);
  });

  it('splits several stories of one file at their headline groups', () => {
    const r = intakeText(
      ['第一条新闻', '本报讯(记者 张三)第一段。', '第二段。', '', '第二条新闻', '', '记者 李四', '', '正文一。', '小标题', '正文二。'].join('\n'),
    );
    expect(r.stories.map((s) => [s.headline, s.byline?.text, s.paragraphs.length, s.crossheads])).toEqual([
      ['第一条新闻', '本报讯（记者 张三）', 2, []],
      ['第二条新闻', '记者 李四', 2, ['小标题']],
    ]);
  });

  it('keeps a caption after a finished paragraph in its story without joining anything', () => {
    const r = intakeText('标题\n记者 张三\n第一段。\n图为现场。 记者 李四摄\n第二段。\n');
    const s = r.stories[0]!;
    expect(s.paragraphs).toEqual(['第一段。', '第二段。']);
    expect(s.captions).toEqual(['图为现场。']);
    expect(s.credits).toEqual(['记者 李四摄']);
  });

  it('gives nothing for blank input and never throws on odd text', () => {
    expect(intakeText('\n \n\u3000\n').stories).toEqual([]);
    for (const odd of ['摄', '记者', '()', '——', '本报讯', '导读', '。。。', 'a\u0000b']) expect(() => intakeText(odd)).not.toThrow();
  });
});

describe('labels, wire copy and 导读 boxes', () => {
  it('takes a short line over a headline for a section label', () => {
    const s = intakeText('国际\n联合国气候大会开幕\n新华社北京11月20日电（记者 张三）大会今日开幕。\n').stories[0]!;
    expect([s.label, s.headline]).toEqual(['国际', '联合国气候大会开幕']);
    expect(s.byline).toMatchObject({ dateline: '新华社北京11月20日电', runIn: true, people: [{ role: '记者', name: '张三' }] });
    expect(s.paragraphs).toEqual(['大会今日开幕。']);
  });

  it('reads a 导读 box with several items and their pages, and the story after it', () => {
    const r = intakeText('导读\n致敬 匠人 ▶3版\n湘湖迎来候鸟（详见第5版）\n跑过风景\n记者 张三\n正文。\n');
    expect(r.stories.map((s) => s.kind)).toEqual(['teaser', 'story']);
    expect(r.stories[0]!.teasers.map((t) => [t.text, t.page])).toEqual([
      ['致敬 匠人', '3'],
      ['湘湖迎来候鸟', '5'],
    ]);
    expect(r.stories[1]!.headline).toBe('跑过风景');
  });
});
