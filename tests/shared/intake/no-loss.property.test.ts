import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intakeHtml, intakeText } from '../../../shared/intake/intake';
import type { IntakeResult } from '../../../shared/intake/types';

const HAN = /[\u4e00-\u9fff]/gu;
const hanCount = (s: string) => (s.match(HAN) ?? []).length;

function outputHan(r: IntakeResult): number {
  let n = 0;
  for (const s of r.stories) {
    for (const t of [s.label, s.kicker, s.headline, s.subheadline, s.byline?.text]) n += hanCount(t ?? '');
    for (const b of s.body) n += hanCount(b.text);
    for (const p of s.photos) n += hanCount(p.caption ?? '') + hanCount(p.credit?.text ?? '');
    for (const t of s.teasers) n += hanCount(t.text);
  }
  return n;
}

const han = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'社会治理是政治稳定的必答题公共安全基本面发展生态加分项萧山杭州马拉松选手比赛城市'), { minLength: min, maxLength: max }).map((a) => a.join(''));
const name = fc.constantFrom('蒋超', '靳林杰', '高倩倩', '方方斌', '丁力', '魏乐亿');
const line = fc.oneof(
  han(4, 16),
  han(4, 16).map((h) => `${h} ${h.slice(0, 3)}`),
  fc.tuple(han(20, 90), fc.constantFrom('。', ',', '', '！', '”')).map(([t, end]) => t + end),
  fc.tuple(han(20, 60), han(10, 40)).map(([a, b]) => `${a},${b}。`),
  name.map((n) => `首席记者 ${n}`),
  fc.tuple(name, name).map(([a, b]) => `本报讯(记者 ${a} 通讯员 ${b})`),
  fc.tuple(name, han(10, 40)).map(([a, t]) => `本报讯(记者 ${a})${t}。`),
  name.map((n) => `记者 ${n}摄`),
  fc.tuple(han(6, 30), name).map(([c, n]) => `${c}。 记者${n}摄`),
  fc.constantFrom('今日视点', '导读', '大美萧山', ''),
);

describe('intake loses no text', () => {
  it('keeps every Han character of any mix of heads, bylines, body, captions and labels', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\n\n'), (lines, eol) => {
        const text = lines.join(eol);
        const r = intakeText(text);
        expect(outputHan(r)).toBe(hanCount(text));
        // Every non-blank line was decided.
        const decided = new Set(r.decisions.map((d) => d.line));
        text.split(/\r\n|\n/u).forEach((l, i) => {
          if (l.trim()) expect(decided.has(i + 1)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary text or HTML', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        intakeText(s);
        intakeHtml(s);
      }),
      { numRuns: 300 },
    );
  });
});
