/**
 * Han–Western spacing (CLREQ §3.2.3, GB/T 15834's 汉字与阿拉伯数字、拉丁字母
 * 之间): where a Han character meets a Latin letter or an ASCII figure, body
 * text puts up to a quarter em between them (`据 2024 年`, `年 GDP 增长`,
 * `使用 AI 技术`), and nothing where the pair is parted by a line break.
 *
 * This file only classifies positions in text; where the gap is drawn and
 * when a line break removes it is the renderer's business
 * (renderer/typesetting/autospace.ts).
 */
import { isHan } from './chars';

/** Width of the Han–Western gap, in em of the body size. */
export const AUTOSPACE_EM = 0.25;

type SpacingClass = 'han' | 'western' | 'other';

/** Latin letters of any width but full width (Ａ–Ｚ, ａ–ｚ are set like Han and take no gap). */
const LATIN_LETTER = /^(?![\uFF00-\uFFEF])(?=\p{L})\p{Script=Latin}$/u;

/**
 * Which side of a Han–Western boundary a character stands on: Han (with 〇
 * and 々), Western (a Latin letter or an ASCII digit 0–9), or neither
 * (punctuation, white space, full-width digits, symbols, inline objects).
 */
function spacingClass(ch: string): SpacingClass {
  if (ch >= '0' && ch <= '9') return 'western';
  if (isHan(ch)) return 'han';
  return LATIN_LETTER.test(ch) ? 'western' : 'other';
}

/**
 * The offsets (UTF-16, ascending) in `text` of every character that directly
 * follows a character of the other side of a Han–Western boundary: Han then
 * Latin letter or ASCII digit, or Latin letter or ASCII digit then Han. The
 * gap goes *before* the character at each offset.
 *
 * Invariants: only adjacent code points count, so punctuation or white space
 * between the two (`，2024`, `AI 技术`, `30%的`) means no gap; nothing inside
 * a run of letters and figures (`2.3`, `7:30`, `www.example.com`, `5G`)
 * gets one; full-width digits and letters (`２０２４`) are not Western.
 * Offset 0 never appears.
 */
export function autospaceBoundaries(text: string): number[] {
  const out: number[] = [];
  let prev: SpacingClass = 'other';
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const len = code > 0xffff ? 2 : 1;
    const cls = spacingClass(text.slice(i, i + len));
    if ((prev === 'han' && cls === 'western') || (prev === 'western' && cls === 'han')) out.push(i);
    prev = cls;
    i += len;
  }
  return out;
}
