/**
 * Issue 11, Done when 1, in the app: the reference edition open in web mode,
 * the page plan (toolbar 版面计划) shows every page's real thumbnail; pages
 * reordered by dragging in the plan, each drag one undo step; after each,
 * the jump lines （下转第N版） / （上接第N版） and the 导读's 详见第N版 on
 * screen name the page their story is on; saved, the file says the same
 * (`banmian pages --json`) and so does its exported PDF (pdftotext). The
 * random moves by the command are tests/e2e/edition-jump-lines.test.ts.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/node/web/server';
import { drawnReferences } from './support/drawn-references';
import { CLI, e2eUnavailable, launchChromium, openEditor, PROJECT_ROOT, startTestServer } from './support/web';

const run = promisify(execFile);
const unavailable = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-plan-app-'));
const SHOTS = process.env['BANMIAN_SHOTS'] ?? dir;
const FILE = join(dir, 'edition.banmian');
const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
const noSpace = (s: string) => s.replace(/\s+/g, '');
let server: WebServer;
let browser: Browser;
let tab: Page;

/** The order of pages as the plan shows it: the key (first block id) of each, by folio. */
async function planOrder(): Promise<string[]> {
  return tab.$$eval('.bm-plan-page', (els) =>
    els.sort((a, b) => Number(a.getAttribute('data-folio')) - Number(b.getAttribute('data-folio'))).map((e) => e.getAttribute('data-page-key') ?? ''),
  );
}

/** Shows page `folio` through the plan (double-click), waiting until the editor shows it. */
async function openPage(folio: number): Promise<void> {
  if ((await tab.locator('[data-page-plan-view]').count()) === 0) await tab.click('button[data-command="pagePlan"]');
  await tab.locator(`.bm-plan-page[data-folio="${folio}"] .bm-plan-thumb`).dblclick();
  await tab.waitForSelector('[data-page-plan-view]', { state: 'detached' });
}

/** On screen, on the page shown: each story's jump lines and the 导读 items' page numbers, as drawn. */
const drawn = () => drawnReferences(tab);

/** Where the stories are (folio by block id), from the plan's keys and `banmian pages --json` of the saved file. */
async function savedFolios(): Promise<Map<string, number>> {
  const { stdout } = await run(process.execPath, [CLI, 'pages', FILE, '--json'], { env });
  const pages = (JSON.parse(stdout) as { pages: { folio: number; stories: { id: string }[] }[] }).pages;
  return new Map(pages.flatMap((p) => p.stories.map((s) => [s.id, p.folio] as const)));
}

