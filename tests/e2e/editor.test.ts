/**
 * The page editor in Chromium over web mode: typing, IME composition, undo
 * and redo, save and reopen, live copyfit, print mode.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READY_ATTRIBUTE } from '../../shared/host/web-protocol';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { launchChromium } from '../../electron/node/chromium/launch';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage';
import { startWebServer } from '../../electron/node/web/server';
import type { WebServer } from '../../electron/node/web/server';
import { readPdfLines } from '../support/pdf-lines';
import { editorTestPage, FULL_TEXT, LEAD_FIRST } from './editor-page';

let dir: string;
let file: string;
let server: WebServer;
let browser: Browser;
let page: Page;

/** Text of all pages of a saved file. */
async function savedText(path: string): Promise<string> {
  const r = await readBanmianFile(path);
  if (!r.ok) throw new Error(r.error.message);
  return JSON.stringify(r.value.pages);
}

function count(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/** Puts the caret at `offset` in the first text node of `selector` (after clicking into it, as a person would). */
async function caretIn(selector: string, offset: number | 'end'): Promise<void> {
  await page.click(selector);
  await page.evaluate(
    ({ selector, offset }) => {
      const el = document.querySelector(selector)!;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      let last: Text | null = null;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) last = n as Text;
      const first = document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode() as Text;
      const target = offset === 'end' ? last! : first;
      document.getSelection()!.collapse(target, offset === 'end' ? target.data.length : offset);
    },
    { selector, offset },
  );
  // ProseMirror reads the DOM selection on selectionchange.
  await page.waitForTimeout(50);
}

/** The visual lines of a story body on screen, as text without spaces (one entry per line box). */
function screenLines(selector: string): Promise<string[]> {
  return page.$eval(selector, (body) => {
    const lines: string[] = [];
    let current = '';
    let last: DOMRect | null = null;
    const range = document.createRange();
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      for (let i = 0; i < n.data.length; i++) {
        range.setStart(n, i);
        range.setEnd(n, i + 1);
        const r = range.getClientRects()[0];
        if (!r) continue;
        // A new line starts when the character is lower, or back at the left of a new column.
        if (last && (Math.abs(r.top - last.top) > r.height / 2 || r.left < last.left - r.width)) {
          lines.push(current);
          current = '';
        }
        current += n.data[i];
        last = r;
      }
    }
    if (current) lines.push(current);
    return lines.map((l) => l.replace(/\s/g, '')).filter((l) => l !== '');
  });
}

