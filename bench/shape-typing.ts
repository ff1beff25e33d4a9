/**
 * Keystroke processing in a shaped story (galley body with windowed clones)
 * against the same story as a plain multicol body, with the probe of
 * frame-probe.ts. The reference page's longest story (the lead, 8 grid
 * columns in 7 text columns) gets a photo placed over its right columns, so
 * it flows in an L; 200 keys are typed in its first paragraph and 200 at the
 * end of its first slot (a paragraph shown in two slots: two clones redone).
 *
 *   npm run build && node dist/node/shape-typing.mjs
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../electron/node/chromium/launch';
import { readBanmianFile, writeBanmianFile } from '../electron/node/storage/index';
import { startWebServer } from '../electron/node/web/server';
import { typeAndMeasure } from './typing';
import type { TypingResult } from './typing';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'fixtures', 'seed-front-page.banmian');
const KEYS = 200;

interface JsonNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: JsonNode[];
}

/** The seed page with the landscape photo copied over the lead's right columns (or not). */
async function writeVariant(dir: string, shaped: boolean): Promise<string> {
  const file = await readBanmianFile(SEED);
  if (!file.ok) throw new Error(file.error.message);
  const page = structuredClone(file.value.pages[0]) as JsonNode;
  if (shaped) {
    const photo = structuredClone(page.content!.find((n) => n.attrs?.['id'] === 'landscape-photo')!);
    photo.attrs = { ...photo.attrs, id: 'lead-photo', col: 5, line: 18, cols: 3, lines: 14 };
    page.content!.push(photo);
  }
  const path = join(dir, shaped ? 'shaped.banmian' : 'plain.banmian');
  const written = await writeBanmianFile(path, { pages: [page], assets: file.value.assets });
  if (!written.ok) throw new Error(written.error.message);
  return path;
}

/** Clicks a text position of the lead: the end of its first paragraph, or the end of the last line of its first slot. */
async function placeCaret(page: Page, where: 'first-paragraph' | 'slot-end'): Promise<void> {
  const point = await page.evaluate((where) => {
    const story = document.querySelector('[data-block-id="lead"]')!;
    story.scrollIntoView({ block: 'center' });
    if (where === 'first-paragraph') {
      const p = story.querySelector('.bm-body p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      const r = [...range.getClientRects()].pop()!;
      return { x: r.right - 2, y: r.top + r.height / 2 };
    }
    const box = story.querySelector<HTMLElement>('.bm-slot-live')!.getBoundingClientRect();
    const lines = Number(story.querySelector<HTMLElement>('.bm-slot-clone[data-slot="0"]')!.dataset['lines']);
    const line = box.height / lines;
    return { x: box.right - line, y: box.bottom - line * 1.5 };
  }, where);
  await page.mouse.click(point.x, point.y);
  if (where === 'slot-end') {
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
  }
}

async function measure(browser: Browser, file: string, where: 'first-paragraph' | 'slot-end'): Promise<TypingResult> {
  const server = await startWebServer({ file });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(server.url);
    await page.waitForFunction(() => [...document.querySelectorAll('[data-kind="story"]')].every((s) => s.hasAttribute('data-overset')));
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    await page.waitForTimeout(500);
    await placeCaret(page, where);
    await page.evaluate(() => performance.clearMeasures('bm-shape'));
    const result = await typeAndMeasure(page, KEYS);
    const own = await page.evaluate(() => performance.getEntriesByName('bm-shape').map((e) => e.duration));
    own.sort((a, b) => a - b);
    if (own.length > 0) process.stdout.write(`  (bm-shape: ${own.length} updates, median ${own[own.length >> 1]!.toFixed(2)} ms)\n`);
    await page.close();
    return result;
  } finally {
    await server.close();
  }
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'banmian-shape-bench-'));
  const browser = await launchChromium();
  try {
    const plain = await writeVariant(dir, false);
    const shaped = await writeVariant(dir, true);
    const rows: [string, TypingResult][] = [
      ['lead, multicol body, first paragraph', await measure(browser, plain, 'first-paragraph')],
      ['lead in an L, galley body, first paragraph', await measure(browser, shaped, 'first-paragraph')],
      ['lead in an L, galley body, end of slot 1', await measure(browser, shaped, 'slot-end')],
    ];
    for (const [what, r] of rows) {
      const p = r.processing;
      const f = r.frame;
      const l = r.relayout;
      process.stdout.write(
        `${what}: processing median ${p.median.toFixed(2)} ms, p95 ${p.p95.toFixed(2)} ms; relayout median ${l.median.toFixed(2)} ms, p95 ${l.p95.toFixed(2)} ms; to next frame median ${f.median.toFixed(2)} ms, p95 ${f.p95.toFixed(2)} ms\n`,
      );
    }
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
