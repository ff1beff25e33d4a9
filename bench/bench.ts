/**
 * `npm run bench`: Banmian's speed on the reference page, each number beside
 * a baseline measured in the same run on the same machine, so that the ratio
 * means something even when the machine is noisy.
 *
 * - open: navigation to a page whose stories are laid out and measured, vs a
 *   bare ProseMirror editor over the same text;
 * - typing: 200 keystrokes into the longest story, processing and time to the
 *   next frame (median, p95), vs the bare editor over that story's text;
 * - relayout per keystroke: the keystroke's processing plus the work of the
 *   frame after it (the page's layout passes — copyfit, line-end punctuation,
 *   story shapes — then style, layout, paint), vs the same for the bare
 *   editor; the copyfit pass alone is shown too;
 * - drag: pointer move to the next frame while dragging a story across the
 *   page, vs a frame after a pointer move on a page that ignores it;
 * - long tasks (>50 ms) while typing and while dragging, and the memory of
 *   the open page vs the bare editor's tab over the same text (tab-health.ts);
 * - export (export-bench.ts): in a running host vs `printToPDF` of a loaded
 *   static copy of the page (the warm floor), `banmian export` per variant vs
 *   `chromium --print-to-pdf` of that copy (the cold floor), and where each
 *   path's time went, stage by stage;
 * - intake: the punctuation normaliser and the whole copy intake in µs per
 *   character (bench/intake.ts), vs one regular-expression pass.
 *
 * - desk: relayout per keystroke with a desk connected vs the same page
 *   alone (bench/desk-typing.ts; issue 15 asks for within 1.1×).
 *
 * BENCH_EDITOR=0, BENCH_EXPORT=0 or BENCH_DESK=0 leave out the editor, the export or the desk rows;
 * BENCH_RENDERER=dir measures another renderer bundle (before/after a change).
 * Results are printed as a table and written to `.bench/results.json`.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../electron/node/chromium/launch';
import { createJournal } from '../electron/node/recovery/journal';
import { startWebServer } from '../electron/node/web/server';
import { startBaselineEditor } from './baseline-editor';
import { measureIntake, printIntakeRows } from './intake';
import type { Breakdown } from './export-bench';
import { measureExports, printBreakdowns } from './export-bench';
import { measureDragLatency } from './drag-latency';
import { measurePointerBaseline } from './pointer-baseline';
import { fmt, summarize } from './stats';
import type { Summary } from './stats';
import { typeAndMeasure } from './typing';
import { measureDeskTyping } from './desk-typing';
import { longTasks, startLongTaskCount, tabMemory } from './tab-health';

const ROOT = resolve('.');
const FIXTURE = join(ROOT, 'fixtures/seed-front-page.banmian');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 5);
const KEYSTROKES = Number(process.env['BENCH_KEYSTROKES'] ?? 200);

interface Row {
  what: string;
  banmian: Summary;
  baseline: Summary;
  /** What the baseline is, when the row's name does not say. */
  baselineName?: string;
  unit: 'ms' | 'MB' | 'count';
}

async function waitForLaidOutPage(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const stories = [...document.querySelectorAll('[data-kind="story"]')];
      return stories.length > 0 && stories.every((s) => s.hasAttribute('data-overset'));
    },
    null,
    { timeout: 60_000 },
  );
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

/** The longest story's paragraphs (by text length), read from the page. */
async function longestStory(page: Page): Promise<{ id: string; paragraphs: string[] }> {
  return page.evaluate(() => {
    let best: Element | null = null;
    for (const s of document.querySelectorAll('[data-kind="story"]')) {
      if (!best || (s.textContent ?? '').length > (best.textContent ?? '').length) best = s;
    }
    const paragraphs = [...(best?.querySelectorAll('.bm-body p, [data-role="body"] p') ?? [])].map((p) => p.textContent ?? '');
    return { id: best?.getAttribute('data-block-id') ?? '', paragraphs };
  });
}

/** Puts the caret at the end of the last paragraph of `container` by clicking there. */
async function clickEndOfLastParagraph(page: Page, selector: string): Promise<void> {
  const point = await page.evaluate((sel) => {
    const ps = document.querySelectorAll(`${sel} p`);
    const last = ps[ps.length - 1];
    if (!last) throw new Error(`no paragraph in ${sel}`);
    const range = document.createRange();
    range.selectNodeContents(last);
    const rects = [...range.getClientRects()];
    const r = rects[rects.length - 1]!;
    last.scrollIntoView({ block: 'center' });
    const again = [...range.getClientRects()].pop()!;
    return { x: again.right - 2, y: again.top + again.height / 2, moved: r.top !== again.top };
  }, selector);
  await page.mouse.click(point.x, point.y);
}

