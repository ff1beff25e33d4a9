/**
 * The reference page's own PDF, typeset to the newspaper standard: exported
 * with the real command line (`banmian export … --variant proof`), read back
 * with poppler, and every story's body judged line by line.
 *
 * Body text is found from the page itself: each story's text columns are
 * computed from the page settings and the story's grid box (the same
 * arithmetic the renderer uses), the words pdftotext reads inside each column
 * are grouped into lines, and the lines, read column after column, must spell
 * the story's paragraphs and crossheads exactly. That mapping tells which
 * line is a paragraph's last, which a crosshead's, and which grid line each
 * one should sit on.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage/index';
import { gridMetrics, textColumnsOf } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import { mmToPt } from '../../shared/page/units';
import { pageFromJson } from '../../shared/model/load-page';
import { findBreakViolations } from '../../shared/text/kinsoku';
import { applyNormalizations, findNormalizations } from '../../shared/text/normalize';
import type { BreakViolation } from '../../shared/text/kinsoku';
import { linesInRect, readPdfPages } from '../support/pdf-lines';
import { readAutospace } from './support/autospace-pdf';
import type { AutospaceReport } from './support/autospace-pdf';
import type { PdfLine, PdfPage } from '../support/pdf-lines';
import { typesetSettled } from './support/typeset-settled';
import { CLI, e2eUnavailable, launchChromium, openEditor, SEED_FILE, startTestServer } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const PX_TO_PT = 0.75;
/** Body size of the reference page, pt. */
const EM = 9;

/** Full-width closing marks GB/T 15834 sets half width at a line end. */
export const HALF_AT_LINE_END = /[，。、：；！？”’）》」』】〗〕〉］｝]$/u;

interface BodyBlock {
  kind: 'paragraph' | 'crosshead';
  text: string;
  /** Grid lines a crosshead takes. */
  lines: number;
}

interface ColumnGeometry {
  story: string;
  column: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The grid line the body starts on, counted on the page grid. */
  firstGridLine: number;
}

interface BodyLine {
  story: string;
  column: number;
  kind: 'paragraph' | 'crosshead';
  /** Index of the block in the body, and of the line in the block. */
  block: number;
  lineInBlock: number;
  last: boolean;
  /** The grid line the column's layout puts it on (crossheads take theirs whole). */
  gridLine: number;
  line: PdfLine;
  geometry: ColumnGeometry;
}

const noSpace = (s: string): string => s.replace(/\s+/g, '');

function bodyOf(story: Node): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  story.forEach((part) => {
    if (part.type.name !== 'body') return;
    part.forEach((b) => {
      blocks.push({
        kind: b.type.name === 'crosshead' ? 'crosshead' : 'paragraph',
        text: noSpace(b.textContent),
        lines: b.type.name === 'crosshead' ? Number(b.attrs['lines']) : 1,
      });
    });
  });
  return blocks;
}

function headLinesOf(story: Node): number {
  let lines = 0;
  story.forEach((part) => {
    if (part.type.name === 'headgroup') part.forEach((l) => (lines += Number(l.attrs['lines'] ?? 0)));
    else if (part.type.name === 'byline') lines += Number(part.attrs['lines'] ?? 1);
  });
  return lines;
}