const leadFirst = '[data-block-id="lead"] .bm-body p:first-child';
const overset = (id: string) => page.getAttribute(`[data-block-id="${id}"]`, 'data-overset');

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'banmian-editor-'));
  file = join(dir, 'page.banmian');
  const written = await writeBanmianFile(file, { pages: [editorTestPage().toJSON()], assets: [] });
  if (!written.ok) throw new Error(written.error.message);
  server = await startWebServer({ file, port: 0 });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => {
    throw e;
  });
  await page.goto(server.url);
  await page.waitForSelector('.bm-page [data-block-id="lead"]');
  await page.evaluate(() => document.fonts.ready);
  await page.waitForFunction(() => document.querySelector('[data-block-id="full"]')?.getAttribute('data-overset') === '0');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('page editor', () => {
  it('places every block at its grid box with its data attributes', async () => {
    const m = gridMetrics(settingsFromPreset('duikai'));
    const blocks = await page.$$eval('.bm-page > .bm-block', (els) =>
      els.map((el) => ({
        id: el.getAttribute('data-block-id'),
        kind: el.getAttribute('data-kind'),
        attrs: ['data-col', 'data-line', 'data-cols', 'data-lines'].map((a) => el.getAttribute(a)),
        left: (el as HTMLElement).offsetLeft,
        top: (el as HTMLElement).offsetTop,
        width: (el as HTMLElement).offsetWidth,
      })),
    );
    expect(blocks.map((b) => `${b.kind}:${b.id}`)).toEqual(['masthead:masthead', 'story:lead', 'story:full', 'photo:photo']);
    const lead = blocks[1]!;
    expect(lead.attrs).toEqual(['0', '12', '4', '40']);
    expect(lead.top).toBe(Math.round(m.typeTopPx + 12 * m.linePx));
    expect(lead.width).toBe(Math.round(4 * m.columnPx + 3 * m.gutterPx));
  });

  it('keeps every body line on the page grid', async () => {
    const linePx = gridMetrics(settingsFromPreset('duikai')).linePx;
    const offsets = await page.$$eval('[data-block-id="lead"] .bm-body > *', (els) => {
      const bodyEl = els[0]!.parentElement!;
      const body = bodyEl.getBoundingClientRect();
      // Undo the zoom transform: layout px = client px / scale.
      const scale = body.width / bodyEl.offsetWidth;
      return els.flatMap((el) => [...el.getClientRects()].map((r) => ({ top: (r.top - body.top) / scale, height: r.height / scale })));
    });
    expect(offsets.length).toBeGreaterThan(3);
    for (const { top, height } of offsets) {
      expect(Math.abs(top / linePx - Math.round(top / linePx))).toBeLessThan(0.01);
      expect(Math.abs(height / linePx - Math.round(height / linePx))).toBeLessThan(0.01);
    }
  });

  it('types Chinese in place, once, and undoes and redoes it', async () => {
    await caretIn(leadFirst, 'end');
    await page.keyboard.type('新闻');
    expect(count(await page.textContent(leadFirst) ?? '', '新闻')).toBe(1);
    expect(await page.textContent(leadFirst)).toBe(`${LEAD_FIRST}新闻`);
    expect(await page.getAttribute('.bm-status [data-status="dirty"]', 'title')).not.toBeNull();

    await page.keyboard.press('Control+z');
    expect(await page.textContent(leadFirst)).toBe(LEAD_FIRST);
    await page.keyboard.press('Control+Shift+z');
    expect(await page.textContent(leadFirst)).toBe(`${LEAD_FIRST}新闻`);
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    expect(await page.textContent(leadFirst)).toBe(`${LEAD_FIRST}新闻`);
  });

  it('takes IME composition without duplicating or losing characters', async () => {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await caretIn(leadFirst, 0);
    await cdp.send('Input.imeSetComposition', { text: 'zhong', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.imeSetComposition', { text: '中', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '中文', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.insertText', { text: '中文' });
    await page.waitForTimeout(100);
    // Then a second composition right after the first, as a person typing on.
    await cdp.send('Input.imeSetComposition', { text: 'bao', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.insertText', { text: '报' });
    await page.waitForTimeout(100);
    const text = (await page.textContent(leadFirst)) ?? '';
    expect(text).toBe(`中文报${LEAD_FIRST}新闻`);
    expect(count(text, '中文')).toBe(1);
    expect(text).not.toMatch(/[a-z]/);
    await cdp.detach();
  });

  it('does not create content outside blocks when typing over a selected masthead', async () => {
    await page.click('[data-block-id="masthead"]');
    await page.waitForSelector('.bm-status [data-status="selection"][data-value="masthead"]');
    await page.keyboard.type('外');
    // The browser may put the character into the DOM for a moment; ProseMirror redraws it away.
    await expect.poll(async () => (await page.textContent('.bm-page'))?.includes('外')).toBe(false);
    // Every child of the page is one of its blocks; the story bin's column is the edition's, beside the page, and one.
    const kinds = await page.$$eval('.bm-page > *', (els) => els.map((el) => el.getAttribute('data-kind')));
    expect(kinds).toEqual(['masthead', 'story', 'story', 'photo']);
    expect(await page.$$eval('.bm-bin-host', (els) => els.map((el) => el.closest('.bm-page') === null))).toEqual([true]);
    // Nor in the text after the selected block, where the browser's hidden caret sits.
    expect(await page.textContent('[data-block-id="lead"] .bm-headline')).toBe('跑过风景跑进亚运');
  });

  it('raises data-overset when an exactly full story gets one more character, and undo brings it back to 0', async () => {
    const full = '[data-block-id="full"]';
    expect(await overset('full')).toBe('0');
    expect(await page.getAttribute(full, 'data-underset-lines')).toBe('0');
    await caretIn(`${full} p`, 'end');
    await page.keyboard.type('满');
    await page.waitForFunction(() => document.querySelector('[data-block-id="full"]')?.getAttribute('data-overset') === '1');
    expect(await page.getAttribute('.bm-status [data-status="overset"]', 'data-value')).toBe('1');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-block-id="full"]')?.getAttribute('data-overset') === '0');
    expect(await page.textContent(`${full} p`)).toBe(FULL_TEXT);
    // Remove a line's worth: 13 characters fewer leaves one empty line.
    await caretIn(`${full} p`, 'end');
    for (let i = 0; i < 13; i++) await page.keyboard.press('Backspace');
    await page.waitForFunction(() => document.querySelector('[data-block-id="full"]')?.getAttribute('data-underset-lines') === '1');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('[data-block-id="full"]')?.getAttribute('data-underset-lines') === '0');
  });

  it('saves in place and with Save As (answering the prompt), and reopens with the text preserved', async () => {
    await page.keyboard.press('Control+s');
    await page.waitForSelector('[data-message-kind="info"]');
    await expect.poll(async () => count(await savedText(file), '中文报')).toBe(1);
    expect(await page.$('.bm-status [data-status="dirty"]')).toBeNull();

    const copy = join(dir, 'copy.banmian');
    page.once('dialog', (d) => void d.accept(copy));
    await page.keyboard.press('Control+Shift+s');
    await expect.poll(async () => (await readBanmianFile(copy)).ok, { timeout: 10_000 }).toBe(true);
    const text = await savedText(copy);
    expect(count(text, `中文报${LEAD_FIRST}新闻`)).toBe(1);

    const reopened = await browser.newPage();
    const second = await startWebServer({ file: copy, port: 0 });
    try {
      await reopened.goto(second.url);
      await reopened.waitForSelector(leadFirst);
      expect(await reopened.textContent(leadFirst)).toBe(`中文报${LEAD_FIRST}新闻`);
    } finally {
      await reopened.close();
      await second.close();
    }
  });

  it('shows a host error on one line and keeps the page', async () => {
    page.once('dialog', (d) => void d.accept(join(dir, 'missing.banmian')));
    await page.keyboard.press('Control+o');
    await page.waitForSelector('[data-message-kind="error"]');
    expect(await page.$(leadFirst)).not.toBeNull();
  });

  it('exports a PDF through print mode, which renders the page with no chrome and flags readiness', async () => {
    const pdf = join(dir, 'page.pdf');
    const screen = await screenLines('[data-block-id="lead"] .bm-body');
    expect(screen.length).toBeGreaterThan(5);
    page.once('dialog', (d) => void d.accept(pdf));
    await page.keyboard.press('Control+e');
    // The export dialog: its default is a proof at paper size.
    await page.click('[data-export-submit]');
    await page.waitForFunction(() => document.querySelector('[data-message-kind="info"]')?.textContent?.includes('page.pdf'), null, { timeout: 120_000 });
    await page.click('[data-export-close]');
    expect(execFileSync('pdftotext', [pdf, '-']).toString().replace(/\s/g, '')).toContain(`中文报${LEAD_FIRST}新闻`);
    // The PDF is what the screen shows, line break for line break.
    const printed = new Set(readPdfLines(pdf).map((l) => l.text.replace(/\s/g, '')));
    expect(screen.filter((line) => !printed.has(line))).toEqual([]);

    const handle = await page.getAttribute('.bm-shell', 'data-document-handle');
    const print = await browser.newPage();
    try {
      await print.goto(server.printUrl(handle!));
      await print.waitForSelector(`html[${READY_ATTRIBUTE}="true"]`, { timeout: 60_000 });
      expect(await print.$('.bm-toolbar')).toBeNull();
      expect(await print.$('.bm-screen')).toBeNull();
      expect(await print.getAttribute('[data-block-id="full"]', 'data-overset')).toBe('0');
      const css = await print.evaluate(() => [...document.styleSheets].flatMap((s) => [...s.cssRules].map((r) => r.cssText)).join('\n'));
      expect(css).toMatch(/@page\s*\{\s*size:\s*390mm 545mm;\s*margin:\s*0px;?\s*\}/);
      // Same geometry as the screen: the story sits where the editor put it.
      const top = await print.$eval('[data-block-id="lead"]', (el) => (el as HTMLElement).offsetTop);
      expect(top).toBe(await page.$eval('[data-block-id="lead"]', (el) => (el as HTMLElement).offsetTop));
    } finally {
      await print.close();
    }
  });

  it('switches the interface to English and back', async () => {
    expect(await page.textContent('[data-command="save"]')).toBe('保存');
    await page.click('.bm-lang');
    expect(await page.textContent('[data-command="save"]')).toBe('Save');
    expect(await page.textContent('.bm-status [data-status="stories"]')).toContain('Stories 2');
    await page.click('.bm-lang');
    expect(await page.textContent('[data-command="save"]')).toBe('保存');
  });

  it('zooms with the keyboard without changing a line break', async () => {
    const lines = () =>
      page.$eval('[data-block-id="lead"] .bm-body', (body) => {
        const scale = body.getBoundingClientRect().width / (body as HTMLElement).offsetWidth;
        return [...body.children].map((el) => [...el.getClientRects()].map((r) => Math.round(r.height / scale)).join(',')).join('|');
      });
    const before = await lines();
    await page.keyboard.press('Control+1');
    expect(await page.getAttribute('.bm-zoom', 'data-zoom')).toBe('1');
    await page.keyboard.press('Control+=');
    expect(await page.getAttribute('.bm-zoom', 'data-zoom')).toBe('1.25');
    expect(await lines()).toBe(before);
    await page.keyboard.press('Control+0');
    expect(Number(await page.getAttribute('.bm-zoom', 'data-zoom'))).toBeLessThan(1);
  });

  it('warns before leaving with unsaved changes', async () => {
    await caretIn(leadFirst, 0);
    await page.keyboard.type('改');
    await page.waitForSelector('.bm-status [data-status="dirty"]');
    const dialog = new Promise<string>((resolve) => page.once('dialog', (d) => {
      resolve(d.type());
      void d.dismiss();
    }));
    const before = page.url();
    // Leaving (here: navigating away) asks first; dismissing keeps the page and its edits.
    await page.goto('about:blank', { timeout: 10_000 }).catch(() => undefined);
    expect(await dialog).toBe('beforeunload');
    expect(page.url()).toBe(before);
    expect(await page.textContent(leadFirst)).toMatch(/^改/);
  });
});
