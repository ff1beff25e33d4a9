/**
 * Printing does not lay the print page out again. Chromium rebuilds the
 * page's faces after `printToPDF` and sends `loadingdone` listing every face
 * already loaded (renderer/typesetting/font-arrivals.ts); the typesetting
 * passes used to start every line over on it, so a kept print page retypeset
 * itself after each export (decision 0034). The event must still come (else
 * this test proves nothing), and the page must not change after it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebServer } from '../../electron/node/web/server';
import { e2eUnavailable, launchChromium, openPrintMode, SEED_FILE, startTestServer } from './support/web';
import type { OpenedPage } from './support/web';

const unavailable = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-print-keeps-'));
let server: WebServer;
let browser: Browser;
let opened: OpenedPage;

beforeAll(async () => {
  if (unavailable) return;
  server = await startTestServer(SEED_FILE);
  const initial = server.host.initial();
  if (!initial.ok || !initial.value) throw new Error('the reference page did not open');
  const { handle, pages } = initial.value;
  // An export gives the session its print pages (and proves the page prints).
  const done = await server.host.exportPdf(handle, pages, join(dir, 'page.pdf'));
  if (!done.ok) throw new Error(done.error.message);
  browser = await launchChromium();
  opened = await openPrintMode(browser, server, handle);
  await opened.page.waitForFunction(() => document.fonts.status === 'loaded' && !document.querySelector('[data-typeset="pending"]'));
}, 180_000);

afterAll(async () => {
  await opened?.close();
  await browser?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(unavailable)('a print leaves the print page as it was', () => {
  it('hears the faces Chromium reloads after printing and changes nothing', async () => {
    const page = opened.page;
    await page.evaluate(() => {
      const w = window as unknown as { __bmAfter: { fontEvents: number; mutations: number } };
      w.__bmAfter = { fontEvents: 0, mutations: 0 };
      document.fonts.addEventListener('loadingdone', () => w.__bmAfter.fontEvents++);
      new MutationObserver((records) => (w.__bmAfter.mutations += records.length)).observe(document.documentElement, {
        subtree: true,
        childList: true,
        attributes: true,
        characterData: true,
      });
    });
    await page.pdf({ width: '390mm', height: '540mm', printBackground: true, preferCSSPageSize: true });
    // The event comes shortly after the print; then a pass would have run in the next frames.
    await page.waitForFunction(() => (window as unknown as { __bmAfter: { fontEvents: number } }).__bmAfter.fontEvents > 0, undefined, { timeout: 30_000 });
    await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 200)))));
    const after = await page.evaluate(() => (window as unknown as { __bmAfter: { fontEvents: number; mutations: number } }).__bmAfter);
    expect(after.fontEvents).toBeGreaterThan(0);
    expect(after.mutations).toBe(0);
  }, 60_000);
});
