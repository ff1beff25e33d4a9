/**
 * 转版 live flow (issue 11, Done when 2; docs/decisions/0030-live-jump-flow.md):
 * 200 characters typed into the lead on page 1 of the reference edition move
 * the lead's tail across into its continuation on page 2 while typing — page
 * 2 shows it without a save, its first paragraph the run-in piece of a
 * paragraph cut at the lead's end; the chain reads as before with the typed
 * text in it, and nothing is overset. The edition PDF holds every character
 * of each part exactly once inside its frame (pdftotext -bbox-layout: the
 * characters printed in the frame are the part's own, jump line included).
 * One Ctrl+Z brings every part back exactly.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from 'prosemirror-model';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile } from '../../electron/node/storage/index';
import { chainParagraphs } from '../../shared/edition/flow';
import { schema } from '../../shared/model/schema';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import type { GridBox } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import { linesInRect, readPdfPages } from '../support/pdf-lines';
import type { PdfPage } from '../support/pdf-lines';
import { noSpace, runCli } from './support/cli-run';
import { e2eUnavailable } from './support/web';
import { openEditionCopy } from './support/web-app';
import type { OpenedEditionCopy } from './support/web-app';

const skip = e2eUnavailable();
/** 200 Han characters, no ASCII (typed as they are, no normalising). */
const TYPED = '转版测试文字随输入在版面之间流动'.repeat(13).slice(0, 200);
const HEAD = 'lead';
/** CSS px to PDF points. */
const PX_PT = 0.75;
const CONT = 'p2-a';

/** The block `id` of a page node. */
function blockOf(page: Node, id: string): Node {
  let found: Node | null = null;
  page.forEach((b) => {
    if (b.attrs['id'] === id) found = b;
  });
  if (!found) throw new Error(`no ${id}`);
  return found;
}

/** The saved pages, and the bodies of the chain's two parts. */
async function savedBodies(file: string): Promise<{ head: Node; cont: Node; pages: Node[] }> {
  const r = await readBanmianFile(file);
  if (!r.ok) throw new Error(r.error.message);
  const pages = r.value.pages.map((p) => schema.nodeFromJSON(p));
  return { head: blockOf(pages[0]!, HEAD).lastChild!, cont: blockOf(pages[1]!, CONT).lastChild!, pages };
}

/** A story's own text (head, byline, body), without white space. */
const partText = (page: Node, id: string): string => noSpace(blockOf(page, id).textContent);

/** The text the PDF prints inside a story's frame (words whose centre is in it), without white space. */
function storyText(pdf: PdfPage, page: Node, id: string): string {
  const story = blockOf(page, id);
  const metrics = gridMetrics(page.attrs['settings'] as PageSettings);
  const r = gridBoxRect(metrics, story.attrs as unknown as GridBox);
  const left = (metrics.typeLeftPx + r.x) * PX_PT;
  const top = (metrics.typeTopPx + r.y) * PX_PT;
  const rect = { left, top, right: left + r.width * PX_PT, bottom: top + r.height * PX_PT };
  return noSpace(linesInRect(pdf, rect).map((l) => l.text).join(''));
}

/** How often each character occurs, as a sorted list (readable when it differs). */
function histogram(text: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => (a < b ? -1 : 1));
}

const pieces = (body: Node): string[] => {
  const out: string[] = [];
  body.forEach((p) => out.push(p.textContent));
  return out;
};

/** The text of a part's body on screen (the page shown), paragraph by paragraph. */
function screenPieces(page: Page, id: string): Promise<{ text: string; runIn: boolean; runOn: boolean }[]> {
  return page.$$eval(`.bm-page > [data-block-id="${id}"] > .bm-body > *`, (els) =>
    els.map((e) => ({ text: e.textContent ?? '', runIn: (e as HTMLElement).dataset['runIn'] !== undefined, runOn: (e as HTMLElement).dataset['runOn'] !== undefined })),
  );
}

const overset = (page: Page, id: string) => page.getAttribute(`.bm-page > [data-block-id="${id}"]`, 'data-overset');
const settled = (page: Page) => page.waitForSelector('.bm-edition[data-typeset="settled"]');

async function show(page: Page, index: number): Promise<void> {
  await page.selectOption('[data-status="page"]', String(index));
  await page.waitForFunction((i) => document.querySelector('[data-status="page"]')?.getAttribute('data-value') === String(i), index);
  await settled(page);
}

