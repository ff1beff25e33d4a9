/**
 * Cancelling a print in the real headless Chromium: the print rejects at once
 * with the abort (not after the ready timeout), the browser is closed — the
 * print processes with it — and the next print launches a fresh one. With
 * another print on the same browser, only the cancelled print's context goes.
 */
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from '../../../electron/node/chromium/launch';
import { createChromiumPrinter } from '../../../electron/node/export/chromium-printer';

// A page that never says it is laid out: the print waits in its layout stage until stopped.
const NEVER_READY = 'data:text/html,<p>laying out…</p>';
const paper = { width: 390, height: 545 };

/** Waits until the browser shows `count` print pages (launched, context made, page opened). */
async function printPagesOpen(browsers: Browser[], count: number): Promise<void> {
  const pages = () => browsers.at(-1)?.contexts().reduce((n, c) => n + c.pages().length, 0) ?? 0;
  for (let i = 0; i < 300 && pages() < count; i++) await new Promise((r) => setTimeout(r, 50));
  if (pages() < count) throw new Error(`no print page after 15 s`);
  // Let the page start loading.
  await new Promise((r) => setTimeout(r, 300));
}

describe.skipIf(findChromium() === null)('Chromium printer cancel', () => {
  const launched: Browser[] = [];
  const printer = createChromiumPrinter({
    printUrl: () => NEVER_READY,
    readyTimeoutMs: 4_000,
    launch: async () => {
      const b = await launchChromium();
      launched.push(b);
      return b;
    },
  });
  afterAll(async () => {
    await printer.close();
    for (const b of launched) await b.close().catch(() => undefined);
  });

  it('kills the browser when the only print is cancelled, and starts a fresh one for the next', async () => {
    const controller = new AbortController();
    const printing = printer.print({ handle: 'h', paper, signal: controller.signal });
    printing.catch(() => undefined);
    await printPagesOpen(launched, 1);
    expect(launched).toHaveLength(1);
    const stopped = Date.now();
    controller.abort();
    await expect(printing).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - stopped).toBeLessThan(2_000);
    for (let i = 0; i < 50 && launched[0]!.isConnected(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(launched[0]!.isConnected()).toBe(false);
    // A later print (here it times out: the page is never ready) runs on a new browser.
    await expect(printer.print({ handle: 'h', paper })).rejects.toThrow(/not ready to print within 4 s/);
    expect(launched).toHaveLength(2);
  }, 60_000);

  it('closes only its own context when another print shares the browser', async () => {
    const controller = new AbortController();
    const cancelled = printer.print({ handle: 'a', paper, signal: controller.signal });
    const other = printer.print({ handle: 'b', paper });
    cancelled.catch(() => undefined);
    other.catch(() => undefined);
    await printPagesOpen(launched, 2);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    // The other print was not killed with it: it runs on until its own ready timeout.
    await expect(other).rejects.toThrow(/not ready to print within 4 s/);
    expect(launched.at(-1)!.isConnected()).toBe(true);
  }, 60_000);

  it('rejects at once when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    const before = launched.length;
    await expect(printer.print({ handle: 'h', paper, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(launched).toHaveLength(before);
  });
});
