/**
 * The page plan (版面计划) over the reference edition's real thumbnails (host
 * method `pageThumbnails`): reading spreads with folio, section, status,
 * overset and preflight; dragging a page onto the side of another calls
 * `onMove` with movePage's positions and the plan shows the new order;
 * Ctrl+→ moves the focused page; double-click opens a page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../electron/node/chromium/launch';
import type { WebServer } from '../../electron/node/web/server';
import type { PlanPageSummary } from '../../renderer/panels/plan/PagePlanPanel';
import type { PageSettings } from '../../shared/page/settings';
import { e2eUnavailable, PROJECT_ROOT, startTestServer } from './support/web';

const unavailable = e2eUnavailable();
const EDITION = join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian');
const SHOTS = process.env['BANMIAN_SHOTS'] ?? mkdtempSync(join(tmpdir(), 'bm-page-plan-'));
let server: WebServer;
let browser: Browser;
let tab: Page;
let summaries: PlanPageSummary[];

type PageJson = { attrs: { settings: PageSettings; section: string; status: PlanPageSummary['status']; colour: PlanPageSummary['colour'] }; content: { attrs: { id: string } }[] };

beforeAll(async () => {
  if (unavailable) return;
  server = await startTestServer(EDITION);
  const opened = server.host.initial();
  if (!opened.ok || !opened.value) throw new Error('the edition did not open');
  const pages = opened.value.pages as PageJson[];
  const thumbs = await server.host.pageThumbnails(opened.value.handle, pages, 240, 'print');
  if (!thumbs.ok) throw new Error(thumbs.error.message);
  summaries = pages.map((p, i) => ({
    key: p.content[0]!.attrs.id,
    section: p.attrs.section,
    status: p.attrs.status,
    colour: p.attrs.colour,
    widthMm: p.attrs.settings.paper.width,
    heightMm: p.attrs.settings.paper.height,
    thumbnail: thumbs.value[i]!.image,
    oversetBlocks: thumbs.value[i]!.oversetBlocks,
    // Made up for the look: page 6 with a warning, page 7 not checked yet.
    preflight: i === 6 ? null : { errors: 0, warnings: i === 5 ? 1 : 0 },
  }));
  const bundle = await build({
    entryPoints: [join(PROJECT_ROOT, 'tests', 'e2e', 'support', 'plan-harness.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    outdir: join(SHOTS, 'bundle'),
    loader: { '.css': 'css' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const js = bundle.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const css = bundle.outputFiles.find((f) => f.path.endsWith('.css'))?.text ?? '';
  browser = await launchChromium();
  tab = await browser.newPage({ viewport: { width: 1500, height: 900 } });
  await tab.setContent(`<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>${css}</style><body style="margin:0"><div id="root"></div><script>${js.replace(/<\/script/g, '<\\/script')}</script></body></html>`);
  await tab.waitForSelector('html[data-ready]', { state: 'attached' });
  await tab.evaluate((pages) => (window as unknown as { __plan(p: unknown): void }).__plan(pages), summaries);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (!process.env['BANMIAN_SHOTS']) rmSync(SHOTS, { recursive: true, force: true });
});

/** The plan as shown: per spread, each page's folio line and section. */
async function shown(): Promise<string[][]> {
  return tab.$$eval('.bm-plan-spread', (spreads) => spreads.map((s) => [...s.querySelectorAll('.bm-plan-page')].map((p) => `${p.querySelector('.bm-plan-folio')!.textContent} ${p.getAttribute('data-page-key')}`)));
}

describe.skipIf(unavailable !== null)(`the page plan${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('shows the edition in reading spreads with each page’s folio, section, status, overset and preflight', async () => {
    expect(await shown()).toEqual([['第1版 masthead'], ['第2版 p2-folio', '第3版 p3-folio'], ['第4版 p4-folio', '第5版 p5-folio'], ['第6版 p6-folio', '第7版 p7-folio'], ['第8版 p8-folio']]);
    const first = tab.locator('.bm-plan-page[data-folio="1"]');
    expect(await first.locator('figcaption').innerText()).toMatch(/第1版\s*要闻\s*已签发\s*正在编辑\s*无溢出\s*预检通过/);
    expect(await tab.locator('.bm-plan-page[data-folio="6"] figcaption').innerText()).toMatch(/社会\s*黑白\s*排版中[\s\S]*预检 1 警告/);
    expect(await tab.locator('.bm-plan-page[data-folio="7"] .bm-plan-preflight').innerText()).toBe('未预检');
    // Real thumbnails, at the page's proportions.
    const img = await tab.locator('.bm-plan-page[data-folio="3"] img').evaluate((i: HTMLImageElement) => [i.naturalWidth, i.naturalHeight, i.getBoundingClientRect().width]);
    expect(img.slice(0, 2)).toEqual([240, Math.round((240 * 545) / 390)]);
    expect(img[2]).toBeGreaterThan(100);
    await tab.screenshot({ path: join(SHOTS, 'page-plan.png') });
  });

  it('moves a page dragged onto the side of another, through onMove with movePage positions', async () => {
    const src = tab.locator('.bm-plan-page[data-folio="5"] .bm-plan-thumb');
    const dst = tab.locator('.bm-plan-page[data-folio="2"] .bm-plan-thumb');
    const box = (await dst.boundingBox())!;
    // Onto the left half of 第2版: before it.
    await src.dragTo(dst, { targetPosition: { x: box.width * 0.2, y: box.height / 2 } });
    expect(await tab.evaluate(() => (window as unknown as { __moves: unknown }).__moves)).toEqual([[5, 2]]);
    expect((await shown()).flat()).toEqual(['第1版 masthead', '第2版 p5-folio', '第3版 p2-folio', '第4版 p3-folio', '第5版 p4-folio', '第6版 p6-folio', '第7版 p7-folio', '第8版 p8-folio']);
    // Onto the right half of 第8版: after it, the last page.
    await tab.locator('.bm-plan-page[data-folio="3"] .bm-plan-thumb').dragTo(tab.locator('.bm-plan-page[data-folio="8"] .bm-plan-thumb'), { targetPosition: { x: box.width * 0.8, y: box.height / 2 } });
    expect(await tab.evaluate(() => (window as unknown as { __moves: unknown }).__moves)).toEqual([[5, 2], [3, 8]]);
    expect((await shown()).flat().map((s) => s.split(' ')[1])).toEqual(['masthead', 'p5-folio', 'p3-folio', 'p4-folio', 'p6-folio', 'p7-folio', 'p8-folio', 'p2-folio']);
    // A drop that changes nothing calls nothing.
    await tab.locator('.bm-plan-page[data-folio="4"] .bm-plan-thumb').dragTo(tab.locator('.bm-plan-page[data-folio="5"] .bm-plan-thumb'), { targetPosition: { x: box.width * 0.2, y: box.height / 2 } });
    expect(await tab.evaluate(() => (window as unknown as { __moves: unknown[] }).__moves.length)).toBe(2);
  });

  it('moves the focused page with Ctrl+→ and opens a page on double-click', async () => {
    await tab.locator('.bm-plan-page[data-folio="2"]').focus();
    await tab.keyboard.press('Control+ArrowRight');
    expect(await tab.evaluate(() => (window as unknown as { __moves: unknown[] }).__moves.at(-1))).toEqual([2, 3]);
    await tab.locator('.bm-plan-page[data-folio="4"] .bm-plan-thumb').dblclick();
    expect(await tab.evaluate(() => (window as unknown as { __opened: unknown }).__opened)).toEqual([4]);
    expect(await tab.locator('.bm-plan-page[data-active]').getAttribute('data-folio')).toBe('4');
  });
});
