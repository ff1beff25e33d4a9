/**
 * 全角式 and 开明式 punctuation in the exported PDF: the same story body,
 * set once per style on a copy of the reference page (the story "marathon",
 * 13-character columns), exported with the real command line and read back
 * with `pdftotext -bbox-layout`.
 *
 * A mark's advance is read from single-line paragraphs (a paragraph's last
 * line is not justified, so nothing is added between characters):
 * `检查，结果无误` is as wide as `检查结果无误` plus the advance of `，`.
 * The long paragraph checks the justified lines stay flush in both styles.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage/index';
import type { PunctuationStyle } from '../../shared/page/settings';
import { readPdfPages } from '../support/pdf-lines';
import type { PdfLine } from '../support/pdf-lines';
import { CLI, e2eUnavailable, SEED_FILE } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const EM = 9; // body size of the reference page, pt

const CONTROL = '检查结果无误';
const COMMA = '检查，结果无误';
const PERIOD = '检查。结果无误';
const QUOTES = '检查“结果”无误';
const BANG = '检查！结果？无误';
const LONG =
  '记者从区体育局获悉，本届“萧山马拉松”共有来自全国各地的一万二千名跑者参赛；赛道经过湘湖、钱塘江、城市大道等地标，沿途设有补给站、医疗点和志愿者服务站。组委会表示：赛事坚持“以人为本”，推出《赛事服务指南》，方便选手查询（含交通、住宿信息）。不少跑者说，比赛体验很好！明年还来吗？当然来，大家这样说。';

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
  text?: string;
}

const paragraph = (text: string): JsonNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });

/** The reference page with the story "marathon"'s body replaced by the test copy, in `style`. */
function testPage(page: JsonNode, style: PunctuationStyle): JsonNode {
  const copy = structuredClone(page);
  copy.attrs = { ...copy.attrs, settings: { ...(copy.attrs?.['settings'] as object), punctuation: style } };
  const story = copy.content?.find((b) => b.type === 'story' && b.attrs?.['id'] === 'marathon');
  if (!story?.content) throw new Error('the reference page has no story "marathon"');
  story.content = story.content.map((part) =>
    part.type === 'body' ? { ...part, content: [CONTROL, COMMA, PERIOD, QUOTES, BANG, LONG].map(paragraph) } : part,
  );
  return copy;
}

// pdftotext reads the CJK marks back as themselves; fold ASCII look-alikes in case.
const textOf = (l: PdfLine): string => l.text.replace(/\s+/g, '').replace(/,/g, '，');

function widthOf(lines: PdfLine[], text: string): number {
  const found = lines.filter((l) => textOf(l) === text);
  if (found.length !== 1) throw new Error(`${found.length} lines read "${text}"`);
  return found[0]!.xMax - found[0]!.xMin;
}

/** Lines column after column (a column starts more than a 2-em indent right of the last), top to bottom. */
function readingOrder(lines: PdfLine[]): PdfLine[] {
  const columns: PdfLine[][] = [];
  for (const l of [...lines].sort((a, b) => a.xMin - b.xMin)) {
    const last = columns.at(-1);
    if (last && l.xMin - last[0]!.xMin < 3 * EM) last.push(l);
    else columns.push([l]);
  }
  return columns.flatMap((c) => c.sort((a, b) => a.yMin - b.yMin));
}

interface Measured {
  /** Advances in em. */
  comma: number;
  period: number;
  quotes: number;
  bangAndQuestion: number;
  /** The long paragraph's lines as read, in order. */
  long: PdfLine[];
}

let dir: string;

async function exportStyle(style: PunctuationStyle): Promise<Measured> {
  const file = await readBanmianFile(SEED_FILE);
  if (!file.ok) throw new Error(file.error.message);
  const path = join(dir, `${style}.banmian`);
  const written = await writeBanmianFile(path, { pages: [testPage(file.value.pages[0] as JsonNode, style)], assets: file.value.assets });
  if (!written.ok) throw new Error(written.error.message);
  const out = join(dir, `${style}.pdf`);
  await run(process.execPath, [CLI, 'export', path, '-o', out, '--variant', 'proof'], { timeout: 170_000 });
  const lines = readPdfPages(out)[0]!.lines;
  const control = widthOf(lines, CONTROL);
  const long = readingOrder(lines.filter((l) => textOf(l).length >= 6 && LONG.includes(textOf(l))));
  return {
    comma: (widthOf(lines, COMMA) - control) / EM,
    period: (widthOf(lines, PERIOD) - control) / EM,
    quotes: (widthOf(lines, QUOTES) - control) / EM,
    bangAndQuestion: (widthOf(lines, BANG) - control) / EM,
    long,
  };
}

/** Right edges of the long paragraph's full lines that end in a Han character (a mark's box may reach past the edge). */
function hanEdges(m: Measured): number[] {
  const full = m.long.slice(0, -1);
  return full.filter((l) => /\p{Script=Han}$/u.test(textOf(l))).map((l) => l.xMax);
}

describe.skipIf(skip !== null)(`punctuation styles in the PDF${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let quanjiao: Measured;
  let kaiming: Measured;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-punct-'));
    [quanjiao, kaiming] = await Promise.all([exportStyle('quanjiao'), exportStyle('kaiming')]);
    const fmt = (m: Measured) =>
      `， ${m.comma.toFixed(3)} em, 。 ${m.period.toFixed(3)} em, “” ${m.quotes.toFixed(3)} em, ！？ ${m.bangAndQuestion.toFixed(3)} em, long paragraph ${m.long.length} lines`;
    console.log(`全角式: ${fmt(quanjiao)}\n开明式: ${fmt(kaiming)}`);
  }, 200_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('sets a mid-line ， one em in 全角式 and half an em in 开明式', () => {
    expect(quanjiao.comma).toBeCloseTo(1, 1);
    expect(kaiming.comma).toBeCloseTo(0.5, 1);
  });

  it('keeps 。！？ one em in both styles', () => {
    expect(quanjiao.period).toBeCloseTo(1, 1);
    expect(kaiming.period).toBeCloseTo(1, 1);
    expect(quanjiao.bangAndQuestion).toBeCloseTo(2, 1);
    expect(kaiming.bangAndQuestion).toBeCloseTo(2, 1);
  });

  it('sets opening and closing quotes half width in 开明式 only', () => {
    expect(quanjiao.quotes).toBeCloseTo(2, 1);
    expect(kaiming.quotes).toBeCloseTo(1, 1);
  });

  it('keeps every justified full line flush with the column in both styles', () => {
    // 开明式 holds more on a line: the same copy takes no more lines.
    expect(kaiming.long.length).toBeGreaterThan(4);
    expect(kaiming.long.length).toBeLessThanOrEqual(quanjiao.long.length);
    expect(kaiming.long.map(textOf).join('')).toBe(LONG);
    expect(quanjiao.long.map(textOf).join('')).toBe(LONG);
    const edges = [...hanEdges(quanjiao), ...hanEdges(kaiming)];
    expect(edges.length).toBeGreaterThan(3);
    expect(Math.max(...edges) - Math.min(...edges)).toBeLessThanOrEqual(0.1);
  });
});
