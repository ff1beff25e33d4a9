/**
 * Printing through headless Chromium (playwright-core): open the renderer in
 * print mode, wait until it says it is laid out, print to PDF. One browser
 * is started on the first print and reused until `close()`, and the print
 * page is kept open after a print (for {@link KEEP_PAGE_MS}): the next print
 * of the same session reuses it — no load, fonts already there — and print
 * mode lays the pages out again only when they changed.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { BLEED_QUERY, DRAFT_QUERY, READY_ATTRIBUTE } from '../../../shared/host/web-protocol';
import { mmToPx } from '../../../shared/page/units';
import { launchChromium } from '../chromium/launch';
import { StageClock } from './export-timings';
import type { PdfPrinter, PrintLayout, PrintRequest, SheetImage } from './printer';
import type { MeasuredOverset } from '../../../shared/copyfit/block-fit';

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

/**
 * Runs in the print page (as source: this layer has no DOM types): overset
 * per block id, per sheet; with the parts over (`data-overset-parts`, JSON)
 * when the block has any (shared/copyfit/block-fit.ts).
 */
const OVERSET_SCRIPT = `[...document.querySelectorAll('.bm-print-sheet')].map((sheet) => Object.fromEntries(
  [...sheet.querySelectorAll('[data-block-id][data-overset]')].map((e) => {
    const chars = Number(e.getAttribute('data-overset')) || 0;
    const parts = e.getAttribute('data-overset-parts');
    return [e.getAttribute('data-block-id') || '', parts ? { chars, parts: JSON.parse(parts) } : chars];
  })))`;

/**
 * Runs in the print page: how long its steps took, ms, from the marks print
 * mode leaves (renderer/print/print-mode.ts) and the navigation timing.
 */
const MARKS_SCRIPT = `(() => {
  const at = (n) => performance.getEntriesByName(n)[0]?.startTime;
  const nav = performance.getEntriesByType('navigation')[0];
  const steps = [['load the editor', 0, nav ? nav.domContentLoadedEventEnd : undefined], ['fetch the document', at('bm-print-start'), at('bm-print-loaded')],
    ['render', at('bm-print-loaded'), at('bm-print-rendered')], ['fonts', at('bm-print-rendered'), at('bm-print-fonts')],
    ['images', at('bm-print-fonts'), at('bm-print-images')], ['typesetting settles', at('bm-print-images'), at('bm-print-ready')]];
  return Object.fromEntries(steps.filter(([, a, b]) => a !== undefined && b !== undefined).map(([n, a, b]) => [n, b - a]));
})()`;

/** Attribute print mode sets on `<html>`, with a message, when it cannot show the document. */
export const ERROR_ATTRIBUTE = 'data-bm-error';

/** Runs in the print page once it is ready or failed: its error, the overset and the marks' durations. */
const STATE_SCRIPT = `({ error: document.documentElement.getAttribute('data-bm-error'), overset: ${OVERSET_SCRIPT}, marks: ${MARKS_SCRIPT} })`;

/** Runs in the print page: each sheet's box in page coordinates, CSS px. */
const SHEETS_SCRIPT = `[...document.querySelectorAll('.bm-print-sheet')].map((s) => {
  const r = s.getBoundingClientRect();
  return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };
})`;

/** Asks a kept print page to show the session's print pages again (renderer/print/print-mode.ts), as a draft or not. */
const reprintScript = (draft: boolean) => `window.__bmReprint(${draft})`;

/**
 * Runs in a freshly loaded print page: resolves when print mode says it is
 * laid out (or failed), seen by a MutationObserver on `<html>`, then answers
 * with the state. One evaluation in the page's own world: no selector engine
 * to inject (playwright's is 345 KB of script, sent twice) and no polling.
 */
const READY_THEN_STATE_SCRIPT = `new Promise((resolve) => {
  const html = document.documentElement;
  const done = () => html.getAttribute('${READY_ATTRIBUTE}') === 'true' || html.hasAttribute('${ERROR_ATTRIBUTE}');
  if (done()) return resolve();
  new MutationObserver((_, observer) => {
    if (!done()) return;
    observer.disconnect();
    resolve();
  }).observe(html, { attributes: true });
}).then(() => ${STATE_SCRIPT})`;

/** How long a print page is kept open after its last print, ms: an editor exports the page again within minutes. */
export const KEEP_PAGE_MS = 10 * 60_000;

/** A print page: its own context, what it was opened for, and what it said. */
interface PrintPage {
  context: BrowserContext;
  page: Page;
  /** Session, bleed and size: a print for another key needs another page. */
  key: string;
  busy: boolean;
  problems: string[];
  timer: ReturnType<typeof setTimeout> | undefined;
}

