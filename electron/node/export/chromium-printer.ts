/**
 * Printing through headless Chromium (playwright-core): open the renderer in
 * print mode, wait until it says it is laid out, print to PDF. One browser
 * is started on the first print and reused until `close()`.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { BLEED_QUERY, READY_ATTRIBUTE } from '../../../shared/host/web-protocol';
import { mmToPx } from '../../../shared/page/units';
import { launchChromium } from '../chromium/launch';
import { StageClock } from './export-timings';
import type { PdfPrinter, PrintLayout, PrintRequest } from './printer';

export interface ChromiumPrinterOptions {
  /** The print-mode URL of a session (with token). */
  printUrl(handle: string): string;
  /** How long the page may take to lay out, fonts and images included. */
  readyTimeoutMs?: number;
  /** Extra headers the print page sends with every request (e.g. to get original images). */
  headers?: Record<string, string>;
  /** Starts the browser (default: launchChromium). */
  launch?: () => Promise<Browser>;
}

export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/** Runs in the print page (as source: this layer has no DOM types): overset per story id, per sheet. */
const OVERSET_SCRIPT = `[...document.querySelectorAll('.bm-print-sheet')].map((sheet) => Object.fromEntries(
  [...sheet.querySelectorAll('[data-block-id][data-overset]')].map((e) => [e.getAttribute('data-block-id') || '', Number(e.getAttribute('data-overset')) || 0])))`;

/**
 * Runs in the print page: how long its steps took, ms, from the marks print
 * mode leaves (renderer/print/print-mode.ts) and the navigation timing.
 */
const MARKS_SCRIPT = `(() => {
  const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
  const nav = performance.getEntriesByType('navigation')[0];
  const steps = [['load the editor', 0, nav ? nav.domContentLoadedEventEnd : undefined], ['fetch the document', nav ? nav.domContentLoadedEventEnd : undefined, at('bm-print-loaded')],
    ['render', at('bm-print-loaded'), at('bm-print-rendered')], ['fonts', at('bm-print-rendered'), at('bm-print-fonts')],
    ['images', at('bm-print-fonts'), at('bm-print-images')], ['typesetting settles', at('bm-print-images'), at('bm-print-ready')]];
  return Object.fromEntries(steps.filter(([, a, b]) => a !== undefined && b !== undefined).map(([n, a, b]) => [n, b - a]));
})()`;

/** Attribute print mode sets on `<html>`, with a message, when it cannot show the document. */
export const ERROR_ATTRIBUTE = 'data-bm-error';

/** The print-mode URL asking for a page laid out with `bleedMm` of bleed. */
export function printUrlWithBleed(url: string, bleedMm: number): string {
  return bleedMm > 0 ? `${url}${url.includes('?') ? '&' : '?'}${BLEED_QUERY}=${bleedMm}` : url;
}

export function createChromiumPrinter(options: ChromiumPrinterOptions): PdfPrinter {
  const timeout = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let browser: Promise<Browser> | null = null;
  let layout: PrintLayout | null = null;

  /** Prints under way: a cancel kills the browser only when no other print needs it. */
  let active = 0;

  /**
   * Cancelling kills the browser, not just the page: Chromium's printing runs
   * in its own processes, and a closed browser leaves none of them working.
   * The next print launches a fresh one.
   */
  function kill(): void {
    const b = browser;
    browser = null;
    if (b) void b.then((x) => x.close()).catch(() => undefined);
  }

  async function print(request: PrintRequest): Promise<Uint8Array> {
    const signal = request.signal;
    signal?.throwIfAborted();
    const held: { context: BrowserContext | null } = { context: null };
    // Another document's print on the same browser loses only this print's context.
    const stop = () => (active > 1 ? void held.context?.close().catch(() => undefined) : kill());
    signal?.addEventListener('abort', stop, { once: true });
    active++;
    try {
      return await printOnce(request, held);
    } catch (e) {
      // Whatever the dying browser said, the print stopped because it was cancelled.
      signal?.throwIfAborted();
      throw e;
    } finally {
      active--;
      signal?.removeEventListener('abort', stop);
    }
  }

  async function printOnce(request: PrintRequest, held: { context: BrowserContext | null }): Promise<Uint8Array> {
    layout = null;
    const clock = request.clock;
    const t0 = performance.now();
    browser ??= (options.launch ?? launchChromium)();
    let b: Browser;
    try {
      b = await browser;
      clock?.add('chromium: launch', performance.now() - t0);
    } catch (e) {
      browser = null;
      throw e;
    }
    // Cancelled while the browser started: kill() saw only the promise.
    request.signal?.throwIfAborted();
    const bleed = request.bleedMm ?? 0;
    const width = request.paper.width + 2 * bleed;
    const height = request.paper.height + 2 * bleed;
    const context = await b.newContext({
      viewport: { width: Math.ceil(mmToPx(width)), height: Math.ceil(mmToPx(height)) },
      deviceScaleFactor: 1,
      extraHTTPHeaders: options.headers ?? {},
    });
    held.context = context;
    const problems: string[] = [];
    try {
      request.signal?.throwIfAborted();
      const t1 = performance.now();
      const page = await context.newPage();
      page.on('pageerror', (e) => problems.push(e.message.split('\n')[0]!));
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text().split('\n')[0]!);
      });
      // One deadline for loading and laying out: the user's timeout covers both.
      const deadline = Date.now() + timeout;
      const notReady = () => {
        const why = problems.length > 0 ? ` (the page said: ${problems[0]})` : '';
        return new Error(`the page was not ready to print within ${Math.round(timeout / 1000)} s: html[${READY_ATTRIBUTE}="true"] never appeared${why}`);
      };
      try {
        await page.goto(printUrlWithBleed(options.printUrl(request.handle), bleed), { waitUntil: 'load', timeout });
        // Print mode says it failed with ERROR_ATTRIBUTE rather than leave us waiting.
        await page.waitForSelector(`html[${READY_ATTRIBUTE}="true"], html[${ERROR_ATTRIBUTE}]`, {
          state: 'attached',
          timeout: Math.max(1, deadline - Date.now()),
        });
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') throw notReady();
        throw e;
      }
      clock?.add('print page: context, load, lay out', performance.now() - t1);
      if (clock) for (const [stage, ms] of Object.entries((await page.evaluate(MARKS_SCRIPT)) as Record<string, number>)) clock.add(`print page: ${stage}`, ms);
      const error = await page.locator('html').getAttribute(ERROR_ATTRIBUTE);
      if (error !== null) throw new Error(`print mode failed: ${error.split('\n')[0]}`);
      // Overset as print mode laid it out, for preflight: one map per sheet.
      layout = {
        overset: (await page.evaluate(OVERSET_SCRIPT)) as Record<string, number>[],
      };
      request.signal?.throwIfAborted();
      request.onPrinting?.();
      return await (clock ?? new StageClock()).time('chromium: printToPDF', () => page.pdf({
        width: `${width}mm`,
        height: `${height}mm`,
        printBackground: true,
        preferCSSPageSize: true,
        margin: { top: '0', right: '0', bottom: '0', left: '0' },
      }));
    } finally {
      await context.close().catch(() => undefined);
    }
  }

  return {
    print,
    lastLayout: () => layout,
    async close() {
      const b = browser;
      browser = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
