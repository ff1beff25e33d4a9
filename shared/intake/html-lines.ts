/**
 * HTML → source lines, without a DOM (shared/ runs in Node and workers too).
 * Each block element (p, h1–h6, li, div, td…) gives one line; `<br>` breaks a
 * line; an `<img>` stands as its own line. Bold (`<b>`, `<strong>`,
 * `font-weight: bold`) is kept as ranges; heading levels become hints.
 * Handles clipboard HTML from Word and browsers and mammoth's output.
 */
import type { ImageRef, SourceLine } from './types';

const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'blockquote', 'section', 'article',
  'header', 'footer', 'figure', 'figcaption', 'td', 'th', 'tr', 'table', 'tbody', 'thead', 'pre', 'hr',
  'aside', 'nav', 'main', 'dd', 'dt', 'dl', 'caption', 'address', 'body', 'html',
]);
const SKIP_TAGS = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'svg', 'math', 'xml']);
const VOID_TAGS = new Set(['br', 'img', 'hr', 'meta', 'link', 'input', 'wbr', 'col', 'area', 'base', 'source']);

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ensp: '\u2002', emsp: '\u2003',
  thinsp: '\u2009', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–',
  hellip: '…', middot: '·', bull: '•', times: '×', copy: '©', reg: '®', deg: '°', yen: '¥',
};

/** Decodes HTML character references. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});?/giu, (all, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[ref.toLowerCase()] ?? all;
  });
}

function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'iu').exec(attrs);
  if (!m) return undefined;
  return decodeEntities(m[1] ?? m[2] ?? m[3] ?? '');
}

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<[!?][^>]*>|<(\/?)([a-zA-Z][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*'){0,4000})>|[^<]+|</u;

interface Run {
  text: string;
  strong: boolean;
}

/** Converts HTML to source lines; line numbers count block elements (1-based). */
export function htmlToLines(html: string): SourceLine[] {
  const lines: SourceLine[] = [];
  let runs: Run[] = [];
  let blockNo = 0;
  let blank = 0;
  let hint: SourceLine['hint'];
  let strongDepth = 0;
  let skipDepth = 0;
  let preDepth = 0;
  const boldStack: boolean[] = [];
  /** The block being read held an image (so it is not an empty paragraph). */
  let imageInBlock = false;

  const flush = () => {
    blockNo++;
    let text = '';
    const strong: [number, number][] = [];
    for (const r of runs) {
      const piece = preDepth > 0 ? r.text : r.text.replace(/[ \t\n\r\f]+/gu, ' ');
      if (r.strong && piece.trim()) strong.push([text.length, text.length + piece.length]);
      text += piece;
    }
    runs = [];
    const lead = text.length - text.replace(/^[\s\u3000]+/u, '').length;
    const trimmed = text.trim();
    const lineHint = hint;
    hint = undefined;
    if (!trimmed) {
      blank++;
      return;
    }
    const ranges = strong
      .map(([f, t]) => [Math.max(0, f - lead), Math.min(trimmed.length, t - lead)] as [number, number])
      .filter(([f, t]) => t > f);
    const line: SourceLine = { line: blockNo, text: trimmed, blankBefore: blank };
    const boldLength = ranges.reduce((n, [f, t]) => n + (t - f), 0);
    if (lineHint) line.hint = lineHint;
    else if (boldLength >= trimmed.replace(/\s/gu, '').length && boldLength > 0) line.hint = 'bold';
    if (ranges.length) line.strong = ranges;
    if (/^[ ]?[\u3000\u00a0]/u.test(text)) line.indented = true;
    lines.push(line);
    blank = 0;
  };
  const pushImage = (image: ImageRef) => {
    if (runs.some((r) => r.text.trim())) flush();
    runs = [];
    blockNo++;
    lines.push({ line: blockNo, text: '', blankBefore: blank, image });
    blank = 0;
    imageInBlock = true;
  };

  const tokens = new RegExp(TOKEN.source, 'gyu');
  let m: RegExpExecArray | null;
  while (tokens.lastIndex < html.length && (m = tokens.exec(html)) !== null) {
    const token = m[0];
    // A lone '<' matches with length 1; nothing matches empty, so the scan always advances.
    if (m[2] === undefined) {
      if (token[0] === '<' && token.length > 1) continue; // comment, doctype, processing instruction
      if (skipDepth === 0) runs.push({ text: decodeEntities(token), strong: strongDepth > 0 });
      continue;
    }
    const closing = m[1] === '/';
    const tag = m[2].toLowerCase().replace(/^.*:/u, '');
    const attrs = m[3] ?? '';
    if (SKIP_TAGS.has(tag)) {
      if (!closing && !/\/\s*$/u.test(attrs)) skipDepth++;
      else if (closing) skipDepth = Math.max(0, skipDepth - 1);
      continue;
    }
    if (skipDepth > 0) continue;
    if (tag === 'br') {
      flush();
      continue;
    }
    if (tag === 'img') {
      const src = attr(attrs, 'src');
      if (src) {
        const alt = attr(attrs, 'alt');
        pushImage(alt ? { src, alt } : { src });
      }
      continue;
    }
    const style = attr(attrs, 'style') ?? '';
    const bold = tag === 'b' || tag === 'strong' || /font-weight\s*:\s*(?:bold|[6-9]00)/iu.test(style);
    if (BLOCK_TAGS.has(tag)) {
      if (runs.some((r) => r.text.trim())) flush();
      else if (closing && tag === 'p' && !imageInBlock) {
        // An empty paragraph (<p></p>, Word's blank line) counts as a blank line.
        blockNo++;
        blank++;
        runs = [];
      } else runs = [];
      imageInBlock = false;
      if (!closing && /^h[1-6]$/u.test(tag)) hint = tag === 'h1' ? 'h1' : tag === 'h2' ? 'h2' : 'h3';
      if (tag === 'pre') preDepth = Math.max(0, preDepth + (closing ? -1 : 1));
      continue;
    }
    if (VOID_TAGS.has(tag)) continue;
    if (closing) {
      const wasBold = boldStack.pop();
      if (wasBold) strongDepth = Math.max(0, strongDepth - 1);
    } else if (!/\/\s*$/u.test(attrs)) {
      boldStack.push(bold);
      if (bold) strongDepth++;
    }
  }
  if (runs.some((r) => r.text.trim())) flush();
  return lines;
}