/** The print-mode URL asking for a page laid out with `bleedMm` of bleed. */
export function printUrlWithBleed(url: string, bleedMm: number): string {
  return bleedMm > 0 ? `${url}${url.includes('?') ? '&' : '?'}${BLEED_QUERY}=${bleedMm}` : url;
}

export function createChromiumPrinter(options: ChromiumPrinterOptions): PdfPrinter {
  const timeout = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let browser: Promise<Browser> | null = null;
  let layout: PrintLayout | null = null;
  /** The print page kept open after a print, for the next print of the same session. */
  let warm: PrintPage | null = null;

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
    warm = null;
    if (b) void b.then((x) => x.close()).catch(() => undefined);
  }

  function print(request: PrintRequest): Promise<Uint8Array> {
    return onLaidOutPage(request, async (page, width, height) => {
      request.onPrinting?.();
      return (request.clock ?? new StageClock()).time('chromium: printToPDF', () =>
        page.pdf({
          width: `${width}mm`,
          height: `${height}mm`,
          printBackground: true,
          preferCSSPageSize: true,
          margin: { top: '0', right: '0', bottom: '0', left: '0' },
        }),
      );
    });
  }

  /** Images of the sheets, `widthPx` wide, as the print media shows them (screen-only marks hidden). */
  function capture(request: PrintRequest, widthPx: number): Promise<SheetImage[]> {
    return onLaidOutPage(request, async (page) => {
      const rects = (await page.evaluate(SHEETS_SCRIPT)) as { x: number; y: number; width: number; height: number }[];
      await page.emulateMedia({ media: 'print' });
      const cdp = await page.context().newCDPSession(page);
      const t0 = performance.now();
      try {
        if (rects.length === 0) return [];
        // One capture of all the sheets at the thumbnail's scale (Chromium renders the clip at that
        // scale: no full-size bitmap), cut into sheets here: each capture beyond the viewport costs
        // Chromium a resize and a layout, so one instead of one per sheet.
        const left = Math.min(...rects.map((r) => r.x));
        const top = Math.min(...rects.map((r) => r.y));
        const right = Math.max(...rects.map((r) => r.x + r.width));
        const bottom = Math.max(...rects.map((r) => r.y + r.height));
        const scale = widthPx / Math.max(...rects.map((r) => r.width));
        request.signal?.throwIfAborted();
        const shot = (await cdp.send('Page.captureScreenshot', {
          format: 'png',
          clip: { x: left, y: top, width: right - left, height: bottom - top, scale },
          captureBeyondViewport: true,
        })) as { data: string };
        const strip = sharp(Buffer.from(shot.data, 'base64'));
        const { width: stripW = 0, height: stripH = 0 } = await strip.metadata();
        const images: SheetImage[] = [];
        for (const r of rects) {
          const x = Math.min(stripW - 1, Math.round((r.x - left) * scale));
          const y = Math.min(stripH - 1, Math.round((r.y - top) * scale));
          const width = Math.max(1, Math.min(stripW - x, Math.round(r.width * scale)));
          const height = Math.max(1, Math.min(stripH - y, Math.round(r.height * scale)));
          const jpeg = await strip.clone().extract({ left: x, top: y, width, height }).jpeg({ quality: 82 }).toBuffer();
          images.push({ jpegBase64: jpeg.toString('base64'), width, height });
        }
        request.clock?.add('chromium: capture sheets', performance.now() - t0);
        return images;
      } finally {
        await cdp.detach().catch(() => undefined);
        await page.emulateMedia({ media: null }).catch(() => undefined);
      }
    });
  }

  /** Lays the session's print pages out on a print page (the kept one when it can) and runs `output` on it. */
  async function onLaidOutPage<T>(request: PrintRequest, output: (page: Page, widthMm: number, heightMm: number) => Promise<T>): Promise<T> {
    const signal = request.signal;
    signal?.throwIfAborted();
    const held: { context: BrowserContext | null } = { context: null };
    // Another document's print on the same browser loses only this print's context.
    const stop = () => (active > 1 ? void held.context?.close().catch(() => undefined) : kill());
    signal?.addEventListener('abort', stop, { once: true });
    active++;
    try {
      return await printOnce(request, held, output);
    } catch (e) {
      // Whatever the dying browser said, the print stopped because it was cancelled.
      signal?.throwIfAborted();
      throw e;
    } finally {
      active--;
      signal?.removeEventListener('abort', stop);
    }
  }

  /** Closes the kept print page, unless a print is using it. */
  function dropWarm(): void {
    const w = warm;
    if (!w || w.busy) return;
    warm = null;
    clearTimeout(w.timer);
    void w.context.close().catch(() => undefined);
  }

  /** Opens a context and a page for this print (not yet navigated). */
  async function openPage(b: Browser, key: string, viewport: { width: number; height: number }): Promise<PrintPage> {
    const context = await b.newContext({ viewport, deviceScaleFactor: 1, extraHTTPHeaders: options.headers ?? {} });
    const page = await context.newPage();
    const kept: PrintPage = { context, page, key, busy: true, problems: [], timer: undefined };
    page.on('pageerror', (e) => kept.problems.push(e.message.split('\n')[0]!));
    page.on('console', (m) => {
      if (m.type() === 'error') kept.problems.push(m.text().split('\n')[0]!);
    });
    return kept;
  }

  async function printOnce<T>(request: PrintRequest, held: { context: BrowserContext | null }, output: (page: Page, widthMm: number, heightMm: number) => Promise<T>): Promise<T> {
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
    const key = `${request.handle}|${bleed}|${width}x${height}`;
    const t1 = performance.now();
    // The page kept from the last print of this session is reused when free: no load, no fonts, and
    // unchanged pages are not laid out again. Otherwise a fresh page, kept afterwards if none is kept.
    const reuse = warm !== null && warm.key === key && !warm.busy && browser !== null;
    if (warm && !reuse && !warm.busy) dropWarm();
    const print: PrintPage = reuse ? warm! : await openPage(b, key, { width: Math.ceil(mmToPx(width)), height: Math.ceil(mmToPx(height)) });
    print.busy = true;
    print.problems.length = 0;
    clearTimeout(print.timer);
    held.context = print.context;
    let keep = false;
    try {
      request.signal?.throwIfAborted();
      const { page, problems } = print;
      // One deadline for loading and laying out: the user's timeout covers both.
      const deadline = Date.now() + timeout;
      const notReady = () => {
        const why = problems.length > 0 ? ` (the page said: ${problems[0]})` : '';
        return new Error(`the page was not ready to print within ${Math.round(timeout / 1000)} s: html[${READY_ATTRIBUTE}="true"] never appeared${why}`);
      };
      type State = { error: string | null; overset: Record<string, MeasuredOverset>[]; marks: Record<string, number> };
      let state: State;
      try {
        let script: string;
        if (reuse) {
          // One round trip: print mode shows the pages again (when they changed) and answers with its state.
          script = `${reprintScript(request.draft === true)}.then(() => ${STATE_SCRIPT})`;
          request.onLoading?.();
        } else {
          const url = printUrlWithBleed(options.printUrl(request.handle), bleed);
          const loading = page.goto(request.draft ? `${url}${url.includes('?') ? '&' : '?'}${DRAFT_QUERY}=1` : url, { waitUntil: 'load', timeout });
          // The navigation is on its way: the caller's own work may start beside Chromium's.
          request.onLoading?.();
          await loading;
          // Print mode says it failed with ERROR_ATTRIBUTE rather than leave us waiting; then one round trip for
          // what the page says: error, overset, how long its steps took.
          script = READY_THEN_STATE_SCRIPT;
        }
        let timer: ReturnType<typeof setTimeout> | undefined;
        const late = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error('not ready'), { name: 'TimeoutError' })), Math.max(1, deadline - Date.now()));
        });
        try {
          state = (await Promise.race([page.evaluate(script), late])) as State;
        } finally {
          clearTimeout(timer);
        }
      } catch (e) {
        if ((e as Error).name === 'TimeoutError') throw notReady();
        throw e;
      }
      clock?.add(reuse ? 'print page: kept page, lay out again' : 'print page: context, load, lay out', performance.now() - t1);
      for (const [stage, ms] of Object.entries(state.marks)) {
        if (!(reuse && stage === 'load the editor')) clock?.add(`print page: ${stage}`, ms);
      }
      if (state.error !== null) throw new Error(`print mode failed: ${state.error.split('\n')[0]}`);
      // Overset as print mode laid it out, for preflight: one map per sheet.
      layout = { overset: state.overset };
      request.signal?.throwIfAborted();
      const out = await output(page, width, height);
      keep = browser !== null && (warm === null || warm === print);
      return out;
    } finally {
      print.busy = false;
      if (keep) {
        warm = print;
        print.timer = setTimeout(dropWarm, KEEP_PAGE_MS);
        print.timer.unref?.();
      } else {
        if (warm === print) warm = null;
        await print.context.close().catch(() => undefined);
      }
    }
  }

  return {
    print,
    capture,
    lastLayout: () => layout,
    // Print mode lays out the session's print pages and nothing else: the same pages print the same PDF.
    printsAreReusable: true,
    async close() {
      const b = browser;
      browser = null;
      if (warm) clearTimeout(warm.timer);
      warm = null;
      if (b) await (await b.catch(() => null))?.close();
    },
  };
}