describe.skipIf(skip !== null)(`转版 live flow${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let opened: OpenedEditionCopy | undefined;
  let page: Page;
  let file: string;
  let before: { head: Node; cont: Node };
  let headBefore: string[];
  let contBefore: { text: string; runIn: boolean; runOn: boolean }[];
  let chainAfter: string[];

  beforeAll(async () => {
    opened = await openEditionCopy('bm-jump-flow-');
    page = opened.app.page;
    file = opened.file;
    before = await savedBodies(file);
    await settled(page);
    await show(page, 1);
    contBefore = await screenPieces(page, CONT);
    await show(page, 0);
  }, 180_000);

  afterAll(() => opened?.close());

  it('opens settled: the reference edition’s chain is shown as saved, nothing overset', async () => {
    headBefore = (await screenPieces(page, HEAD)).map((p) => p.text);
    expect(headBefore).toEqual(pieces(before.head));
    expect(contBefore.map((p) => p.text)).toEqual(pieces(before.cont));
    expect(await overset(page, HEAD)).toBe('0');
  });

  it('typing 200 characters into the lead moves its tail across into page 2 live', { timeout: 300_000 }, async () => {
    const first = page.locator(`.bm-page > [data-block-id="${HEAD}"] .bm-body p`).first();
    await first.scrollIntoViewIfNeeded();
    await first.click();
    await page.keyboard.press('End');
    await page.keyboard.type(TYPED);
    await settled(page);
    await expect.poll(async () => (await screenPieces(page, HEAD)).map((p) => p.text).join('').includes(TYPED)).toBe(true);
    await expect.poll(() => overset(page, HEAD)).toBe('0');
    const head = await screenPieces(page, HEAD);
    // The lead lost its tail: the last paragraph is cut and runs on.
    expect(head.map((p) => p.text).join('').length).toBeLessThan(headBefore.join('').length + TYPED.length);
    expect(head.at(-1)!.runOn).toBe(true);

    // Page 2, not saved: its first paragraph is the run-in rest of the lead's last one, then what it held.
    await show(page, 1);
    const cont = await screenPieces(page, CONT);
    expect(cont[0]!.runIn).toBe(true);
    // The lead's own last characters are on page 2 now, and no longer on page 1.
    const tail = headBefore.join('').slice(-12);
    expect(cont.map((p) => p.text).join('')).toContain(tail);
    expect(head.map((p) => p.text).join('')).not.toContain(tail);
    expect(await overset(page, CONT)).toBe('0');
    // The chain reads as before, with the typed text in the lead's first paragraph.
    const textBefore = chainParagraphs([before.head, before.cont]).join('');
    const joined = [...head.map((p) => p.text), ...cont.map((p) => p.text)].join('');
    const at = joined.indexOf(TYPED);
    expect(joined).toBe(textBefore.slice(0, at) + TYPED + textBefore.slice(at));
    await show(page, 0);
  });

  it('saves a chain that holds every character once, and the edition PDF prints each piece exactly once', { timeout: 600_000 }, async () => {
    await page.keyboard.press('Control+s');
    await expect.poll(async () => pieces((await savedBodies(file)).cont)[0] !== pieces(before.cont)[0], { timeout: 30_000 }).toBe(true);
    const saved = await savedBodies(file);
    chainAfter = chainParagraphs([saved.head, saved.cont]);
    expect(chainAfter.join('')).toHaveLength(chainParagraphs([before.head, before.cont]).join('').length + TYPED.length);
    expect(chainAfter.join('')).toContain(TYPED);

    const dir = mkdtempSync(join(tmpdir(), 'bm-jump-flow-pdf-'));
    const out = join(dir, 'edition.pdf');
    const r = await runCli(['export', file, '--pages', '1,2', '-o', out], { ...process.env, XDG_STATE_HOME: join(dir, 'state') });
    expect(r.code, r.stderr).toBe(0);
    // Inside each part's frame on its page: its head, byline, body and jump line, each character once.
    const pdf = readPdfPages(out);
    const printed = [storyText(pdf[0]!, saved.pages[0]!, HEAD), storyText(pdf[1]!, saved.pages[1]!, CONT)];
    const own = [partText(saved.pages[0]!, HEAD) + '（下转第2版）', partText(saved.pages[1]!, CONT) + '（上接第1版）'];
    expect(histogram(printed[0]!)).toEqual(histogram(own[0]!));
    expect(histogram(printed[1]!)).toEqual(histogram(own[1]!));
    expect(printed[0]!.length).toBeGreaterThan(TYPED.length);
  });

  it('one Ctrl+Z brings the lead and its continuation back exactly', { timeout: 120_000 }, async () => {
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await screenPieces(page, HEAD)).map((p) => p.text)).toEqual(headBefore);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => pieces((await savedBodies(file)).cont)[0] === pieces(before.cont)[0], { timeout: 30_000 }).toBe(true);
    const saved = await savedBodies(file);
    expect(saved.head.eq(before.head)).toBe(true);
    expect(saved.cont.eq(before.cont)).toBe(true);
    await show(page, 1);
    expect(await screenPieces(page, CONT)).toEqual(contBefore);
  });
});