/** Milliseconds from navigation until `ready` says the page is shown, in a fresh context each run. */
async function measureOpen(browser: Browser, url: string, ready: (page: Page) => Promise<void>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto(url);
    await ready(page);
    samples.push(Date.now() - t0);
    await context.close();
  }
  return samples;
}

async function bareEditorReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-bm-ready]', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const breakdowns: Breakdown[] = [];
  const tmp = await mkdtemp(join(tmpdir(), 'banmian-bench-'));
  // A journal of its own: the user's may hold entries for the reference page,
  // and the recovery dialog they open would take the benchmark's keystrokes.
  // BENCH_RENDERER=dir: the editor rows of another renderer bundle (a dist/renderer built elsewhere), for before/after.
  const rendererDir = process.env['BENCH_RENDERER'];
  const server = await startWebServer({ file: FIXTURE, journal: createJournal(join(tmp, 'recovery')), ...(rendererDir ? { rendererDir } : {}) });
  const browser = await launchChromium();
  try {
    // BENCH_EDITOR=0 leaves the editor rows out when working on export.
    if (process.env['BENCH_EDITOR'] !== '0') {
      // What to type into: the reference page's longest story.
      const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
      await page.goto(server.url);
      await waitForLaidOutPage(page);
      const story = await longestStory(page);
      const allText = await page.evaluate(() =>
        [...document.querySelectorAll('[data-kind] p, [data-kind] h1, [data-kind] h4')].map((p) => p.textContent ?? ''),
      );
      await page.close();

      const columnPx = 13 * 12;
      const linePx = Math.round(11.5 * (4 / 3) * 64) / 64;
      const bare = await startBaselineEditor({ root: ROOT, paragraphs: story.paragraphs, columnPx, linePx });
      const barePage = await startBaselineEditor({ root: ROOT, paragraphs: allText, columnPx, linePx });
      try {
        rows.push({
          what: 'open the reference page',
          banmian: summarize(await measureOpen(browser, server.url, waitForLaidOutPage)),
          baseline: summarize(await measureOpen(browser, barePage.url, bareEditorReady)),
          unit: 'ms',
        });

        const appPage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await appPage.goto(server.url);
        await waitForLaidOutPage(appPage);
        const appMemory = await tabMemory(appPage);
        await clickEndOfLastParagraph(appPage, `[data-block-id="${story.id}"]`);
        await appPage.evaluate(() => performance.clearMeasures('bm-copyfit'));
        await startLongTaskCount(appPage);
        const app = await typeAndMeasure(appPage, KEYSTROKES);
        const appTypingLong = await longTasks(appPage);
        const copyfitPass = (await appPage.evaluate(() =>
          performance.getEntriesByName('bm-copyfit').map((e) => e.duration),
        )) as number[];
        // Keystrokes that reached the editor but not the document would make every number here meaningless.
        if (copyfitPass.length < KEYSTROKES * 0.9) throw new Error(`only ${copyfitPass.length} of ${KEYSTROKES} keystrokes changed the page`);
        await appPage.keyboard.press('Escape');
        await startLongTaskCount(appPage);
        const drag = await measureDragLatency(appPage, { blockId: story.id, steps: KEYSTROKES });
        const appDragLong = await longTasks(appPage);
        await appPage.close();

        const basePage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await basePage.goto(bare.url);
        await basePage.waitForSelector('[data-bm-ready]', { state: 'attached' });
        await basePage.evaluate(() => document.fonts.ready.then(() => undefined));
        await clickEndOfLastParagraph(basePage, '.ProseMirror');
        await startLongTaskCount(basePage);
        const base = await typeAndMeasure(basePage, KEYSTROKES);
        const baseTypingLong = await longTasks(basePage);
        await basePage.close();
        // The bare tab holding the whole page's text, as open measures it.
        const bareAllPage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await bareAllPage.goto(barePage.url);
        await bareEditorReady(bareAllPage);
        const bareMemory = await tabMemory(bareAllPage);
        await bareAllPage.close();
        rows.push({ what: `typing, processing (${KEYSTROKES} keys, longest story)`, banmian: app.processing, baseline: base.processing, unit: 'ms' });
        rows.push({ what: `typing, to next frame (${KEYSTROKES} keys)`, banmian: app.frame, baseline: base.frame, unit: 'ms' });
        rows.push({ what: 'typing, the frame after a key (passes, layout, paint)', banmian: app.frameWork, baseline: base.frameWork, unit: 'ms' });
        rows.push({ what: 'relayout per keystroke (processing + that frame)', banmian: app.relayout, baseline: base.relayout, unit: 'ms' });
        // The bare editor has no copyfit: the pass is set beside Banmian's own relayout, whose share it is.
        rows.push({ what: 'of which the copyfit pass', banmian: summarize(copyfitPass), baseline: app.relayout, baselineName: 'Banmian relayout per keystroke', unit: 'ms' });
        const pointerPage = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
        await pointerPage.goto(bare.url);
        const pointer = await measurePointerBaseline(pointerPage, KEYSTROKES);
        await pointerPage.close();
        rows.push({ what: 'drag a story, pointer move to frame', banmian: drag.all, baseline: pointer, unit: 'ms' });
        rows.push({ what: 'drag, moves that moved the ghost', banmian: drag.moved, baseline: pointer, unit: 'ms' });
        const count = (n: number): Summary => ({ n: 1, median: n, p95: n });
        rows.push({ what: 'long tasks (>50 ms) while typing', banmian: count(appTypingLong.length), baseline: count(baseTypingLong.length), unit: 'count' });
        rows.push({ what: 'long tasks (>50 ms) while dragging', banmian: count(appDragLong.length), baseline: count(0), baselineName: '(goal: none)', unit: 'count' });
        rows.push({ what: 'memory: JS heap of the open page after GC', banmian: count(appMemory.heapMb), baseline: count(bareMemory.heapMb), baselineName: 'bare ProseMirror tab, same text', unit: 'MB' });
        rows.push({ what: 'memory: DOM nodes of the open page', banmian: count(appMemory.nodes), baseline: count(bareMemory.nodes), baselineName: 'bare ProseMirror tab, same text', unit: 'count' });
      } finally {
        await bare.close();
        await barePage.close();
      }
    }

    if (process.env['BENCH_DESK'] !== '0') {
      const desk = await measureDeskTyping({ browser, fixture: FIXTURE, tmp, runs: RUNS, keystrokes: KEYSTROKES, ready: waitForLaidOutPage, clickEnd: clickEndOfLastParagraph });
      rows.push({ what: 'relayout per keystroke, desk connected (run medians)', banmian: desk.desk, baseline: desk.alone, baselineName: 'same page, no desk', unit: 'ms' });
    }

    // BENCH_EXPORT=0 leaves the export rows out (minutes of the run) when working on the editor's numbers.
    if (process.env['BENCH_EXPORT'] !== '0') {
      const exports = await measureExports({ root: ROOT, fixture: FIXTURE, server, browser, tmp, runs: RUNS });
      rows.push(...exports.rows);
      breakdowns.push(...exports.breakdowns);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(tmp, { recursive: true, force: true });
  }

  const width = Math.max(...rows.map((r) => r.what.length));
  const cell = (r: Row, v: Summary) => (r.unit === 'ms' ? `${fmt(v.median)} / ${fmt(v.p95)}` : `${v.median.toFixed(r.unit === 'MB' ? 1 : 0)} ${r.unit}`);
  console.log(`${'measure'.padEnd(width)}  ${'banmian median / p95'.padEnd(26)}  ${'baseline median / p95'.padEnd(26)}  ratio   baseline`);
  for (const r of rows) {
    const ratio = r.baseline.median > 0 ? `${(r.banmian.median / r.baseline.median).toFixed(2)}×` : '—';
    console.log(`${r.what.padEnd(width)}  ${cell(r, r.banmian).padEnd(26)}  ${cell(r, r.baseline).padEnd(26)}  ${ratio.padEnd(6)}  ${r.baselineName ?? ''}`);
  }
  printBreakdowns(breakdowns);
  const intake = measureIntake(ROOT);
  console.log('');
  printIntakeRows(intake);
  await mkdir('.bench', { recursive: true });
  await writeFile('.bench/results.json', JSON.stringify({ date: new Date().toISOString(), rows, breakdowns, intake }, null, 2));
}

main().catch((e: unknown) => {
  console.error(`bench: ${(e as Error).message}`);
  process.exitCode = 1;
});