beforeAll(async () => {
  if (unavailable) return;
  copyFileSync(join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian'), FILE);
  server = await startTestServer(FILE);
  browser = await launchChromium();
  const opened = await openEditor(browser, server, { waitFor: '[data-kind="story"][data-overset]' });
  tab = opened.page;
  await tab.waitForFunction(() => document.fonts.status === 'loaded');
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(unavailable !== null)(`the page plan in the app${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('shows every page of the edition with its real thumbnail, streamed in plan order, drafts first', { timeout: 300_000 }, async () => {
    // The thumbnails as they arrive: the folios whose image appeared in each DOM change, with the layout their overset came from.
    await tab.evaluate(() => {
      const seen = new Set<string>();
      const arrivals: { folio: number; layout: string | null }[][] = [];
      (window as unknown as { __arrivals: typeof arrivals }).__arrivals = arrivals;
      new MutationObserver(() => {
        const now = [...document.querySelectorAll('.bm-plan-page')].filter((p) => p.querySelector('img') && !seen.has(p.getAttribute('data-folio')!));
        for (const p of now) seen.add(p.getAttribute('data-folio')!);
        if (now.length > 0) arrivals.push(now.map((p) => ({ folio: Number(p.getAttribute('data-folio')), layout: p.querySelector('.bm-plan-overset')!.getAttribute('data-layout') })));
      }).observe(document.body, { subtree: true, childList: true });
    });
    await tab.click('button[data-command="pagePlan"]');
    await tab.waitForFunction(() => document.querySelectorAll('.bm-plan-page img').length === 8, null, { timeout: 240_000 });
    expect(await planOrder()).toEqual(['masthead', 'p2-folio', 'p3-folio', 'p4-folio', 'p5-folio', 'p6-folio', 'p7-folio', 'p8-folio']);
    expect(await tab.locator('.bm-plan-page[data-active]').getAttribute('data-folio')).toBe('1');
    const arrivals = await tab.evaluate(() => (window as unknown as { __arrivals: { folio: number; layout: string | null }[][] }).__arrivals);
    // The front page alone first, then the rest in batches, in the plan's order.
    expect(arrivals.length).toBeGreaterThan(2);
    expect(arrivals[0]!.map((a) => a.folio)).toEqual([1]);
    expect(arrivals.flat().map((a) => a.folio)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // Drawn as drafts (the overset an estimate, marked so); the page being edited counts with the editor's own layout.
    expect(arrivals.flat().map((a) => a.layout)).toEqual(['editor', 'draft', 'draft', 'draft', 'draft', 'draft', 'draft', 'draft']);
    expect(await tab.locator('.bm-plan-page[data-folio="2"] .bm-plan-overset').textContent()).toMatch(/^≈/);
    // Then the print's own layout of every page, its overset exact.
    await tab.waitForFunction(() => document.querySelectorAll('.bm-plan-overset[data-layout="print"]').length === 7, null, { timeout: 240_000 });
    expect(await tab.locator('.bm-plan-page[data-folio="2"] .bm-plan-overset').textContent()).toBe('无溢出');
    await tab.screenshot({ path: join(SHOTS, 'page-plan-app.png') });
  });

  it('reorders pages by dragging; every jump line and 导读 number on screen follows, one undo step each', { timeout: 600_000 }, async () => {
    const drag = async (from: number, over: number, side: 'before' | 'after') => {
      const dst = tab.locator(`.bm-plan-page[data-folio="${over}"] .bm-plan-thumb`);
      const box = (await dst.boundingBox())!;
      await tab.locator(`.bm-plan-page[data-folio="${from}"] .bm-plan-thumb`).dragTo(dst, { targetPosition: { x: box.width * (side === 'before' ? 0.2 : 0.8), y: box.height / 2 } });
    };
    // 致敬匠人 (page 3, the 导读's story) after the last page; the lead's continuation (page 2) before page 6; the front page after page 2.
    await drag(3, 8, 'after');
    await drag(2, 6, 'before');
    await drag(1, 2, 'after');
    const order = await planOrder();
    expect(order).toEqual(['p4-folio', 'masthead', 'p5-folio', 'p6-folio', 'p2-folio', 'p7-folio', 'p8-folio', 'p3-folio']);
    const folioOf = (key: string) => order.indexOf(key) + 1;
    // The front page (now 第2版): 下转 to where p2-a and p5-a are, 导读 to where p3-a is.
    await openPage(folioOf('masthead'));
    expect(await drawn()).toEqual({
      jumps: { lead: `（下转第${folioOf('p2-folio')}版）`, marathon: `（下转第${folioOf('p5-folio')}版）` },
      teasers: [`详见第${folioOf('p3-folio')}版`],
    });
    // Each continuation: 上接 the front page.
    await openPage(folioOf('p2-folio'));
    expect((await drawn()).jumps).toEqual({ 'p2-a': `（上接第${folioOf('masthead')}版）` });
    await openPage(folioOf('p5-folio'));
    expect((await drawn()).jumps).toEqual({ 'p5-a': `（上接第${folioOf('masthead')}版）` });
    // One undo step per drag: three undos bring the order back.
    await tab.click('button[data-command="pagePlan"]');
    for (let i = 0; i < 3; i++) await tab.click('button[data-command="undo"]');
    expect(await planOrder()).toEqual(['masthead', 'p2-folio', 'p3-folio', 'p4-folio', 'p5-folio', 'p6-folio', 'p7-folio', 'p8-folio']);
    for (let i = 0; i < 3; i++) await tab.click('button[data-command="redo"]');
    expect(await planOrder()).toEqual(order);
  });

  it('saves the order; the file and its PDF name the pages the stories are on', { timeout: 600_000 }, async () => {
    await tab.click('button[data-command="save"]');
    await tab.waitForFunction(() => !document.title.startsWith('*') && !document.querySelector('[data-dirty="true"]'), null, { timeout: 60_000 }).catch(() => undefined);
    await expect.poll(async () => (await savedFolios()).get('lead'), { timeout: 60_000 }).toBe(2);
    const at = await savedFolios();
    const out = join(dir, 'edition.pdf');
    const pages = [...new Set([at.get('lead')!, at.get('p2-a')!, at.get('p5-a')!])].sort((a, b) => a - b);
    const r = await run(process.execPath, [CLI, 'export', FILE, '--pages', pages.join(','), '-o', out], { env, timeout: 400_000 });
    expect(r.stderr).not.toMatch(/error/i);
    const text = async (f: number) => noSpace((await run('pdftotext', ['-f', String(pages.indexOf(f) + 1), '-l', String(pages.indexOf(f) + 1), out, '-'])).stdout);
    const front = await text(at.get('lead')!);
    expect(front).toContain(`（下转第${at.get('p2-a')}版）`);
    expect(front).toContain(`（下转第${at.get('p5-a')}版）`);
    expect(front).toContain(`详见第${at.get('p3-a')}版`);
    expect(await text(at.get('p2-a')!)).toContain(`（上接第${at.get('lead')}版）`);
    expect(await text(at.get('p5-a')!)).toContain(`（上接第${at.get('lead')}版）`);
  });

  it('adds an empty page, duplicates and deletes the page being edited, each one undo step, the folios and jump lines following', { timeout: 600_000 }, async () => {
    const before = await planOrder();
    const continuation = before.indexOf('p2-folio') + 1;
    const count = () => tab.locator('.bm-plan-page').count();
    const action = async (command: string) => {
      if ((await tab.locator('[data-page-plan-view]').count()) === 0) await tab.click('button[data-command="pagePlan"]');
      await tab.click(`button[data-command="${command}"]`);
    };
    // Duplicate the lead's continuation: the copy comes right after it and is shown; the original keeps its 上接 line.
    await openPage(continuation);
    await action('duplicatePage');
    await expect.poll(count).toBe(9);
    expect(await planOrder()).toEqual([...before.slice(0, continuation), 'p2-folio-2', ...before.slice(continuation)]);
    expect(await tab.getAttribute('[data-status="page"]', 'data-value')).toBe(String(continuation));
    // The copy's story got a fresh id and no 转版 link (a second continuation of one story would be a branch).
    await tab.click('button[data-command="pagePlan"]');
    expect(await tab.locator('.bm-page [data-block-id="p2-a-2"]').count()).toBe(1);
    expect((await drawn()).jumps).toEqual({});
    // Delete the copy (the page being edited): the order is as before, and the continuation still says 上接.
    await action('deletePage');
    await expect.poll(count).toBe(8);
    expect(await planOrder()).toEqual(before);
    await openPage(continuation);
    expect((await drawn()).jumps).toEqual({ 'p2-a': `（上接第${before.indexOf('masthead') + 1}版）` });
    // A new page after the last: the same grid and section, only its folio line, numbered last.
    await openPage(8);
    await action('newPage');
    await expect.poll(count).toBe(9);
    const fresh = `${before[7]}-new`;
    expect((await planOrder())[8]).toBe(fresh);
    await tab.click('button[data-command="pagePlan"]');
    expect(await tab.$$eval('.bm-page [data-block-id]', (els) => els.map((e) => e.getAttribute('data-block-id')))).toEqual([fresh]);
    expect(await tab.textContent(`.bm-page [data-block-id="${fresh}"]`)).toContain('第9版');
    // Each was one undo step: three undos give the eight pages back in their order.
    for (let i = 0; i < 3; i++) await tab.click('button[data-command="undo"]');
    await tab.click('button[data-command="pagePlan"]');
    await expect.poll(count).toBe(8);
    expect(await planOrder()).toEqual(before);
  });
});