/** The text columns of every story body, in points on the PDF page (proof: page = paper). */
function storyColumns(doc: Node): { id: string; columns: ColumnGeometry[]; blocks: BodyBlock[] }[] {
  const settings = doc.attrs['settings'] as PageSettings;
  const m = gridMetrics(settings);
  const em = settings.grid.bodyPt;
  const pitchPt = m.linePx * PX_TO_PT;
  const typeLeft = mmToPt(settings.margins.left);
  const typeTop = mmToPt(settings.margins.top);
  const stories: { id: string; columns: ColumnGeometry[]; blocks: BodyBlock[] }[] = [];
  doc.forEach((block) => {
    if (block.type.name !== 'story') return;
    const a = block.attrs as { id: string; col: number; line: number; cols: number; lines: number; textColumns: number | null };
    const tc = textColumnsOf(settings.grid, a.cols, a.textColumns);
    const storyLeft = typeLeft + a.col * (m.columnPx + m.gutterPx) * PX_TO_PT;
    const firstGridLine = a.line + headLinesOf(block);
    const columns = Array.from({ length: tc.count }, (_, i) => {
      const left = storyLeft + i * (tc.columnChars + tc.gapChars) * em;
      return {
        story: a.id,
        column: i,
        left,
        right: left + tc.columnChars * em,
        top: typeTop + firstGridLine * pitchPt,
        bottom: typeTop + (a.line + a.lines) * pitchPt,
        firstGridLine,
      };
    });
    stories.push({ id: a.id, columns, blocks: bodyOf(block) });
  });
  return stories;
}

/**
 * Reads each story's body lines out of the PDF page and maps them onto its
 * paragraphs and crossheads. Throws with the first line that does not match:
 * the reading is then wrong, and nothing after it could be judged.
 */
function readBodies(page: PdfPage, doc: Node): BodyLine[] {
  const out: BodyLine[] = [];
  for (const story of storyColumns(doc)) {
    let block = 0;
    let offset = 0;
    let lineInBlock = 0;
    for (const geometry of story.columns) {
      // A closing mark set half width hangs its glyph box half an em past the edge.
      const rect = { left: geometry.left - 1, right: geometry.right + 1, top: geometry.top, bottom: geometry.bottom };
      let gridLine = geometry.firstGridLine;
      for (const line of linesInRect(page, rect)) {
        const b = story.blocks[block];
        if (!b) throw new Error(`${story.id}: text after the end of the body: ${line.text}`);
        const text = noSpace(line.text);
        if (!b.text.startsWith(text, offset)) {
          throw new Error(`${story.id} column ${geometry.column}: "${text}" is not the next text of block ${block} ("${b.text.slice(offset, offset + 20)}…")`);
        }
        offset += text.length;
        const last = offset === b.text.length;
        out.push({ story: story.id, column: geometry.column, kind: b.kind, block, lineInBlock, last, gridLine, line, geometry });
        gridLine += b.kind === 'crosshead' ? b.lines : 1;
        lineInBlock++;
        if (last) {
          block++;
          offset = 0;
          lineInBlock = 0;
        }
      }
    }
    if (block < story.blocks.length) throw new Error(`${story.id}: body text missing from the PDF from block ${block} on`);
  }
  return out;
}

interface Judgement {
  lines: number;
  violations: (BreakViolation & { story: string })[];
  strictViolations: (BreakViolation & { story: string })[];
  /** Largest distance of a body baseline from its place on the page grid, pt. */
  worstGridResidual: number;
  /** Lines on the wrong grid line, or off the common grid by more than 0.4 pt. */
  offGrid: { story: string; text: string; gridLine: number; residual: number }[];
  /** Largest spread of baselines among body lines on the same grid line anywhere on the page, pt. */
  worstSameLineSpread: number;
  /** Full lines whose start or end is off the column edge, with the deviation in pt. */
  ragged: { story: string; text: string; start: number; end: number }[];
  /** Largest deviation of a full line's start or end from the column edges, pt. */
  worstWidthDeviation: number;
  /** Full lines ending with a full-width closing mark, and how many of them set it half width. */
  markEnds: number;
  halfWidthMarkEnds: number;
  /** Full lines ending with a full-width closing mark not set half width. */
  fullWidthMarkEnds: string[];
  /**
   * Full lines set loose: pdftotext cuts a justified line into words wherever
   * the spacing grows, so a line cut into words of one or two characters was
   * pushed out. Push-in by compressing marks (squeeze-lines.ts) cures those
   * with marks enough; the rest (no marks, a long figure next) stay pushed out.
   */
  looseLines: string[];
  /**
   * Opening marks set half width with no mark beside them: in the PDF a half-width
   * mark's one-em glyph box overlaps its neighbour's by half an em (pdftotext
   * starts a new word there). Alone and half width, an opening quote sits tight
   * against its text and reads as a Western quote (`的"春色满园`).
   */
  loneHalfOpenings: string[];
}

