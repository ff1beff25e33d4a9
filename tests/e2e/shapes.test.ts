/**
 * Story shapes end to end: pages whose story has a photo placed inside it
 * (an L, a U, two decks; written through the storage API with a real photo),
 * exported with the CLI and read back with pdftotext; then the L edited in
 * the browser across the boundary of two slots, and its photo, a text wrap,
 * kept free of overlap warnings until it is dragged partly out of the story.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storyShape } from '../../shared/layout/slots';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import type { GridBox } from '../../shared/page/geometry';
import type { StoryShape } from '../../shared/layout/slots';
import { settingsFromPreset } from '../../shared/page/settings';
import { launchChromium } from '../../electron/node/chromium/launch';
import { startWebServer } from '../../electron/node/web/server';
import type { WebServer } from '../../electron/node/web/server';
import { readPdfPages } from '../support/pdf-lines';
import type { PdfBox, PdfWord } from '../support/pdf-lines';
import { SHAPE_HEAD_LINES, SHAPE_PHOTO, SHAPE_STORY, writeShapeFile } from './support/shape-document';
import type { PhotoBox } from './support/shape-document';
import { CLI, e2eUnavailable } from './support/web';
import { typesetSettled } from './support/typeset-settled';

const run = promisify(execFile);
const skip = e2eUnavailable();
const metrics = gridMetrics(settingsFromPreset('duikai'));
const PX_PT = 0.75;
/** Paragraphs that fit the L-shaped body (25 are overset by a few characters). */
// As many as fit the L with room to spare: Han–digit spacing (第24段) takes a quarter em each side.
const PARAGRAPHS = 23;

/** Where the trim's top-left corner is on the PDF page (bleed and marks around it), pt from the page's top-left. */
const trim = { x: 0, y: 0 };

async function readTrim(pdf: string): Promise<void> {
  const { stdout } = await run('pdfinfo', ['-box', pdf]);
  const num = (re: RegExp) => (re.exec(stdout) ?? []).slice(1).map(Number);
  const media = num(/^MediaBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/m);
  const box = num(/^TrimBox:\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)/m);
  trim.x = box[0]! - media[0]!;
  trim.y = media[3]! - box[3]!;
}

/** A grid box (page grid units) as a PDF box in pt from the page's top-left. */
function pdfBox(box: GridBox): PdfBox {
  const r = gridBoxRect(metrics, box);
  const x = trim.x + (metrics.typeLeftPx + r.x) * PX_PT;
  const y = trim.y + (metrics.typeTopPx + r.y) * PX_PT;
  return { xMin: x, yMin: y, xMax: x + r.width * PX_PT, yMax: y + r.height * PX_PT };
}

/** Area shared by two boxes, less a hair of rounding on each side. */
function overlaps(a: PdfBox, b: PdfBox, tol = 0.5): boolean {
  return Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin) > tol && Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin) > tol;
}

function inside(w: PdfBox, b: PdfBox): boolean {
  const cx = (w.xMin + w.xMax) / 2;
  const cy = (w.yMin + w.yMax) / 2;
  return cx > b.xMin && cx < b.xMax && cy > b.yMin && cy < b.yMax;
}

/**
 * A word's line box: pdftotext's word box spans the font's ascent and descent,
 * taller than the line pitch, so boxes of adjacent lines overlap. CSS centres
 * that content area in the line box, so the line box is the pitch around its
 * middle. This is what must stay clear of other blocks.
 */
/** pt a line box may be off its grid line: glyph positions are rounded to device pixels (measured up to 0.7). */
const LINE_TOL = 1;

function lineBox(w: PdfBox): PdfBox {
  const mid = (w.yMin + w.yMax) / 2;
  const half = (metrics.linePx * PX_PT) / 2;
  return { xMin: w.xMin, xMax: w.xMax, yMin: mid - half, yMax: mid + half };
}

const noSpace = (s: string) => s.replace(/\s+/g, '');

/** Body size (小五), pt, and the full-width closing marks set half width at a line end. */
const EM_PT = 9;
const HALF_AT_LINE_END = /[，。、：；！？”’）》」』】〗〕〉］｝]$/u;

