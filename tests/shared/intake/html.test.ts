import { describe, expect, it } from 'vitest';
import { htmlToLines } from '../../../shared/intake/html-lines';
import { intakeHtml } from '../../../shared/intake/intake';

describe('htmlToLines', () => {
  it('gives one line per block, breaks at <br>, decodes entities, skips styles', () => {
    const lines = htmlToLines(
      '<html><head><style>p{color:red}</style><title>x</title></head><body><h1>标题</h1><p>第一行<br>第二行&nbsp;&ldquo;引&rdquo;&#x4E2D;&#25991;</p><!-- note --><p></p><div><p>末段&amp;</p></div></body></html>',
    );
    expect(lines.map((l) => [l.line, l.text, l.hint, l.blankBefore])).toEqual([
      [1, '标题', 'h1', 0],
      [2, '第一行', undefined, 0],
      [3, '第二行\u00a0“引”中文', undefined, 0],
      [5, '末段&', undefined, 1],
    ]);
  });

  it('keeps bold as ranges and marks whole-bold lines', () => {
    const [a, b] = htmlToLines('<p><b>本报讯</b>近日,全区。</p><p><span style="font-weight:bold">小标题</span></p>');
    expect(a).toMatchObject({ text: '本报讯近日,全区。', strong: [[0, 3]] });
    expect(b).toMatchObject({ text: '小标题', hint: 'bold' });
  });

  it('stands an image as its own line', () => {
    const lines = htmlToLines('<p>前文。<img src="intake-image:1" alt="现场"></p><p>后文。</p>');
    expect(lines.map((l) => [l.text, l.image])).toEqual([
      ['前文。', undefined],
      ['', { src: 'intake-image:1', alt: '现场' }],
      ['后文。', undefined],
    ]);
  });

  it('survives broken markup', () => {
    expect(() => htmlToLines('<p a="<b>">x</p><p <<< > y <b')).not.toThrow();
    expect(htmlToLines('<p>a < b</p>').map((l) => l.text)).toEqual(['a < b']);
  });
});

describe('intakeHtml (paste)', () => {
  it('reads a pasted story with headings, a bold run-in byline, a photo and its caption', () => {
    const r = intakeHtml(
      [
        '<h1>跑过风景跑进“亚运”</h1>',
        '<p><strong>本报讯(首席记者 魏乐亿)</strong>昨日上午,2022杭州马拉松鸣枪开跑。</p>',
        '<h2>全民健身</h2>',
        '<p>以全民健身为核心的参与性体育,正越来越融</p>',
        '<p><img src="data:image/png;base64,AAAA"></p>',
        '<p>选手比赛中。 记者 方方斌摄</p>',
        '<p>入萧山人的日常生活。</p>',
      ].join(''),
    );
    expect(r.stories).toHaveLength(1);
    const s = r.stories[0]!;
    expect(s.headline).toBe('跑过风景跑进“亚运”');
    expect(s.byline?.text).toBe('本报讯（首席记者 魏乐亿）');
    expect(s.crossheads).toEqual(['全民健身']);
    expect(s.paragraphs).toEqual(['昨日上午，2022杭州马拉松鸣枪开跑。', '以全民健身为核心的参与性体育，正越来越融入萧山人的日常生活。']);
    expect(s.photos).toEqual([
      { image: { src: 'data:image/png;base64,AAAA' }, caption: '选手比赛中。', credit: expect.objectContaining({ text: '记者 方方斌摄' }), sourceLine: 6 },
    ]);
    // The bold byline does not leave a bold range in the paragraph it opened.
    expect(s.body[0]!.strong).toBeUndefined();
  });
});
