/**
 * What prints a document's pages to a raw (unfinished) PDF: headless Chromium
 * through playwright-core for the CLI and web mode, a hidden window's
 * `printToPDF` in Electron. Both load the renderer in print mode.
 */
import type { MeasuredOverset } from '../../../shared/copyfit/block-fit';
import type { PaperSize } from '../../../shared/page/settings';
import type { StageClock } from './export-timings';

export interface PrintRequest {
  /** The session whose print pages the renderer shows (`?print=<handle>`). */
  handle: string;
  /** Paper size of the pages, for the print dialog's page size. */
  paper: PaperSize;
  /**
   * Bleed, mm: print mode lays each page out this much larger on every side,
   * blocks at the trim extending into it, and the PDF page is that size.
   */
  bleedMm?: number;
  /** Called when the print page has been asked to load (or to lay out again): Chromium is busy, the caller may work beside it. */
  onLoading?: () => void;
  /** Called when the page is laid out and printing starts. */
  onPrinting?: () => void;
  /**
   * Stops the print: the printer closes its browser (or window) at once and
   * `print` rejects. The next print starts a fresh one.
   */
  signal?: AbortSignal;
  /**
   * A draft layout (thumbnails): print mode leaves out the line-end pass,
   * invisible at thumbnail size; its overset is the draft's, not the print's.
   */
  draft?: boolean;
  /** Times the printer's stages (launch, load, fonts, typesetting, printToPDF), when it can tell them apart. */
  clock?: StageClock;
}

/** What the print layout measured, per page in order: overset per block id (characters, or with the parts over). */
export interface PrintLayout {
  overset: Record<string, MeasuredOverset>[];
}

/** An image of one printed sheet. */
export interface SheetImage {
  jpegBase64: string;
  /** Size, px. */
  width: number;
  height: number;
}

export interface PdfPrinter {
  /** Raw PDF bytes as the browser wrote them. Throws with a one-line message. */
  print(request: PrintRequest): Promise<Uint8Array>;
  /**
   * Images of the sheets the print would have, `widthPx` wide, laid out
   * exactly as for `print` (thumbnails); `lastLayout` then says what the
   * layout measured. Printers that cannot take images leave it out.
   */
  capture?(request: PrintRequest, widthPx: number): Promise<SheetImage[]>;
  /** The layout measured by the last `print` (for preflight), when the printer can tell. */
  lastLayout?(): PrintLayout | null;
  /**
   * The same pages and bleed always print the same PDF here (print mode lays
   * out nothing else): an export may reuse an earlier print of them
   * (print-cache.ts).
   */
  printsAreReusable?: boolean;
  /** Frees the browser, if the printer started one. */
  close(): Promise<void>;
}