/** Opening marks, and every full-width mark (a neighbour that makes an opening mark one of a pair). */
const OPENING_MARK = /^[“‘（《「『【〖〔〈［｛]/u;
const FULL_WIDTH_MARK = /[，。、：；！？“”‘’（）《》「」『』【】〖〗〔〕〈〉［］｛｝]$/u;

function judge(body: BodyLine[], pitch: number, em: number, typeTop: number): Judgement {
  const j: Judgement = {
    lines: 0,
    violations: [],
    strictViolations: [],
    worstGridResidual: 0,
    offGrid: [],
    worstSameLineSpread: 0,
    ragged: [],
    worstWidthDeviation: 0,
    markEnds: 0,
    halfWidthMarkEnds: 0,
    fullWidthMarkEnds: [],
    looseLines: [],
    loneHalfOpenings: [],
  };
  const paragraphLines = body.filter((l) => l.kind === 'paragraph');
  j.lines = paragraphLines.length;

  // (a) CLREQ breaks, paragraph by paragraph.
  const byParagraph = new Map<string, BodyLine[]>();
  for (const l of paragraphLines) {
    const key = `${l.story}/${l.block}`;
    byParagraph.set(key, [...(byParagraph.get(key) ?? []), l]);
  }
  for (const [key, lines] of byParagraph) {
    const story = key.split('/')[0]!;
    const texts = lines.map((l) => l.line.text);
    j.violations.push(...findBreakViolations(texts, 'basic').map((v) => ({ ...v, story })));
    j.strictViolations.push(...findBreakViolations(texts, 'strict').map((v) => ({ ...v, story })));
  }

  // (b) One baseline grid for the whole page. The baseline is read from the
  // bottom of the body face's boxes (words of another face, a 楷 dateline,
  // have other box heights and are left out of the measure).
  const heights = paragraphLines.flatMap((l) => l.line.words.map((w) => +(w.yMax - w.yMin).toFixed(2)));
  const counts = new Map<number, number>();
  for (const h of heights) counts.set(h, (counts.get(h) ?? 0) + 1);
  const bodyHeight = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const baselineOf = (l: PdfLine): number | null => {
    const ws = l.words.filter((w) => Math.abs(w.yMax - w.yMin - bodyHeight) < 0.05);
    return ws.length ? Math.max(...ws.map((w) => w.yMax)) : null;
  };
  const measured = paragraphLines
    .map((l) => ({ l, y: baselineOf(l.line) }))
    .filter((x): x is { l: BodyLine; y: number } => x.y !== null);
  // Each line's distance below the top of its own grid line: one constant for a true grid.
  const offsets = measured.map(({ l, y }) => y - (typeTop + l.gridLine * pitch));
  const mean = offsets.reduce((a, b) => a + b, 0) / offsets.length;
  measured.forEach(({ l, y }, i) => {
    const residual = offsets[i]! - mean;
    j.worstGridResidual = Math.max(j.worstGridResidual, Math.abs(residual));
    if (Math.abs(residual) > 0.4) j.offGrid.push({ story: l.story, text: l.line.text, gridLine: l.gridLine, residual });
    void y;
  });
  const byGridLine = new Map<number, number[]>();
  for (const { l, y } of measured) byGridLine.set(l.gridLine, [...(byGridLine.get(l.gridLine) ?? []), y]);
  for (const ys of byGridLine.values()) j.worstSameLineSpread = Math.max(j.worstSameLineSpread, Math.max(...ys) - Math.min(...ys));

  // (c) No lone opening mark set half width, on any line.
  for (const l of paragraphLines) {
    l.line.words.forEach((w, k) => {
      const prev = l.line.words[k - 1];
      if (!prev || !OPENING_MARK.test(w.text) || FULL_WIDTH_MARK.test(prev.text)) return;
      if (prev.xMax - w.xMin > em / 4) j.loneHalfOpenings.push(`${l.story}: ${prev.text}|${w.text}`);
    });
  }

  // (d) Every full line exactly the column's width.
  for (const l of paragraphLines) {
    if (l.last) continue;
    if (l.line.words.length >= Math.max(5, [...l.line.text].length / 2)) j.looseLines.push(`${l.story}: ${l.line.text}`);
    const start = l.line.xMin - (l.geometry.left + (l.lineInBlock === 0 ? 2 * em : 0));
    let end = l.line.xMax - l.geometry.right;
    if (HALF_AT_LINE_END.test(l.line.text)) {
      j.markEnds++;
      // Set half width, the mark's glyph box (one em in the font) hangs half an em past the edge.
      if (Math.abs(end - em / 2) <= 0.1) {
        j.halfWidthMarkEnds++;
        end -= em / 2;
      } else j.fullWidthMarkEnds.push(`${l.story}: ${l.line.text} (${end.toFixed(2)})`);
    }
    j.worstWidthDeviation = Math.max(j.worstWidthDeviation, Math.abs(start), Math.abs(end));
    if (Math.abs(start) > 0.1 || Math.abs(end) > 0.1) j.ragged.push({ story: l.story, text: l.line.text, start, end });
  }
  return j;
}

