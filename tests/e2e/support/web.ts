/**
 * Helpers for end-to-end tests that drive the real page in Chromium through
 * web mode: start the server on a file, open the editor (or print mode) in a
 * page, wait until it has loaded the document.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { findChromium, launchChromium } from '../../../electron/node/chromium/launch';
import type { WebServer } from '../../../electron/node/web/server';
import { defaultRendererDir, startWebServer } from '../../../electron/node/web/server';
import { createJournal } from '../../../electron/node/recovery/index';

export const PROJECT_ROOT = join(import.meta.dirname, '..', '..', '..');
/** The reference front page. */
export const SEED_FILE = join(PROJECT_ROOT, 'fixtures', 'seed-front-page.banmian');
export const SEED_TEXT = join(PROJECT_ROOT, 'fixtures', 'seed', '000_06c4c4664c43f101.txt');
export const CLI = join(PROJECT_ROOT, 'dist', 'node', 'cli.mjs');
export const START = join(PROJECT_ROOT, 'dist', 'node', 'start.mjs');

/** Why end-to-end tests cannot run here, or null when they can. */
export function e2eUnavailable(): string | null {
  if (!findChromium()) return 'no Chromium (set CHROMIUM_PATH)';
  if (!existsSync(join(defaultRendererDir(), 'index.html'))) return 'the renderer is not built (npm run build)';
  return null;
}

/**
 * Starts web mode on `file` (or none) serving the built renderer, with its
 * recovery journal in `recoveryDir` (default: none). Close it in afterAll.
 */
export function startTestServer(file: string | null = null, options: { readyTimeoutMs?: number; recoveryDir?: string } = {}): Promise<WebServer> {
  return startWebServer({
    file,
    readyTimeoutMs: options.readyTimeoutMs,
    journal: options.recoveryDir ? createJournal(options.recoveryDir) : null,
  });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors the page reported. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens the editor in a fresh browser context with the server's URL (token
 * included). With `waitFor`, also waits for that selector (e.g. a block).
 */
export async function openEditor(
  browser: Browser,
  server: WebServer,
  options: { viewport?: { width: number; height: number }; waitFor?: string; timeoutMs?: number } = {},
): Promise<OpenedPage> {
  return openUrl(browser, server.url, options);
}

/** Opens print mode for a session; the page must be given pages with `server.host` first (see exportPdf). */
export async function openPrintMode(browser: Browser, server: WebServer, handle: string): Promise<OpenedPage> {
  return openUrl(browser, server.printUrl(handle), { waitFor: 'html[data-bm-ready="true"]' });
}

async function openUrl(
  browser: Browser,
  url: string,
  options: { viewport?: { width: number; height: number }; waitFor?: string; timeoutMs?: number },
): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1600, height: 1000 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url, { waitUntil: 'load', timeout: options.timeoutMs ?? 60_000 });
  if (options.waitFor) await page.waitForSelector(options.waitFor, { state: 'attached', timeout: options.timeoutMs ?? 60_000 });
  return { context, page, errors, close: () => context.close() };
}

export { launchChromium };

/** A page file served by its own web-mode server and open in its own Chromium, fonts loaded. */
export interface EditorOnFile {
  server: WebServer;
  browser: Browser;
  page: Page;
  /** Closes the page, the browser and the server. */
  close(): Promise<void>;
}

/** Serves `file` and opens it in the editor, waiting for `waitFor` and the fonts. */
export async function openFileInEditor(file: string, waitFor: string): Promise<EditorOnFile> {
  const server = await startTestServer(file);
  const browser = await launchChromium();
  const opened = await openEditor(browser, server, { waitFor });
  await opened.page.waitForFunction(() => document.fonts.status === 'loaded');
  return {
    server,
    browser,
    page: opened.page,
    async close() {
      await opened.close();
      await browser.close();
      await server.close();
    },
  };
}
