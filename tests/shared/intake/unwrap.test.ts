import { describe, expect, it } from 'vitest';
import { intakeText } from '../../../shared/intake/intake';
import { summarizeDrafts } from '../../../shared/intake/summary';
import { textToLines } from '../../../shared/intake/text-lines';
import { visualWidth, wrapWidth } from '../../../shared/intake/unwrap';
import { seedText } from './seed-text';

/** Breaks a line into printed lines of `width` em, as a PDF column does. */
function wrap(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const ch of line) {
    if (visualWidth(current + ch) > width) {
      out.push(current);
      current = '';
    }
    current += ch;
  }
  if (current) out.push(current);
  return out;
}

/**
 * The seed as text copied out of a PDF: body paragraphs printed with a 2-em
 * indent and broken at every 13-character line, no blank lines.
 */
function asPdfCopy(text: string): string {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .flatMap((l) => (l.length > 20 ? wrap(`\u3000\u3000${l}`, 13) : [l]))
    .join('\n');
}

describe('unwrapping text copied out of a PDF', () => {
  it('finds the column width of hard-wrapped text and none in ordinary copy', () => {
    expect(wrapWidth(textToLines(asPdfCopy(seedText())))).toBe(13);
    expect(wrapWidth(textToLines(seedText()))).toBeNull();
  });

  it('joins a full line to the next even after a sentence end, and starts a paragraph at an indent', () => {
    const text = [
      '标题',
      '记者 张三',
      '\u3000\u3000第一段写到这里啊',
      '正好就写满了一整行。',
      '第二句接着写完。',
      '\u3000\u3000第二段满满的一整',
      '行字到此结束了。',
      '\u3000\u3000第三段也是一整个',
      '行的字数正好是十个字',
      '收尾。',
      '\u3000\u3000第四段同样的写满',
      '一行然后结束。',
      '\u3000\u3000第五段还是写满了',
      '一行又是一行的文字啊',
      '完了。',
      '\u3000\u3000第六段也还写满了',
      '一行再写一行的文字啊',
      '好了。',
    ].join('\n');
    expect(wrapWidth(textToLines(text))).toBe(10);
    expect(intakeText(text).stories[0]!.paragraphs).toEqual([
      '第一段写到这里啊正好就写满了一整行。第二句接着写完。',
      '第二段满满的一整行字到此结束了。',
      '第三段也是一整个行的字数正好是十个字收尾。',
      '第四段同样的写满一行然后结束。',
      '第五段还是写满了一行又是一行的文字啊完了。',
      '第六段也还写满了一行再写一行的文字啊好了。',
    ]);
  });

  it('reads the seed broken at every 13-character line as it reads the original', () => {
    const pdf = asPdfCopy(seedText());
    expect(pdf.split('\n').length).toBeGreaterThan(300);
    const result = intakeText(pdf);
    expect(summarizeDrafts(result.stories)).toEqual(summarizeDrafts(intakeText(seedText()).stories));
    // Every printed line is accounted for: joined lines carry the role of the line they joined.
    expect(new Set(result.decisions.map((d) => d.line)).size).toBe(pdf.split('\n').length);
    expect(result.decisions.filter((d) => d.rule === 'paragraph.unwrapped').length).toBeGreaterThan(250);
  });
});
