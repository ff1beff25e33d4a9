/**
 * Printing in the desktop app: a hidden window shows the document in print
 * mode; once it says it is ready, `printToPDF` writes the raw PDF (finished
 * by the same finishPdf as the CLI).
 */
import { BrowserWindow } from 'electron';
import { PRINT_QUERY, READY_ATTRIBUTE } from '../../shared/host/web-protocol';
import { ERROR_ATTRIBUTE, printUrlWithBleed } from '../node/export/chromium-printer';
import type { PdfPrinter, PrintRequest } from '../node/export/printer';
import { APP_INDEX_URL } from '../node/ipc/channels';
import { secureWebPreferences } from './security';

const READY_TIMEOUT_MS = 60_000;
const MM_PER_INCH = 25.4;

export function createElectronPrinter(preload: string): PdfPrinter {
  return {
    async print(request: PrintRequest): Promise<Uint8Array> {
      request.signal?.throwIfAborted();
      const win = new BrowserWindow({ show: false, webPreferences: secureWebPreferences(preload) });
      // Cancelling destroys the hidden window (its renderer and printing with it); whatever is awaited then rejects.
      let stopped: (reason: unknown) => void = () => {};
      const cancelled = new Promise<never>((_resolve, reject) => {
        stopped = reject;
      });
      cancelled.catch(() => undefined);
      const stop = () => {
        win.destroy();
        stopped(request.signal?.reason);
      };
      request.signal?.addEventListener('abort', stop, { once: true });
      const until = <T>(work: Promise<T>): Promise<T> => Promise.race([work, cancelled]);
      try {
        const bleed = request.bleedMm ?? 0;
        const loading = until(win.loadURL(printUrlWithBleed(`${APP_INDEX_URL}?${PRINT_QUERY}=${encodeURIComponent(request.handle)}`, bleed)));
        request.onLoading?.();
        await loading;
        const started = Date.now();
        for (;;) {
          const state = (await until(
            win.webContents.executeJavaScript(
              `[document.documentElement.getAttribute(${JSON.stringify(READY_ATTRIBUTE)}), document.documentElement.getAttribute(${JSON.stringify(ERROR_ATTRIBUTE)})]`,
            ),
          )) as [string | null, string | null];
          if (state[1] !== null) throw new Error(`print mode failed: ${state[1]}`);
          if (state[0] === 'true') break;
          if (Date.now() - started > READY_TIMEOUT_MS) {
            throw new Error(`the page was not ready to print within ${READY_TIMEOUT_MS / 1000} s`);
          }
          await until(new Promise((resolve) => setTimeout(resolve, 100)));
        }
        request.signal?.throwIfAborted();
        request.onPrinting?.();
        const pdf = await until(win.webContents.printToPDF({
          pageSize: { width: (request.paper.width + 2 * bleed) / MM_PER_INCH, height: (request.paper.height + 2 * bleed) / MM_PER_INCH },
          printBackground: true,
          preferCSSPageSize: true,
          margins: { marginType: 'none' },
        }));
        return new Uint8Array(pdf);
      } finally {
        request.signal?.removeEventListener('abort', stop);
        if (!win.isDestroyed()) win.destroy();
      }
    },
    // Print mode lays out the session's print pages and nothing else: the same pages print the same PDF (print-cache.ts).
    printsAreReusable: true,
    async close() {},
  };
}
