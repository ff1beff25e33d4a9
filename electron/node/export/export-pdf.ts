/**
 * Export: validate the pages, print them in the renderer's print mode,
 * finish the PDF (exact page boxes, metadata) and write it atomically.
 */
import { PDFDocument } from 'pdf-lib';
import { basename } from 'node:path';
import type { ExportInfo, ExportProgress, ExportStage } from '../../../shared/host/host-api';
import type { PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { finishPdf } from '../pdf/finish';
import type { PrintPdfRequest } from '../pdf/print-ready';
import { bleedOf, makePrintReady } from '../pdf/print-ready';
import type { DocumentSession } from '../session/document-session';
import { checkPages } from '../session/session-store';
import type { PdfPrinter } from './printer';
import { writeFileAtomically } from './write-atomic';

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
}

/** The PDF title: paper, date and page, e.g. `萧山日报 2022-11-21 第一版`. */
export function pdfTitle(settings: PageSettings): string {
  const { paperName, date, editionName } = settings.edition;
  return [paperName, date, editionName].filter((s) => s !== '').join(' ');
}

export async function exportPdf(request: ExportRequest): Promise<Result<ExportInfo>> {
  const started = performance.now();
  const report = (stage: ExportStage, extra: Partial<ExportProgress> = {}) =>
    request.onProgress?.({ stage, elapsedMs: Math.round(performance.now() - started), ...extra });
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

  let raw: Uint8Array;
  try {
    raw = await request.printer.print({ handle: request.session.handle, paper, bleedMm, onPrinting: () => report('print') });
  } catch (e) {
    return fail('PRINT_FAILED', `printing failed: ${(e as Error).message}`);
  }
  let finished: Uint8Array;
  try {
    const pageCount = (await PDFDocument.load(raw, { updateMetadata: false })).getPageCount();
    if (pageCount !== pages.length) {
      // More PDF pages than pages means something ran off the page in print mode.
      return fail('PRINT_PAGE_COUNT', `the print has ${pageCount} PDF page(s) for ${pages.length} page(s): something runs off the page`);
    }
    report('postprocess');
    finished = await finishPdf(raw, { settings, title: pdfTitle(settings), bleedMm });
  } catch (e) {
    return fail('PRINT_FAILED', `cannot finish the PDF: ${(e as Error).message}`);
  }
  let findings: ExportInfo['findings'];
  if (request.print) {
    const assets = new Map([...request.session.assets.values()].map((a) => [a.entry.hash, a.entry]));
    const print = request.print;
    const ready = await makePrintReady(
      finished,
      { pages, settings, assets, overset: request.printer.lastLayout?.()?.overset ?? null, title: pdfTitle(settings), sourceBleedMm: bleedMm },
      {
        ...print,
        onChecking: () => {
          print.onChecking?.();
          report('check');
        },
        onPreflight: (all) => {
          print.onPreflight?.(all);
          report('check', { findings: all });
        },
      },
    );
    if (!ready.ok) return ready;
    finished = ready.value.pdf;
    findings = ready.value.findings;
  }
  try {
    await writeFileAtomically(request.outPath, finished);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail('WRITE_FAILED', `cannot write ${basename(request.outPath)}: ${err.code ?? err.message}`);
  }
  return ok({
    path: request.outPath,
    bytes: finished.byteLength,
    pageCount: pages.length,
    elapsedMs: Math.round(performance.now() - started),
    ...(findings ? { findings } : {}),
  });
}
