/**
 * Reading a PDF's text back as lines with boxes, through poppler's
 * `pdftotext -bbox-layout` (an independent reader: what a plant's RIP or a
 * reader's copy-paste would see, not what our layout thought it drew).
 *
 * Coordinates are PDF points from the top-left of each page (pdftotext's
 * convention). `yMax` is the bottom of the font's em box on that line, so for
 * lines set in one face and size, equal `yMax − yMin` and a constant offset
 * from the baseline hold: differences of `yMax` are differences of baselines.
 */
import { execFileSync } from 'node:child_process';

export interface PdfBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfWord extends PdfBox {
  text: string;
}

export interface PdfLine extends PdfBox {
  /** 1-based page number. */
  page: number;
  /** The words joined; a space only where pdftotext saw a gap wider than `spaceGap`. */
  text: string;
  words: PdfWord[];
}

export interface PdfPage {
  page: number;
  width: number;
  height: number;
  lines: PdfLine[];
}

export interface ReadOptions {
  firstPage?: number;
  lastPage?: number;
  /**
   * Gap between words, in em of the line height, above which a space is put
   * into `text`. Justified CJK text is cut into words by pdftotext wherever
   * the spacing grows, so the default (Infinity) joins words with nothing.
   */
  spaceGap?: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string): string {
  return text.replace(/&(#x?[0-9a-fA-F]+|[a-z]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return ENTITIES[name] ?? whole;
  });
}

function box(attrs: string): PdfBox {
  const num = (name: string): number => {
    const m = new RegExp(`${name}="([-0-9.]+)"`).exec(attrs);
    if (!m) throw new RangeError(`pdftotext output lacks ${name} in ${attrs}`);
    return Number(m[1]);
  };
  return { xMin: num('xMin'), yMin: num('yMin'), xMax: num('xMax'), yMax: num('yMax') };
}

/** Parse the XHTML that `pdftotext -bbox-layout` writes. Lines keep pdftotext's reading order. */
export function parseBboxLayout(xhtml: string, options: Pick<ReadOptions, 'spaceGap'> = {}): PdfPage[] {
  const spaceGap = options.spaceGap ?? Infinity;
  const pages: PdfPage[] = [];
  const pageRe = /<page width="([0-9.]+)" height="([0-9.]+)">([\s\S]*?)<\/page>/g;
  let n = 0;
  for (const pageMatch of xhtml.matchAll(pageRe)) {
    n++;
    const lines: PdfLine[] = [];
    for (const lineMatch of pageMatch[3]!.matchAll(/<line ([^>]*)>([\s\S]*?)<\/line>/g)) {
      const words: PdfWord[] = [];
      for (const w of lineMatch[2]!.matchAll(/<word ([^>]*)>([\s\S]*?)<\/word>/g)) {
        words.push({ ...box(w[1]!), text: decode(w[2]!) });
      }
      const lineBox = box(lineMatch[1]!);
      const em = lineBox.yMax - lineBox.yMin;
      let text = '';
      words.forEach((w, i) => {
        const prev = words[i - 1];
        if (prev && w.xMin - prev.xMax > spaceGap * em) text += ' ';
        text += w.text;
      });
      lines.push({ page: n, ...lineBox, text, words });
    }
    pages.push({ page: n, width: Number(pageMatch[1]), height: Number(pageMatch[2]), lines });
  }
  return pages;
}

/** Run pdftotext on a PDF file and return its pages with their lines. */
export function readPdfPages(pdfPath: string, options: ReadOptions = {}): PdfPage[] {
  const args = ['-bbox-layout', '-enc', 'UTF-8'];
  if (options.firstPage !== undefined) args.push('-f', String(options.firstPage));
  if (options.lastPage !== undefined) args.push('-l', String(options.lastPage));
  const xhtml = execFileSync('pdftotext', [...args, pdfPath, '-'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const pages = parseBboxLayout(xhtml, options);
  const first = options.firstPage ?? 1;
  return pages.map((p) => ({ ...p, page: p.page + first - 1, lines: p.lines.map((l) => ({ ...l, page: l.page + first - 1 })) }));
}

/** All lines of a PDF, page by page, each page's lines top to bottom then left to right. */
export function readPdfLines(pdfPath: string, options: ReadOptions = {}): PdfLine[] {
  return readPdfPages(pdfPath, options).flatMap((p) =>
    [...p.lines].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin),
  );
}

/** A rectangle on a PDF page, in points from the page's top-left corner. */
export interface PdfRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * The lines of text inside one column of a page: every word whose centre lies
 * in `rect` (a mark hanging past the column edge still counts: its centre is
 * inside), grouped into lines by the bottom of their boxes, top to bottom.
 *
 * pdftotext's own lines may run across neighbouring columns that share a
 * baseline; words never do, so columns are rebuilt from words.
 */
export function linesInRect(page: PdfPage, rect: PdfRect, options: { sameLine?: number } = {}): PdfLine[] {
  const sameLine = options.sameLine ?? 3;
  const words = page.lines
    .flatMap((l) => l.words)
    .filter((w) => {
      const cx = (w.xMin + w.xMax) / 2;
      const cy = (w.yMin + w.yMax) / 2;
      return cx >= rect.left && cx < rect.right && cy >= rect.top && cy < rect.bottom;
    })
    .sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const groups: PdfWord[][] = [];
  for (const w of words) {
    const group = groups.at(-1);
    if (group && Math.abs(group[0]!.yMax - w.yMax) < sameLine) group.push(w);
    else groups.push([w]);
  }
  return groups.map((g) => {
    const sorted = [...g].sort((a, b) => a.xMin - b.xMin);
    return {
      page: page.page,
      xMin: Math.min(...sorted.map((w) => w.xMin)),
      yMin: Math.min(...sorted.map((w) => w.yMin)),
      xMax: Math.max(...sorted.map((w) => w.xMax)),
      yMax: Math.max(...sorted.map((w) => w.yMax)),
      text: sorted.map((w) => w.text).join(''),
      words: sorted,
    };
  });
}