interface JsonNode {
  type: string;
  text?: string;
  content?: JsonNode[];
  attrs?: Record<string, unknown>;
}

/**
 * The page JSON with every body paragraph normalised (shared/text/normalize):
 * the reference file holds the raw copy (ASCII `,` and `()` between Han
 * characters), the page an editor prints has full-width marks, and those are
 * what line-end punctuation is about.
 */
function normalisedPage(json: JsonNode): JsonNode {
  const walk = (node: JsonNode, inBody: boolean): JsonNode => {
    if (node.type === 'paragraph' && inBody && node.content) {
      const texts = node.content.map((c) => c.text ?? '\uFFFC');
      const changes = findNormalizations(texts.join(''));
      let at = 0;
      const content = node.content.map((child, k) => {
        const from = at;
        at += texts[k]!.length;
        if (child.text === undefined) return child;
        const mine = changes
          .filter((c) => c.offset >= from && c.offset < at)
          .map((c) => ({ ...c, offset: c.offset - from }));
        return { ...child, text: applyNormalizations(child.text, mine) };
      });
      return { ...node, content: content.filter((c) => c.text !== '') };
    }
    return node.content ? { ...node, content: node.content.map((c) => walk(c, inBody || node.type === 'body')) } : node;
  };
  return walk(json, false);
}

/** The Han–Western pairs of the body paragraphs, measured in the PDF. */
function autospaceOf(body: BodyLine[], em: number): AutospaceReport {
  const lines = body
    .filter((l) => l.kind === 'paragraph')
    .map((l) => ({
      paragraph: `${l.story}/${l.block}`,
      line: l.line,
      left: l.geometry.left + (l.lineInBlock === 0 ? 2 * em : 0),
      right: l.geometry.right,
      last: l.last,
    }));
  return readAutospace(lines, em);
}

const autospaceSummary = (a: AutospaceReport): string => {
  const ems = a.gaps.map((g) => g.em);
  return (
    `${a.gaps.length} Han–Western pairs on a line, gap ${Math.min(...ems).toFixed(3)}–${Math.max(...ems).toFixed(3)} em ` +
    `(${a.unmeasured.length} more on lines with no step to read, gap plus step ${Math.min(...a.unmeasured.map((u) => u.em)).toFixed(3)}–${Math.max(...a.unmeasured.map((u) => u.em)).toFixed(3)} em); ` +
    `${a.pushedIn.length} set tight at a full line's end (${a.pushedIn.join(' ')}); ${a.unparted.length} unparted otherwise (${a.unparted.join(' ')}); ${a.split.length} parted by a line break (${a.split.map((s) => s.text).join(' ')})`
  );
};

