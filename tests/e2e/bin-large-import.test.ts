/**
 * Copy intake's Done-when #4: a 50 MB text file is refused through the UI
 * with a clear one-line answer before its body is read (the host checks an
 * upload's declared size against the method table), and a file just under
 * the 16 MiB limit, read and recognised in the host's worker while the page
 * only uploads it, keeps the page responsive (frames keep coming, clicks are
 * handled at once) and ends with a result or a clear one-line refusal.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { seedText } from '../shared/intake/seed-text';
import { samplePageJson } from './support/sample-document';
import type { WebApp } from './support/web-app';
import { openWebApp } from './support/web-app';

const TARGET_BYTES = 50 * 1000 * 1000;
/** Just under intake's 16 MiB limit: read and recognised for real. */
const UNDER_LIMIT_BYTES = 16 * 1024 * 1024 - 256 * 1024;
/**
 * While the import runs: no frame may take longer than this (the page never
 * freezes; the bound leaves room for a machine busy with the import worker),
 * 95 % of frames come at display rate, and a click waits at most this long.
 */
const MAX_FRAME_GAP_MS = 500;
const P95_FRAME_GAP_MS = 50;
const MAX_CLICK_MS = 250;

let dir: string;
let big: string;
let under: string;
let app: WebApp;

async function writeBigText(path: string, target = TARGET_BYTES): Promise<number> {
  const chunk = Buffer.from(`${seedText()}\n\n`);
  const out = createWriteStream(path);
  let written = 0;
  while (written + chunk.length <= target) {
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    written += chunk.length;
  }
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return (await stat(path)).size;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'banmian-big-import-'));
  big = join(dir, '全年来稿.txt');
  expect(await writeBigText(big)).toBeGreaterThanOrEqual(TARGET_BYTES - 100_000);
  under = join(dir, '本月来稿.txt');
  expect(await writeBigText(under, UNDER_LIMIT_BYTES)).toBeLessThanOrEqual(UNDER_LIMIT_BYTES);
  const file = join(dir, 'page.banmian');
  const written = await writeBanmianFile(file, { pages: [samplePageJson()], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  app = await openWebApp(file);
});

afterAll(async () => {
  await app?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('50 MB copy import (web mode, Chromium)', () => {
  it('refuses a 50 MB file at once with one line naming it, and keeps the bin as it was', async () => {
    const page = app.page;
    await page.waitForSelector('[data-kind="bin"]');
    const before = (await page.$$('.bm-bin-item')).length;
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-command="importCopy"]');
    await (await chooser).setFiles(big);
    await page.waitForFunction(() => (document.querySelector('.bm-message')?.textContent ?? '').includes('全年来稿.txt'));
    await page.waitForSelector('html:not([data-bm-importing])');
    const message = await page.$eval('.bm-message', (e) => ({ kind: (e as HTMLElement).dataset['messageKind'], text: e.textContent ?? '' }));
    expect(message.kind).toBe('error');
    expect(message.text).not.toContain('\n');
    expect(message.text).toMatch(/reads text files up to \d+ MiB/);
    expect(await page.$$('.bm-bin-item')).toHaveLength(before);
  });

  it('keeps frames and clicks flowing during an import just under the limit and ends with a clear one-line answer', async () => {
    const page = app.page;
    await page.waitForSelector('[data-kind="bin"]');
    // Frame gaps and click-to-handler delays, measured inside the page.
    await page.evaluate(() => {
      const w = window as unknown as { bmGaps: number[]; bmClicks: number[]; bmStop: boolean };
      w.bmGaps = [];
      w.bmClicks = [];
      w.bmStop = false;
      let last = performance.now();
      const tick = (t: number) => {
        w.bmGaps.push(t - last);
        last = t;
        if (!w.bmStop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      window.addEventListener('click', (e) => w.bmClicks.push(performance.now() - e.timeStamp), true);
    });
    const chooser = page.waitForEvent('filechooser');
    const started = Date.now();
    await page.click('[data-command="importCopy"]');
    await (await chooser).setFiles(under);
    await page.waitForSelector('html[data-bm-importing]');
    // Click the zoom buttons while the host works.
    let clicks = 0;
    while ((await page.$('html[data-bm-importing]')) && Date.now() - started < 170_000) {
      await page.click(clicks % 2 === 0 ? '[data-command="zoomIn"]' : '[data-command="zoomOut"]');
      clicks++;
      await page.waitForTimeout(300);
    }
    const elapsedMs = Date.now() - started;
    await page.waitForSelector('html:not([data-bm-importing])');
    const stats = await page.evaluate(() => {
      const w = window as unknown as { bmGaps: number[]; bmClicks: number[]; bmStop: boolean };
      w.bmStop = true;
      return { gaps: w.bmGaps.slice(1), clicks: w.bmClicks };
    });
    const message = await page.$eval('.bm-message', (e) => ({ kind: (e as HTMLElement).dataset['messageKind'], text: e.textContent ?? '' }));
    const maxGap = Math.max(...stats.gaps);
    const maxClick = Math.max(...stats.clicks);
    const p95Gap = [...stats.gaps].sort((a, b) => a - b)[Math.floor(stats.gaps.length * 0.95)]!;
    console.log(`${(UNDER_LIMIT_BYTES / 2 ** 20).toFixed(2)} MiB import: ${elapsedMs} ms, ${stats.gaps.length} frames, frame gap p95 ${p95Gap.toFixed(1)} ms, max ${maxGap.toFixed(1)} ms, ${stats.clicks.length} clicks, max click delay ${maxClick.toFixed(1)} ms; "${message.text}"`);
    // The import took long enough for the measurement to mean something.
    expect(clicks).toBeGreaterThanOrEqual(2);
    expect(maxGap).toBeLessThan(MAX_FRAME_GAP_MS);
    expect(p95Gap).toBeLessThan(P95_FRAME_GAP_MS);
    expect(maxClick).toBeLessThan(MAX_CLICK_MS);
    // A result or a refusal, as one line naming the file.
    expect(message.text).toContain('本月来稿.txt');
    expect(message.text).not.toContain('\n');
    if (message.kind === 'error') expect(message.text).toMatch(/stories; one import takes at most|reads text files up to \d+ MiB|larger than|too large/);
    else expect(await page.$$('.bm-bin-item')).not.toHaveLength(0);
  });
});