interface ShapeCase {
  name: string;
  photo: PhotoBox;
  /** Body paragraphs: as many as fit the shape. */
  paragraphs: number;
  /** The expected chain, [column, line, lines] per slot in reading order. */
  slots: [number, number, number][];
  /** Slots that must hold text beside the photo (at its height), and under it. */
  beside: number[];
  under: number[];
}

const CASES: ShapeCase[] = [
  {
    name: 'an L: the left column full height, the right two under the photo',
    photo: SHAPE_PHOTO,
    paragraphs: PARAGRAPHS,
    slots: [
      [0, 5, 55],
      [1, 29, 31],
      [2, 29, 31],
    ],
    beside: [0],
    under: [1, 2],
  },
  {
    name: 'a U: a photo in the middle column, text above, on both sides and below it',
    photo: { col: 1, line: 25, cols: 1, lines: 20 },
    paragraphs: 29,
    slots: [
      [0, 5, 55],
      [1, 5, 10],
      [1, 35, 25],
      [2, 5, 55],
    ],
    beside: [0, 3],
    under: [2],
  },
  {
    name: 'two decks: a photo across the story, the text reads across the columns above it, then below it',
    photo: { col: 0, line: 35, cols: 3, lines: 12 },
    paragraphs: 25,
    slots: [
      [0, 5, 20],
      [1, 5, 20],
      [2, 5, 20],
      [0, 37, 23],
      [1, 37, 23],
      [2, 37, 23],
    ],
    beside: [],
    under: [3, 4, 5],
  },
];

function caseShape(c: ShapeCase): StoryShape {
  return storyShape(metrics, {
    cols: SHAPE_STORY.cols,
    lines: SHAPE_STORY.lines,
    textColumns: SHAPE_STORY.cols,
    head: { cols: SHAPE_STORY.cols, lines: SHAPE_HEAD_LINES },
    obstacles: [{ ...c.photo, col: c.photo.col - SHAPE_STORY.col, line: c.photo.line - SHAPE_STORY.line }],
  });
}

