import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyNormalizations, findNormalizations, normalizeChineseText } from '../../../shared/text/normalize';

const SEED = readFileSync(
  fileURLToPath(new URL('../../../fixtures/seed/000_06c4c4664c43f101.txt', import.meta.url)),
  'utf8',
);

/** Every number as written: 2.3, 7:30, 15000, 90%, 23.52 … */
const numbers = (text: string): string[] => text.match(/\d+(?:[.:,]\d+)*%?/g) ?? [];

describe('normalizeChineseText', () => {
  it.each([
    ['近年来,我区坚持', '近年来，我区坚持'],
    ['是什么?这是!', '是什么？这是！'],
    ['目标:打造;建设', '目标：打造；建设'],
    ['县(市、区)。', '县（市、区）。'],
    ['本报讯(记者 靳林杰 通讯员 高倩倩)近日,省第六批', '本报讯（记者 靳林杰 通讯员 高倩倩）近日，省第六批'],
    ['质量控制(QC)小组', '质量控制（QC）小组'],
    ['坚持"产城人文"深度融合', '坚持“产城人文”深度融合'],
    ['迭代完成"一键护航""平安村社"等', '迭代完成“一键护航”“平安村社”等'],
    ['他说:"我们要\'一起\'努力."', '他说：“我们要‘一起’努力。”'],
    ['"非常激动,"她说。', '“非常激动，”她说。'],
    ['这是--重要的...结论…好', '这是——重要的……结论……好'],
    ['两者—一个', '两者——一个'],
    ['２０２２年７：３０，６．６公里，９０％', '2022年7:30，6.6公里，90%'],
  ])('makes %s Chinese', (input, expected) => {
    expect(normalizeChineseText(input)).toBe(expected);
  });

  it.each([
    '上午7:30发令',
    '约2.3万名用户',
    '累计15000余次',
    '健康跑6.6公里',
    '节能QC小组',
    '使用率达90%以上',
    '共1,000人',
    '比分3:2',
    'Hello, world! How are you?',
    "I don't know",
    'f(x)是函数',
    '“小脑+手脚”体系',
    '萧山·红领通',
    '2022-11-21出版',
  ])('leaves %s as it is', (input) => {
    expect(normalizeChineseText(input)).toBe(input);
  });

  it('leaves URLs and e-mail addresses alone, but not the sentence around them', () => {
    expect(normalizeChineseText('访问https://www.xs.gov.cn/a?b=1,c=2,或发邮件至news@xs.gov.cn;谢谢!')).toBe(
      '访问https://www.xs.gov.cn/a?b=1,c=2，或发邮件至news@xs.gov.cn；谢谢！',
    );
    expect(normalizeChineseText('见www.example.com.')).toBe('见www.example.com.');
  });

  it('keeps a Latin sentence quoted inside Chinese copy Latin', () => {
    expect(normalizeChineseText('他说:"Hello, world!"然后走了')).toBe('他说：“Hello, world!”然后走了');
  });

  it('drops stray spaces between Han characters', () => {
    expect(normalizeChineseText('社会 治理 是必答题')).toBe('社会治理是必答题');
    expect(normalizeChineseText('近年来, 我区')).toBe('近年来，我区');
    expect(normalizeChineseText('发展 ，建设')).toBe('发展，建设');
  });

  it('keeps a space that parts two marks of one run, so a second pass makes no ellipsis of them', () => {
    expect(normalizeChineseText('·· ·社')).toBe('·· ·社');
    expect(normalizeChineseText(normalizeChineseText('·· ·社'))).toBe(normalizeChineseText('·· ·社'));
  });

  it('keeps spaces around newsroom role words and, on request, all spaces', () => {
    expect(normalizeChineseText('首席记者 蒋超')).toBe('首席记者 蒋超');
    expect(normalizeChineseText('记者 方方斌摄')).toBe('记者 方方斌摄');
    expect(normalizeChineseText('环境一角。 记者丁力摄')).toBe('环境一角。 记者丁力摄');
    expect(normalizeChineseText('党建引领共治共享 构建现代化治理体系')).toBe('党建引领共治共享构建现代化治理体系');
    expect(normalizeChineseText('党建引领共治共享 构建现代化治理体系', { keepSpaces: true })).toBe(
      '党建引领共治共享 构建现代化治理体系',
    );
    expect(normalizeChineseText('跑过风景, 跑进亚运', { keepSpaces: true })).toBe('跑过风景， 跑进亚运');
  });

  it('keeps spaces next to Latin and figures (autospace handles those)', () => {
    expect(normalizeChineseText('使用 iPhone 手机')).toBe('使用 iPhone 手机');
  });

  it('handles Han characters outside the BMP with correct offsets', () => {
    const text = '𠀋,好';
    expect(findNormalizations(text)).toEqual([{ offset: 2, from: ',', to: '，', rule: 'punctuation' }]);
    expect(normalizeChineseText(text)).toBe('𠀋，好');
  });
});