async function exportAndJudge(file: string, out: string): Promise<{ doc: Node; body: BodyLine[]; j: Judgement }> {
  const loadedFile = await readBanmianFile(file);
  if (!loadedFile.ok) throw new Error(loadedFile.error.message);
  const loaded = pageFromJson(loadedFile.value.pages[0]);
  if (!loaded.ok) throw new Error(loaded.findings[0]?.message ?? 'the page does not load');
  const doc = loaded.doc;
  const settings = doc.attrs['settings'] as PageSettings;
  await run(process.execPath, [CLI, 'export', file, '-o', out, '--variant', 'proof'], { timeout: 170_000 });
  const [page] = readPdfPages(out);
  const body = readBodies(page!, doc);
  const m = gridMetrics(settings);
  const j = judge(body, m.linePx * PX_TO_PT, settings.grid.bodyPt, mmToPt(settings.margins.top));
  return { doc, body, j };
}

const summary = (name: string, body: BodyLine[], j: Judgement): string =>
  `${name}: ${j.lines} body lines in ${new Set(body.map((l) => `${l.story}/${l.column}`)).size} columns; ` +
  `${j.violations.length} basic / ${j.strictViolations.length} strict break violations; ` +
  `grid residual ≤ ${j.worstGridResidual.toFixed(3)} pt, same-line spread ≤ ${j.worstSameLineSpread.toFixed(3)} pt; ` +
  `width deviation ≤ ${j.worstWidthDeviation.toFixed(3)} pt, ${j.ragged.length} ragged; ` +
  `${j.halfWidthMarkEnds}/${j.markEnds} line-end marks half width; ${j.looseLines.length} loose lines (${j.looseLines.join(' / ')}); ` +
  `${j.loneHalfOpenings.length} lone opening marks half width (${j.loneHalfOpenings.join(' / ')})`;

/**
 * Loose lines left on the reference page (7 before push-in went on past
 * Han–Western boundaries inside a line, 12 with main's passes alone, 15
 * before Han–Western spacing): lines with no mark to compress, a figure and
 * its unit to bring up that needs more than the line's marks free, or a
 * run ending the line whose Han–Western gap the autospace pass settles.
 */
const MAX_LOOSE_LINES = 6;

/**
 * The body lines of every paragraph of `file` as the editor shows them, in
 * page order, once the typesetting pipeline has settled.
 */