describe.skipIf(skip !== null)(`a story flowing around a photo placed in it${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bm-shapes-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  describe.each(CASES)('exported to PDF, $name', (c) => {
    let paragraphs: string[];
    let words: PdfWord[];
    let storyBox: PdfBox;
    let photoBox: PdfBox;
    let slotBoxes: PdfBox[];
    const shape = caseShape(c);

    beforeAll(async () => {
      const sub = mkdtempSync(join(dir, 'case-'));
      let file: string;
      ({ path: file, paragraphs } = await writeShapeFile(sub, c.paragraphs, c.photo));
      const out = join(sub, 'shape.pdf');
      // --force: the photo's ink coverage is above the plant's limit; not what is tested here.
      await run(process.execPath, [CLI, 'export', file, '-o', out, '--force'], { timeout: 170_000 });
      await readTrim(out);
      storyBox = pdfBox(SHAPE_STORY);
      photoBox = pdfBox(c.photo);
      // Slot boxes in pt, in reading order.
      slotBoxes = shape.slots.map((s) => {
        const x = storyBox.xMin + s.x * PX_PT;
        const y = storyBox.yMin + s.line * metrics.linePx * PX_PT;
        return { xMin: x, yMin: y, xMax: x + shape.columnWidth * PX_PT, yMax: y + s.lines * metrics.linePx * PX_PT };
      });
      words = readPdfPages(out)[0]!.lines.flatMap((l) => l.words);
    });

    it('has the expected chain of slots', () => {
      expect(shape.slots.map((s) => [s.column, s.line, s.lines])).toEqual(c.slots);
    });

    it('prints no text over the photo but its caption and credit', () => {
      const over = words.filter((w) => overlaps(lineBox(w), photoBox, LINE_TOL)).map((w) => w.text);
      expect(noSpace(over.join(''))).toBe('湘湖边的傍晚记者王五摄');
    });

    it('prints the body in its slots, around the photo, each character once and in reading order', () => {
      const headBottom = storyBox.yMin + SHAPE_HEAD_LINES * metrics.linePx * PX_PT;
      const body = words.filter((w) => inside(w, storyBox) && !overlaps(lineBox(w), photoBox, LINE_TOL) && (w.yMin + w.yMax) / 2 > headBottom);
      // Nothing of the page is printed outside the story but the photo's caption and credit.
      const stray = words.filter((w) => !inside(w, storyBox) && !overlaps(lineBox(w), photoBox, LINE_TOL)).map((w) => w.text);
      expect(stray).toEqual([]);
      const bySlot = slotBoxes.map(() => [] as PdfWord[]);
      for (const w of body) {
        const i = slotBoxes.findIndex((b) => inside(w, b));
        expect(i, `"${w.text}" at ${w.xMin.toFixed(1)},${w.yMin.toFixed(1)} lies in no slot`).toBeGreaterThanOrEqual(0);
        // Whole word inside its slot: nothing hangs into the gutter or the photo.
        const b = slotBoxes[i]!;
        expect(w.xMin).toBeGreaterThan(b.xMin - 0.5);
        // A closing mark ending a line is set half width (line-end-plugin.ts): its glyph box,
        // one em in the font, hangs half an em past the edge; its ink stays inside.
        expect(w.xMax).toBeLessThan(b.xMax + 0.5 + (HALF_AT_LINE_END.test(w.text) ? EM_PT / 2 : 0));
        const line = lineBox(w);
        expect(line.yMin).toBeGreaterThan(b.yMin - LINE_TOL);
        expect(line.yMax).toBeLessThan(b.yMax + LINE_TOL);
        bySlot[i]!.push(w);
      }
      for (const i of c.beside) {
        expect(bySlot[i]!.some((w) => w.yMin > photoBox.yMin && w.yMax < photoBox.yMax), `slot ${i} beside the photo`).toBe(true);
      }
      for (const i of c.under) {
        expect(bySlot[i]!.length, `slot ${i} under the photo`).toBeGreaterThan(0);
        expect(Math.min(...bySlot[i]!.map((w) => lineBox(w).yMin))).toBeGreaterThan(photoBox.yMax - LINE_TOL);
      }
      const read = bySlot
        .map((ws) => [...ws].sort((a, b) => Math.round(a.yMax - b.yMax) || a.xMin - b.xMin))
        .flat()
        .map((w) => w.text)
        .join('');
      expect(noSpace(read)).toBe(noSpace(paragraphs.join('')));
    });
  });

  describe('in the editor', () => {
    let file: string;
    let server: WebServer;
    let browser: Browser;
    let page: Page;
    const story = `[data-block-id="${SHAPE_STORY.id}"]`;
    const live = `${story} .bm-slot-live`;

    /** The live slot index and whether the caret is drawn inside the live clip box. */
    async function caretState(): Promise<{ slot: number; caretInLive: boolean; caretTop: number; liveTop: number }> {
      return page.$eval(live, (box) => {
        const sel = document.getSelection()!;
        const r = sel.getRangeAt(0).getClientRects();
        const caret = r.length > 0 ? r[r.length - 1]! : sel.getRangeAt(0).getBoundingClientRect();
        const b = box.getBoundingClientRect();
        const mid = (caret.top + caret.bottom) / 2;
        return { slot: Number((box as HTMLElement).dataset['slot']), caretInLive: mid > b.top && mid < b.bottom && caret.left >= b.left - 1 && caret.left <= b.right + 1, caretTop: caret.top, liveTop: b.top };
      });
    }

    /** Clicks line `row` (0-based from the top, negative from the bottom) of slot `i`, near its right end. */
    async function clickSlotLine(i: number, row: number): Promise<void> {
      const point = await page.$eval(
        story,
        (el, { i, row }) => {
          const clone = el.querySelector<HTMLElement>(`.bm-slot-clone[data-slot="${i}"]`)!;
          const box = clone.getBoundingClientRect();
          const lines = Number(clone.dataset['lines']);
          const line = box.height / lines;
          const r = row >= 0 ? row : lines + row;
          return { x: box.right - line * 2.5, y: box.top + (r + 0.5) * line };
        },
        { i, row },
      );
      await page.mouse.click(point.x, point.y);
      await page.waitForTimeout(50);
    }

    /**
     * The end of slot 0's last line. Reached from the line above: a press on
     * the story's bottom line is near its frame edge, which selects the block.
     */
    async function lastLineOfSlot0(): Promise<void> {
      await clickSlotLine(0, -2);
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
      await page.waitForTimeout(50);
    }

    const bodyText = () => page.$eval(`${live} .bm-galley`, (g) => g.textContent ?? '');

    beforeAll(async () => {
      ({ path: file } = await writeShapeFile(mkdtempSync(join(dir, 'editor-')), PARAGRAPHS));
      server = await startWebServer({ file, port: 0 });
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(server.url);
      await page.waitForSelector(`${story} .bm-shaped`);
      await page.evaluate(() => document.fonts.ready);
      await page.$eval(story, (el) => el.scrollIntoView({ block: 'center' }));
      await page.waitForFunction((s) => document.querySelector(s)?.getAttribute('data-overset') === '0', story);
      // The typesetting passes (line ends, Han–Western gaps, push-in) move lines over a few
      // frames before copyfit measures the result: wait for the pipeline to say it has settled.
      await typesetSettled(page);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('publishes the copyfit of the shape', async () => {
      const fit = await page.$eval(story, (el) => ({ overset: el.getAttribute('data-overset'), under: Number(el.getAttribute('data-underset-lines')) }));
      expect(fit.overset).toBe('0');
      expect(fit.under).toBeGreaterThanOrEqual(0);
      // 2 empty lines before push-in went on past Han–Western boundaries inside a line (every
      // paragraph opens with 第N段): 8 marks more set half width save 6 lines (decision 0017).
      expect(fit.under).toBeLessThan(10);
    });

    it('types across a slot boundary: the caret and the live galley move into the next slot', async () => {
      await lastLineOfSlot0();
      expect((await caretState()).slot).toBe(0);
      const typed = '甲乙丙丁戊己庚辛壬癸子丑寅卯';
      await page.keyboard.type(typed);
      await page.waitForTimeout(50);
      const state = await caretState();
      expect(state.slot).toBe(1);
      expect(state.caretInLive).toBe(true);
      const text = await bodyText();
      expect(text.split(typed).length - 1).toBe(1);
      // The slot left behind shows the start of what was typed (its clone is fresh).
      expect(await page.$eval(`${story} .bm-slot-clone[data-slot="0"]`, (c) => c.textContent ?? '')).toContain('甲');
    });

    it('takes IME composition across a slot boundary after a click into a clone', async () => {
      await lastLineOfSlot0();
      expect((await caretState()).slot).toBe(0);
      const cdp: CDPSession = await page.context().newCDPSession(page);
      await cdp.send('Input.imeSetComposition', { text: 'dong', selectionStart: 4, selectionEnd: 4 });
      await cdp.send('Input.imeSetComposition', { text: '东', selectionStart: 1, selectionEnd: 1 });
      const composed = '东南西北中东南西北中东南西北';
      await cdp.send('Input.imeSetComposition', { text: composed, selectionStart: composed.length, selectionEnd: composed.length });
      await cdp.send('Input.insertText', { text: composed });
      await cdp.detach();
      await page.waitForTimeout(100);
      const text = await bodyText();
      expect(text.split(composed).length - 1).toBe(1);
      expect(text).not.toMatch(/dong/);
      const state = await caretState();
      expect(state.slot).toBe(1);
      expect(state.caretInLive).toBe(true);
    });

    it('moves the caret with ArrowDown and ArrowUp across slots', async () => {
      await clickSlotLine(0, -3);
      expect((await caretState()).slot).toBe(0);
      for (let i = 0; i < 2; i++) {
        await page.keyboard.press('ArrowDown');
        await page.waitForTimeout(50);
        expect((await caretState()).slot).toBe(0);
      }
      await page.keyboard.press('ArrowDown');
      await page.waitForTimeout(50);
      const down = await caretState();
      expect(down.slot).toBe(1);
      expect(down.caretInLive).toBe(true);
      // On the first line of the slot.
      expect(down.caretTop - down.liveTop).toBeLessThan(metrics.linePx);
      await page.keyboard.press('ArrowUp');
      await page.waitForTimeout(50);
      const up = await caretState();
      expect(up.slot).toBe(0);
      expect(up.caretInLive).toBe(true);
    });

    it('selects across two slots by Shift-click and by drag, draws it on the clone, copies and deletes it', async () => {
      const selected = () => page.evaluate(() => document.getSelection()?.toString() ?? '');
      const marks = (slot: number) => page.$$eval(`${story} .bm-slot-clone[data-slot="${slot}"] .bm-slot-selection`, (els) => els.length);
      const before = await bodyText();
      // From near the end of slot 0 to the second line of slot 1.
      await clickSlotLine(0, -3);
      const point = await page.$eval(`${story} .bm-slot-clone[data-slot="1"]`, (c) => {
        const b = c.getBoundingClientRect();
        const line = b.height / Number((c as HTMLElement).dataset['lines']);
        return { x: b.left + b.width / 2, y: b.top + line * 1.5 };
      });
      await page.keyboard.down('Shift');
      await page.mouse.click(point.x, point.y);
      await page.keyboard.up('Shift');
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-slot') === '1', live);
      const text = noSpace(await selected());
      // The end of slot 0's third line from the bottom, its last two lines and half of slot 1's second, at 13 characters a line.
      expect(text.length).toBeGreaterThan(26);
      expect(text.length).toBeLessThan(60);
      expect(await marks(0)).toBeGreaterThanOrEqual(2);
      // Copy: what ProseMirror puts on the clipboard is the whole selection.
      await page.evaluate(() => {
        const w = window as unknown as { __copied: string };
        w.__copied = '';
        window.addEventListener('copy', (e) => (w.__copied = e.clipboardData?.getData('text/plain') ?? ''), { once: true });
      });
      await page.keyboard.press('Control+c');
      expect(noSpace(await page.evaluate(() => (window as unknown as { __copied: string }).__copied))).toBe(text);
      // Delete: exactly the selection goes, across the slot boundary.
      await page.keyboard.press('Delete');
      await page.waitForFunction((n) => (document.querySelector('[data-block-id="shaped"] .bm-slot-live .bm-galley')?.textContent ?? '').length < n, before.length);
      const after = await bodyText();
      expect(noSpace(before).replace(text, '')).toBe(noSpace(after));
      expect(await marks(0)).toBe(0);
      await page.keyboard.press('Control+z');
      await page.waitForFunction((n) => (document.querySelector('[data-block-id="shaped"] .bm-slot-live .bm-galley')?.textContent ?? '').length === n, before.length);
      // Drag from slot 0 into slot 1: the head follows the pointer into the next slot.
      const from = await page.$eval(`${story} .bm-slot-clone[data-slot="0"]`, (c) => {
        const b = c.getBoundingClientRect();
        const line = b.height / Number((c as HTMLElement).dataset['lines']);
        return { x: b.left + b.width / 2, y: b.bottom - line * 2.5 };
      });
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(point.x, point.y, { steps: 10 });
      await page.mouse.up();
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-slot') === '1', live);
      const dragged = noSpace(await selected());
      expect(dragged.length).toBeGreaterThan(20);
      expect(text).toContain(dragged.slice(-10));
      expect(await marks(0)).toBeGreaterThanOrEqual(2);
      await page.mouse.click(point.x, point.y);
      await page.waitForFunction(() => document.getSelection()?.isCollapsed === true);
    });

    it('does not flag the photo inside the story as an overlap, but does once it sticks out', async () => {
      const photo = `.bm-page [data-block-id="${SHAPE_PHOTO.id}"]`;
      const flags = () =>
        page.$$eval('.bm-page [data-overlap="true"]', (els) => els.map((e) => (e as HTMLElement).dataset['blockId']).sort());
      expect(await page.$eval(photo, (el) => el.getAttribute('data-wrap'))).toBe(SHAPE_STORY.id);
      expect(await flags()).toEqual([]);
      const box = (await page.locator(photo).boundingBox())!;
      await page.keyboard.down('Control');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await page.keyboard.up('Control');
      await page.waitForSelector(`[data-handle="move"][data-block-id="${SHAPE_PHOTO.id}"]`);
      // One column right: half of the photo is off the story.
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-col') === '2', photo);
      expect(await flags()).toEqual([SHAPE_PHOTO.id, SHAPE_STORY.id].sort());
      expect(await page.$eval(photo, (el) => el.hasAttribute('data-wrap'))).toBe(false);
      await page.keyboard.press('Control+z');
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-col') === '1', photo);
      expect(await flags()).toEqual([]);
    });
  });
});