describe('findNormalizations', () => {
  it('reports each decision on the original text with its rule', () => {
    expect(findNormalizations('我区,坚持"产城人文" 深度(融合)...')).toEqual([
      { offset: 2, from: ',', to: '，', rule: 'punctuation' },
      { offset: 5, from: '"', to: '“', rule: 'quote' },
      { offset: 10, from: '"', to: '”', rule: 'quote' },
      { offset: 11, from: ' ', to: '', rule: 'space' },
      { offset: 14, from: '(', to: '（', rule: 'bracket' },
      { offset: 17, from: ')', to: '）', rule: 'bracket' },
      { offset: 18, from: '...', to: '……', rule: 'ellipsis' },
    ]);
  });

  it('finds nothing in clean copy', () => {
    expect(findNormalizations('社会治理是政治稳定的必答题、公共安全的基本面。')).toEqual([]);
  });

  it('refuses changes that do not belong to the text', () => {
    expect(() => applyNormalizations('abc', [{ offset: 1, from: 'x', to: 'y', rule: 'punctuation' }])).toThrow(RangeError);
  });
});

describe('normalizeChineseText on the reference page', () => {
  const normalized = normalizeChineseText(SEED);

  it('leaves no ASCII comma, colon, semicolon, bang, question mark or parenthesis next to Han', () => {
    expect(normalized).not.toMatch(/[\p{Script=Han}][ ]*[,:;!?()]|[,:;!?()][ ]*[\p{Script=Han}]/u);
    expect(SEED).toMatch(/[\p{Script=Han}][,(]/u);
  });

  it('changes every one of the 191 commas, the 6 bracket pairs, the ; and the !', () => {
    const changes = findNormalizations(SEED);
    const count = (from: string): number => changes.filter((c) => c.from === from).length;
    expect(count(',')).toBe(191);
    expect(count('(')).toBe(6);
    expect(count(')')).toBe(6);
    expect(count(';')).toBe(1);
    expect(count('!')).toBe(1);
    expect(count(':')).toBe(0);
    expect(count('.')).toBe(0);
  });

  it('keeps every number, time, decimal and percentage', () => {
    expect(numbers(normalized)).toEqual(numbers(SEED));
    for (const n of ['7:30', '2.3万', '15000', '6.6公里', '23.52公顷', '62.53万', '36.2亿', '90%', 'QC小组', '小脑+手脚']) {
      expect(normalized).toContain(n);
    }
  });

  it('keeps the spaces of bylines and credits', () => {
    expect(normalized).toContain('首席记者 蒋超');
    expect(normalized).toContain('（记者 靳林杰 通讯员 高倩倩）');
    expect(normalized).toContain('（首席记者 魏乐亿）');
    expect(normalized).toContain('记者 方方斌摄');
    expect(normalized).toContain('一角。 记者丁力摄');
  });

  it('is what it was once normalised', () => {
    expect(normalizeChineseText(normalized)).toBe(normalized);
  });
});

describe('normalizeChineseText properties', () => {
  const alphabet = fc.constantFrom(
    ...'社会治理数字化改革萧山杭州abcXYZ0123456789 ,.:;!?()"\'-…—，。“”（）、《》%·\n'.split(''),
  );
  const copy = fc.array(alphabet, { maxLength: 60 }).map((a) => a.join(''));

  it('is idempotent', () => {
    fc.assert(
      fc.property(copy, (text) => normalizeChineseText(normalizeChineseText(text)) === normalizeChineseText(text)),
      { numRuns: 5000 },
    );
  });

  it('never touches Han characters, Latin letters or digits', () => {
    const keep = (s: string): string => s.replace(/[^\p{Script=Han}A-Za-z0-9]/gu, '');
    fc.assert(fc.property(copy, (text) => keep(normalizeChineseText(text)) === keep(text)));
  });

  it('applies exactly the changes it reports', () => {
    fc.assert(
      fc.property(copy, (text) => applyNormalizations(text, findNormalizations(text)) === normalizeChineseText(text)),
    );
  });
});
