/**
 * Export: validate the pages, print them in the renderer's print mode, run
 * the PDF pipeline over the one loaded document (pdf/pdf-pipeline.ts: the
 * screen PDF's exact page boxes and metadata, or the print file's stages and
 * preflight) and write it atomically. Every stage is timed
 * (export-timings.ts). An export of pages this printer printed before, unchanged,
 * reuses that print (print-cache.ts) and runs only the PDF pipeline.
 *
 * An export can be cancelled through its `signal`: it stops at the next safe
 * point (between stages; the printer closes its browser; post-processing
 * checks between its steps and images) and returns EXPORT_CANCELLED. Nothing
 * is written before the final atomic rename, so a cancelled export leaves no
 * file, no temp file, and an earlier file at the path untouched.
 */
import type { PDFDocument } from 'pdf-lib';
import type { ExportInfo, ExportProgress, ExportStage } from '../../../shared/host/host-api';
import { EXPORT_CANCELLED } from '../../../shared/host/host-api';
import type { PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { pageFromJson } from '../../../shared/model/load-page';
import { shippedProfilePath } from '../pdf/output-profile';
import { bleedOf, DEFAULT_JPEG_QUALITY } from '../pdf/post-process-options';
import type { PrintPdfRequest } from '../pdf/print-ready';
import type { DocumentSession } from '../session/document-session';
import { checkPages } from '../session/session-store';
import { writeFileAtomic } from '../storage/atomic-write';
import type { PdfPrinter, PrintLayout } from './printer';
import type { KeptPrint } from './print-cache';
import { keepPrint, keptPrint, printKey } from './print-cache';
import { publishExportTimings, StageClock } from './export-timings';

const importPdfSide = () =>
  Promise.all([import('../pdf/finish'), import('../pdf/pdf-pipeline'), import('../pdf/image-cache'), import('../pdf/print-ready'), import('./ink-under-text')]).then(
    ([finish, pipeline, images, ready, ink]) => ({ finish, pipeline, images, ready, ink }),
  );
type PdfSide = Awaited<ReturnType<typeof importPdfSide>>;
let pdfSide: Promise<PdfSide> | undefined;

/**
 * The PDF side of an export — pdf-lib, sharp, post-processing, preflight —
 * loaded on first use, once the first print page is on its way: a cold
 * export command opens its print page without waiting for these modules,
 * which load beside Chromium's work.
 */
function loadPdfSide(): Promise<PdfSide> {
  pdfSide ??= importPdfSide();
  pdfSide.catch(() => (pdfSide = undefined));
  return pdfSide;
}

export interface ExportRequest {
  session: DocumentSession;
  pages: readonly unknown[];
  /** Where to write the PDF (absolute). */
  outPath: string;
  printer: PdfPrinter;
  /** Print-ready variant (PDF/X-4 …) and preflight; without it the finished screen PDF is written. */
  print?: PrintPdfRequest;
  /** Hears each stage as it starts, and preflight's findings. */
  onProgress?: (progress: ExportProgress) => void;
  /** Stops the export at its next safe point (see the module comment). */
  signal?: AbortSignal;
}

/** The result of an export stopped by its signal. */
export function exportCancelled(): Result<never> {
  return fail(EXPORT_CANCELLED, 'the export was cancelled', '导出已取消');
}

/** The PDF title: paper, date and page, e.g. `萧山日报 2022-11-21 第一版`. */
export function pdfTitle(settings: PageSettings): string {
  const { paperName, date, editionName } = settings.edition;
  return [paperName, date, editionName].filter((s) => s !== '').join(' ');
}

/**
 * The picture ink under black text, per page, for preflight; undefined when
 * it cannot be measured (preflight then warns instead of measuring).
 */
async function measureInk(side: PdfSide, session: DocumentSession, pages: readonly unknown[], profilePath: string, signal?: AbortSignal) {
  try {
    const docs = pages.map((json) => {
      const loaded = pageFromJson(json);
      if (!loaded.ok) throw new RangeError('page does not load');
      return loaded.doc;
    });
    const images = new Map([...session.assets.values()].map((a) => [a.entry.hash, a.bytes]));
    return await side.ink.measureInkUnderText({ docs, images, profilePath, signal });
  } catch {
    return undefined;
  }
}

export async function exportPdf(request: ExportRequest): Promise<Result<ExportInfo>> {
  const clock = new StageClock();
  const t0 = performance.now();
  try {
    return await exportTimed(request, clock);
  } finally {
    clock.add('total', performance.now() - t0);
    publishExportTimings(clock.stages);
  }
}

async function exportTimed(request: ExportRequest, clock: StageClock): Promise<Result<ExportInfo>> {
  const started = performance.now();
  const report = (stage: ExportStage, extra: Partial<ExportProgress> = {}) =>
    request.onProgress?.({ stage, elapsedMs: Math.round(performance.now() - started), ...extra });
  const signal = request.signal;
  if (signal?.aborted) return exportCancelled();
  report('layout');
  const bleedMm = request.print ? bleedOf(request.print) : 0;
  const checked = checkPages(request.pages);
  if (!checked.ok) return checked;
  const { pages, settings } = checked.value;
  const paper = settings.paper;
  for (const [index, page] of pages.entries()) {
    const other = (page as { attrs: { settings: PageSettings } }).attrs.settings.paper;
    if (other.width !== paper.width || other.height !== paper.height) {
      return fail('MIXED_PAPER', `page ${index + 1} is ${other.width} × ${other.height} mm, page 1 is ${paper.width} × ${paper.height} mm`);
    }
  }
  request.session.printPages = pages;
  if (signal?.aborted) return exportCancelled();

  // While Chromium loads and lays the page out, the photos are separated through the output profile and encoded (the
  // slowest step after). Started once the print page is on its way: the separation's own JavaScript (separate-colours.ts)
  // would otherwise hold up the messages that open the page.
  const print = request.print;
  const ahead: [string, string, number][] = [];
  let done = false;
  let aheadStarted = false;
  const startAhead = () => {
    // The PDF side loads beside Chromium for every export; the photos are converted ahead for x4-cmyk.
    const side = loadPdfSide();
    if (print?.variant !== 'x4-cmyk' || aheadStarted) return;
    aheadStarted = true;
    const profile = print.profilePath ?? shippedProfilePath();
    void side.then(
      (loaded) => void (done || ahead.push(...separateAhead(loaded, request.session, pages, profile, print.jpegQuality ?? DEFAULT_JPEG_QUALITY))),
      () => undefined,
    );
  };
  try {
    return await exportPrinted(request, clock, { pages, settings, bleedMm, started, report, startAhead });
  } finally {
    done = true;
    // Separations nothing took (a failed or cancelled export) are dropped.
    if (ahead.length > 0) {
      const side = await loadPdfSide();
      for (const [hash, profile, quality] of ahead) void side.images.takeSeparation(hash, profile, quality);
    }
  }
}

/** Starts separating and encoding the pictures the pages show, unless their conversion is cached; returns what it started. */
function separateAhead(side: PdfSide, session: DocumentSession, pages: readonly unknown[], profilePath: string, quality: number): [string, string, number][] {
  const json = JSON.stringify(pages);
  const started: [string, string, number][] = [];
  for (const asset of session.assets.values()) {
    const hash = asset.entry.hash;
    if (!json.includes(hash) || side.images.hasConversion(hash, profilePath)) continue;
    side.images.startSeparation(asset.bytes, profilePath, hash, quality);
    started.push([hash, profilePath, quality]);
  }
  return started;
}

interface Checked {
  pages: readonly unknown[];
  settings: PageSettings;
  bleedMm: number;
  started: number;
  report: (stage: ExportStage, extra?: Partial<ExportProgress>) => void;
  /** Starts the work that can run beside Chromium's (the photos' conversion). */
  startAhead: () => void;
}

async function exportPrinted(request: ExportRequest, clock: StageClock, checked: Checked): Promise<Result<ExportInfo>> {
  const { pages, settings, bleedMm, started, report, startAhead } = checked;
  const signal = request.signal;
  const paper = settings.paper;
  // The same pages and bleed printed before by this printer: its print is reused (print-cache.ts), the rest runs as always.
  const key = printKey(request.session.handle, pages, bleedMm);
  const reused = keptPrint(request.printer, key);
  let printed: KeptPrint | undefined;
  let raw: Uint8Array;
  let layout: PrintLayout | null;
  if (reused) {
    startAhead();
    report('print');
    clock.add('print: reused (pages unchanged)', 0);
    raw = reused.raw;
    layout = reused.layout;
  } else {
    try {
      raw = await request.printer.print({
      handle: request.session.handle,
      paper,
      bleedMm,
        onLoading: startAhead,
        // A printer that does not say when it loads: the photos are converted beside the print at least.
        onPrinting: () => {
          startAhead();
          report('print');
        },
        signal,
        clock,
      });
    } catch (e) {
      if (signal?.aborted) return exportCancelled();
      return fail('PRINT_FAILED', `printing failed: ${(e as Error).message}`);
    }
    layout = request.printer.lastLayout?.() ?? null;
    // Kept once the export succeeds; a copy, as the PDF pipeline works on `raw`.
    if (request.printer.printsAreReusable) printed = { raw: raw.slice(), layout };
  }
  if (signal?.aborted) return exportCancelled();
  let side: PdfSide;
  try {
    side = await clock.time('load the PDF modules (waited for)', loadPdfSide);
  } catch (e) {
    return fail('PRINT_FAILED', `cannot finish the PDF: ${(e as Error).message}`);
  }
  const { loadPdf, runStages, savePdf } = side.pipeline;
  const { checkPrintedSizeStage, finishStages } = side.finish;
  // One load of Chromium's PDF; every PDF stage below works on this document.
  const pdfStage = (name: string, ms: number) => clock.add(`pdf: ${name}`, ms);
  let doc: PDFDocument;
  let finished: Uint8Array | null = null;
  try {
    doc = await loadPdf(raw, { onStage: pdfStage, signal });
    const pageCount = doc.getPageCount();
    if (pageCount !== pages.length) {
      // More PDF pages than pages means something ran off the page in print mode.
      return fail('PRINT_PAGE_COUNT', `the print has ${pageCount} PDF page(s) for ${pages.length} page(s): something runs off the page`);
    }
    report('postprocess');
    const finish = { settings, title: pdfTitle(settings), bleedMm };
    // A print file gets its boxes and metadata from post-processing: only the size check here.
    await runStages(doc, request.print ? [checkPrintedSizeStage(finish)] : finishStages(finish), { onStage: pdfStage, signal });
    if (!request.print) finished = await savePdf(doc, {}, { onStage: pdfStage, signal });
  } catch (e) {
    if (signal?.aborted) return exportCancelled();
    return fail('PRINT_FAILED', `cannot finish the PDF: ${(e as Error).message}`);
  }
  if (signal?.aborted) return exportCancelled();
  let findings: ExportInfo['findings'];
  if (request.print) {
    const assets = new Map([...request.session.assets.values()].map((a) => [a.entry.hash, a.entry]));
    const print = request.print;
    const inkUnderText = await clock.time('ink under text', () => measureInk(side, request.session, pages, print.profilePath ?? shippedProfilePath(), signal));
    if (signal?.aborted) return exportCancelled();
    const ready = await side.ready.makePrintReady(
      doc,
      { pages, settings, assets, overset: layout?.overset ?? null, title: pdfTitle(settings), sourceBleedMm: bleedMm, inkUnderText },
      {
        ...print,
        signal,
        onChecking: () => {
          print.onChecking?.();
          report('check');
        },
        onPreflight: (all) => {
          print.onPreflight?.(all);
          report('check', { findings: all });
        },
      },
      { onStage: pdfStage },
    );
    if (!ready.ok) return ready;
    finished = ready.value.pdf;
    findings = ready.value.findings;
  }
  if (!finished) return fail('PRINT_FAILED', 'the PDF was not finished');
  const bytes = finished;
  if (signal?.aborted) return exportCancelled();
  // The last safe point is just before the rename: after it the export is done.
  const written = await clock.time('write', () => writeFileAtomic(request.outPath, bytes, { backup: false, signal }));
  if (!written.ok) return signal?.aborted ? exportCancelled() : fail('WRITE_FAILED', written.error.message);
  if (printed) keepPrint(request.printer, key, printed);
  return ok({
    path: request.outPath,
    bytes: bytes.byteLength,
    pageCount: pages.length,
    elapsedMs: Math.round(performance.now() - started),
    ...(findings ? { findings } : {}),
  });
}
