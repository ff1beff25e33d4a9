/**
 * The PDF side of an export as one pipeline: Chromium's PDF is loaded once
 * (pdf-lib), named stages change that one document in order — the printed
 * size checked, page boxes, colours, images, marks, metadata — and it is
 * saved once. Each stage is timed and reported by name (the export's
 * breakdown in `npm run bench`), and every stage boundary is a safe point
 * for a cancelled export to stop.
 */
import { ParseSpeeds, PDFDocument } from 'pdf-lib';

/** One named step over the loaded document; it changes the document in place. */
export interface PdfStage {
  name: string;
  run(doc: PDFDocument): void | Promise<void>;
}

export interface PipelineHooks {
  /** Hears each stage's name and milliseconds as it ends. */
  onStage?: (name: string, ms: number) => void;
  /** Checked after every stage: an aborted export stops there with the abort reason. */
  signal?: AbortSignal;
}

async function timed<T>(name: string, hooks: PipelineHooks, work: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await work();
  hooks.onStage?.(name, performance.now() - t0);
  hooks.signal?.throwIfAborted();
  return result;
}

/**
 * Loads Chromium's PDF: the one parse of an export. Parsing and saving run
 * without yielding to the event loop between objects (tens of ms for a
 * page): yielding made them wait behind everything else the host was doing.
 */
export function loadPdf(bytes: Uint8Array, hooks: PipelineHooks = {}): Promise<PDFDocument> {
  return timed('load', hooks, () => PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest }));
}

/** Runs `stages` over `doc` in order, each timed under its name. */
export async function runStages(doc: PDFDocument, stages: readonly PdfStage[], hooks: PipelineHooks = {}): Promise<void> {
  for (const stage of stages) await timed(stage.name, hooks, () => stage.run(doc));
}

/**
 * Saves the document: no object streams (older RIPs and PDF/X-1a/-3 readers
 * do not know them); `version` rewrites pdf-lib's 1.7 header (same length,
 * so no offset moves), e.g. to 1.6 for PDF/X-4.
 */
export function savePdf(doc: PDFDocument, options: { version?: '1.6' } = {}, hooks: PipelineHooks = {}): Promise<Uint8Array> {
  return timed('save', hooks, async () => {
    const pdf = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, objectsPerTick: Infinity });
    if (options.version) {
      const head = Buffer.from(pdf.buffer, pdf.byteOffset, 9).toString('latin1');
      if (head !== '%PDF-1.7\n') throw new Error(`unexpected PDF header from pdf-lib: ${JSON.stringify(head)}`);
      pdf.set(Buffer.from(`%PDF-${options.version}`, 'latin1'), 0);
    }
    return pdf;
  });
}
