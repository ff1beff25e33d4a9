/**
 * Issue 11, Done when 1, the random moves: 50 random page moves by
 * `banmian pages --move`; after each, the saved file's mirrors (each story's
 * `jumpTo` / `jumpFrom`, the 导读 item's `page`) name the pages the stories
 * are on, read from the raw file (no load, no resync); the file is opened in
 * the editor (web mode, one tab), and the jump lines （下转第N版） / （上接第N版）
 * and the 详见第N版 drawn on every page that carries them name the same pages;
 * and the pages that carry them are exported (one web-mode host, its print
 * browser kept warm, as `banmian export --pages` prints them) and read back
 * with pdftotext: the same numbers, and no stale line left. Dragging in the
 * plan is tests/e2e/page-plan-app.test.ts.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { exportEdition } from '../../electron/node/commands/export-edition';
import { readZipEntries } from '../../electron/node/storage/zip-read';
import type { WebServer } from '../../electron/node/web/server';
import { pdfPageTexts, runCli } from './support/cli-run';
import { drawnReferences } from './support/drawn-references';
import { e2eUnavailable, launchChromium, openEditor, PROJECT_ROOT, startTestServer } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-jump-lines-'));
const EDITION = join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian');
const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
const cli = (args: readonly string[]) => runCli(args, env);

/** Page moves by the command; after each, the file, the screen and the PDF are checked. */
const MOVES = 50;
/** The reference edition's 转版 chains (head → continuation) and the 导读's story. */
const CHAINS = [
  ['lead', 'p2-a'],
  ['marathon', 'p5-a'],
] as const;
const GUIDE_STORY = 'p3-a';

type Json = { type: string; attrs?: Record<string, unknown>; content?: Json[] };

/** The page JSON stored in the file, in order, as saved (no loading, no resync). */
async function storedPages(file: string): Promise<Json[]> {
  const zip = await readZipEntries(readFileSync(file), { classify: (n) => (n.startsWith('pages/') ? 'page' : n === 'manifest.json' ? 'manifest' : 'asset'), maxBytes: () => 1 << 30 });
  if (!zip.ok) throw new Error(zip.error.message);
  const manifest = JSON.parse(zip.value.entries.get('manifest.json')!.toString('utf8')) as { pages: string[] };
  return manifest.pages.map((p) => JSON.parse(zip.value.entries.get(p)!.toString('utf8')) as Json);
}