async function screenBodyLines(file: string): Promise<string[]> {
  const server = await startTestServer(file);
  const browser = await launchChromium();
  try {
    const opened = await openEditor(browser, server, { waitFor: '.bm-composed p' });
    const read = (): Promise<string[]> =>
      opened.page.evaluate(() => {
        const lines: string[] = [];
        const range = document.createRange();
        for (const p of document.querySelectorAll('.bm-composed p')) {
          let current = '';
          let last: DOMRect | null = null;
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
            for (let i = 0; i < n.data.length; i++) {
              if (/\s/.test(n.data[i]!)) continue;
              range.setStart(n, i);
              range.setEnd(n, i + 1);
              const r = range.getBoundingClientRect();
              if (last && current && (Math.abs(r.top - last.top) > r.height / 2 || r.left < last.left - 0.5)) {
                lines.push(current);
                current = '';
              }
              current += n.data[i];
              last = r;
            }
          }
          if (current) lines.push(current);
        }
        return lines;
      });
    await typesetSettled(opened.page);
    return await read();
  } finally {
    await browser.close();
    await server.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'bm-typeset-ref-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(skip !== null)(`the reference page's PDF, typeset${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let body: BodyLine[];
  let j: Judgement;

  beforeAll(async () => {
    ({ body, j } = await exportAndJudge(SEED_FILE, join(dir, 'seed.pdf')));
    console.log(summary('reference page', body, j));
  });

  it('reads every story body out of the PDF, line by line, in all its text columns', () => {
    const stories = new Set(body.map((l) => l.story));
    expect([...stories].sort()).toEqual(['academicians', 'craftsmen', 'future-communities', 'lead', 'marathon']);
    // The lead story is set in 7 text columns over 8 grid columns (破栏): all of them hold text.
    expect(new Set(body.filter((l) => l.story === 'lead').map((l) => l.column)).size).toBe(7);
    expect(j.lines).toBeGreaterThan(300);
  });

  it('breaks no body line against CLREQ (the page is set to strict): no figure parted from its unit', () => {
    expect(j.violations).toEqual([]);
    expect(j.strictViolations).toEqual([]);
  });

  it('sets every body line of every story on one page grid', () => {
    expect(j.offGrid).toEqual([]);
    // Chromium paints baselines on whole CSS pixels (0.75 pt) while the pitch
    // is 15.33 px: half a pixel either way, never drifting.
    expect(j.worstGridResidual).toBeLessThanOrEqual(0.4);
    // Lines on the same grid line, in any column of any story, share one baseline.
    expect(j.worstSameLineSpread).toBeLessThanOrEqual(0.05);
  });

  it('sets every full line exactly the column width, full-width closing marks at the line end half width', () => {
    expect(j.ragged).toEqual([]);
    expect(j.worstWidthDeviation).toBeLessThanOrEqual(0.1);
    expect(j.fullWidthMarkEnds).toEqual([]);
    expect(j.halfWidthMarkEnds).toBe(j.markEnds);
  });

  it('sets few lines loose: a line that cannot take the next character compresses its marks first (push-in)', () => {
    expect(j.looseLines.length).toBeLessThanOrEqual(MAX_LOOSE_LINES);
    // A Han–Western boundary inside a line does not stop push-in (it was letter-spaced: 中 制 造 业 5 人 ， 服 务).
    expect(j.looseLines.filter((l) => l.includes('制造业5人'))).toEqual([]);
  });

  it('compresses an opening mark only as one of a pair: “春色满园 keeps its full-width quote', () => {
    expect(j.loneHalfOpenings).toEqual([]);
    const line = body.find((l) => noSpace(l.line.text).includes('“春色满'));
    expect(line).toBeDefined();
    const words = line!.line.words;
    const k = words.findIndex((w, i) => {
      const at = w.text.indexOf('“');
      return at >= 0 && (w.text[at + 1] === '春' || (at === w.text.length - 1 && words[i + 1]?.text.startsWith('春') === true));
    });
    expect(k).toBeGreaterThan(-1);
    // Full width: inside a word (pdftotext starts a new word where a glyph box overlaps the one
    // before), or starting one where the character before it ends, not half an em inside it.
    if (words[k]!.text.startsWith('“') && k > 0) expect(words[k]!.xMin - words[k - 1]!.xMax).toBeGreaterThan(-0.1);
  });

  it('shows the same body lines in the editor as in the PDF, break for break', async () => {
    const printed = body.filter((l) => l.kind === 'paragraph').map((l) => noSpace(l.line.text));
    expect(await screenBodyLines(SEED_FILE)).toEqual(printed);
  }, 60_000);

  it('sets a quarter em between Han and Latin letters or figures on a line, none where a line break parts them', () => {
    const a = autospaceOf(body, EM);
    console.log(`autospace (raw copy): ${autospaceSummary(a)}`);
    // No pair without its gap, but a run that fits at a full line's end only without it (push-in, CLREQ's "up to").
    expect(a.unparted).toEqual([]);
    expect(a.pushedIn.length).toBeLessThanOrEqual(3);
    expect(a.gaps.length).toBeGreaterThan(40);
    // 0.25 em of 9 pt is 2.25 pt; pdftotext's boxes and Chromium's whole-pixel glyph positions: ±0.02 em.
    expect(a.gaps.filter((g) => Math.abs(g.em - 0.25) > 0.02)).toEqual([]);
    // Where the line's step cannot be read, the space still holds the quarter em (Chromium's own was 1/8).
    expect(a.unmeasured.filter((u) => u.em < 0.23)).toEqual([]);
    // The pair parted by a break: the first line still ends flush at the column edge, the second starts at it.
    expect(a.split.length).toBeGreaterThan(0);
    expect(a.split.filter((s) => Math.abs(s.end) > 0.1 || Math.abs(s.start) > 0.1)).toEqual([]);
  });
});