/** Every placed block with an id: its folio and node. */
function blocksOf(pages: Json[]): Map<string, { folio: number; node: Json }> {
  const out = new Map<string, { folio: number; node: Json }>();
  pages.forEach((page, i) => {
    for (const block of page.content ?? []) if (typeof block.attrs?.['id'] === 'string') out.set(block.attrs['id'], { folio: i + 1, node: block });
  });
  return out;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The host that opens each moved file, draws it in one tab and exports it (its print browser stays warm). */
let server: WebServer | undefined;
let browser: Browser | undefined;
let tab: Page | undefined;

/** The moved file as the editor opens it: the host reads it from disk afresh and the tab loads it. */
async function openMoved(file: string): Promise<{ handle: string; pages: unknown[] }> {
  server ??= await startTestServer(file);
  const opened = await server.host.openInitial(file);
  if (!opened.ok) throw new Error(opened.error.message);
  browser ??= await launchChromium();
  // The editor opens on the file's first page, whichever page that is now.
  const first = '.bm-page [data-block-id]';
  if (!tab) tab = (await openEditor(browser, server, { waitFor: first, timeoutMs: 120_000 })).page;
  else {
    await tab.goto(server.url, { waitUntil: 'load' });
    await tab.waitForSelector(first, { state: 'attached', timeout: 120_000 });
  }
  await tab.waitForFunction(() => document.fonts.status === 'loaded');
  return opened.value;
}

/** Shows page `folio` with the page menu and waits for its block `id`. */
async function showPage(folio: number, id: string): Promise<void> {
  await tab!.selectOption('[data-status="page"]', String(folio - 1));
  await tab!.waitForSelector(`.bm-story[data-block-id="${id}"]`, { state: 'attached', timeout: 60_000 });
}

/** On screen: the front page draws one （下转…） per chain and the 导读's number; each continuation its （上接…）. */
async function checkScreen(folio: (id: string) => number, label: string): Promise<void> {
  const front = folio('lead');
  await showPage(front, 'lead');
  expect(await drawnReferences(tab!), `${label}: front page ${front} on screen`).toEqual({
    jumps: Object.fromEntries(CHAINS.map(([head, cont]) => [head, `（下转第${folio(cont)}版）`])),
    teasers: [`详见第${folio(GUIDE_STORY)}版`],
  });
  for (const [, cont] of CHAINS) {
    await showPage(folio(cont), cont);
    expect((await drawnReferences(tab!)).jumps, `${label}: ${cont}'s page ${folio(cont)} on screen`).toEqual({ [cont]: `（上接第${front}版）` });
  }
}

/** Exports the pages carrying the jump lines and the 导读 and checks every number in the PDF. */
async function checkPdf(opened: { handle: string; pages: unknown[] }, folio: (id: string) => number, label: string): Promise<void> {
  const front = folio('lead');
  expect(folio('marathon')).toBe(front);
  const selected = [...new Set([front, ...CHAINS.map(([, cont]) => folio(cont))])].sort((a, b) => a - b);
  const out = join(dir, 'check.pdf');
  const r = await exportEdition(server!, opened.handle, opened.pages, out, { file: '', out, pages: selected.join(',') });
  expect(r.ok, r.ok ? '' : r.error.message).toBe(true);
  const texts = await pdfPageTexts(out, selected.length);
  const textOf = (f: number) => texts[selected.indexOf(f)]!;
  const head = textOf(front);
  // The front page: one （下转…） per chain, each naming its continuation's page; the 导读 names its story's page.
  for (const [, cont] of CHAINS) expect(head, `${label}: 下转 of ${cont}`).toContain(`（下转第${folio(cont)}版）`);
  expect(head.match(/（下转第\d+版）/g), label).toHaveLength(CHAINS.length);
  expect(head, `${label}: 导读`).toContain(`详见第${folio(GUIDE_STORY)}版`);
  expect(head.match(/详见第\d+版/g), label).toHaveLength(1);
  // Each continuation's page: its （上接…） names the front page.
  for (const [, cont] of CHAINS) {
    const text = textOf(folio(cont));
    expect(text, `${label}: 上接 on ${cont}'s page`).toContain(`（上接第${front}版）`);
    expect(text.match(/（上接第\d+版）/g), label).toHaveLength(1);
  }
}

/** The file, the screen and the PDF after a move (or as built). */
async function checkAll(file: string, label: string): Promise<void> {
  const blocks = blocksOf(await storedPages(file));
  const folio = (id: string) => blocks.get(id)!.folio;
  const opened = await openMoved(file);
  await checkScreen(folio, label);
  await checkPdf(opened, folio, label);
}

describe.skipIf(skip !== null)(`jump lines and 导读 numbers through page moves${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it(`names the right pages after each of ${MOVES} random moves by the command, in the file, on screen and in the PDF`, { timeout: 2_400_000 }, async () => {
    const file = join(dir, 'edition.banmian');
    copyFileSync(EDITION, file);
    await checkAll(file, 'as built');
    const next = random(20221121);
    for (let k = 1; k <= MOVES; k++) {
      const from = 1 + Math.floor(next() * 8);
      let to = 1 + Math.floor(next() * 7);
      if (to >= from) to++;
      const r = await cli(['pages', file, '--move', String(from), String(to)]);
      expect(r.code, r.stderr).toBe(0);
      const label = `move ${k} (${from} → ${to})`;
      const blocks = blocksOf(await storedPages(file));
      const folio = (id: string) => blocks.get(id)!.folio;
      for (const [head, cont] of CHAINS) {
        expect(blocks.get(head)!.node.attrs, `${label}: ${head}`).toMatchObject({ jumpTo: folio(cont), jumpFrom: null });
        expect(blocks.get(cont)!.node.attrs, `${label}: ${cont}`).toMatchObject({ jumpTo: null, jumpFrom: folio(head) });
      }
      const guide = blocks.get('guide')!.node.content![0]!;
      expect(guide.attrs, `${label}: 导读`).toMatchObject({ story: GUIDE_STORY, page: String(folio(GUIDE_STORY)) });
      // No other story claims a jump.
      for (const [id, { node }] of blocks) {
        if (node.type !== 'story' || CHAINS.some((c) => (c as readonly string[]).includes(id))) continue;
        expect([node.attrs?.['jumpTo'], node.attrs?.['jumpFrom']], `${label}: ${id}`).toEqual([null, null]);
      }
      await checkAll(file, label);
    }
  });
});