describe.skipIf(skip !== null)(`the reference page normalised, typeset${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let body: BodyLine[];
  let j: Judgement;
  let doc: Node;

  beforeAll(async () => {
    const file = await readBanmianFile(SEED_FILE);
    if (!file.ok) throw new Error(file.error.message);
    const path = join(dir, 'normalised.banmian');
    const written = await writeBanmianFile(path, { pages: [normalisedPage(file.value.pages[0] as JsonNode)], assets: file.value.assets });
    if (!written.ok) throw new Error(written.error.message);
    ({ doc, body, j } = await exportAndJudge(path, join(dir, 'normalised.pdf')));
    console.log(summary('reference page normalised', body, j));
  });

  it('holds full-width marks now, and reads back whole', () => {
    const bodies: string[] = [];
    doc.descendants((n) => {
      if (n.type.name === 'body') bodies.push(n.textContent);
      return n.type.name !== 'body';
    });
    expect(bodies.join('')).not.toMatch(/\p{Script=Han}[,:()]\p{Script=Han}/u);
    expect(j.lines).toBeGreaterThan(300);
  });

  it('breaks no body line against CLREQ', () => {
    expect(j.violations).toEqual([]);
    expect(j.strictViolations).toEqual([]);
  });

  it('sets every body line of every story on one page grid', () => {
    expect(j.offGrid).toEqual([]);
    expect(j.worstGridResidual).toBeLessThanOrEqual(0.4);
    expect(j.worstSameLineSpread).toBeLessThanOrEqual(0.05);
  });

  it('sets every full line exactly the column width, each closing mark at a line end half width', () => {
    expect(j.ragged).toEqual([]);
    expect(j.worstWidthDeviation).toBeLessThanOrEqual(0.1);
    // GB/T 15834: not only where Chromium needs it to fit, at every line end.
    expect(j.fullWidthMarkEnds).toEqual([]);
    expect(j.markEnds).toBeGreaterThan(10);
    expect(j.halfWidthMarkEnds).toBe(j.markEnds);
  });

  it('sets few lines loose (push-in by compressing marks before spreading), no lone opening mark half width', () => {
    expect(j.looseLines.length).toBeLessThanOrEqual(MAX_LOOSE_LINES);
    expect(j.loneHalfOpenings).toEqual([]);
  });

  it('sets a quarter em between Han and Latin letters or figures on a line, none where a line break parts them', () => {
    const a = autospaceOf(body, EM);
    console.log(`autospace (normalised): ${autospaceSummary(a)}`);
    // No pair without its gap, but a run that fits at a full line's end only without it (push-in, CLREQ's "up to").
    expect(a.unparted).toEqual([]);
    expect(a.pushedIn.length).toBeLessThanOrEqual(3);
    expect(a.gaps.length).toBeGreaterThan(40);
    // 0.25 em of 9 pt is 2.25 pt; pdftotext's boxes and Chromium's whole-pixel glyph positions: ±0.02 em.
    expect(a.gaps.filter((g) => Math.abs(g.em - 0.25) > 0.02)).toEqual([]);
    // Where the line's step cannot be read, the space still holds the quarter em (Chromium's own was 1/8).
    expect(a.unmeasured.filter((u) => u.em < 0.23)).toEqual([]);
    // The pair parted by a break: the first line still ends flush at the column edge, the second starts at it.
    expect(a.split.length).toBeGreaterThan(0);
    expect(a.split.filter((s) => Math.abs(s.end) > 0.1 || Math.abs(s.start) > 0.1)).toEqual([]);
  });
});
