/**
 * Post-processing of the PDF Chromium prints: exact paper size and metadata.
 *
 * Chromium rounds the page size it was asked for (390 mm comes out as
 * 1105.92 pt instead of 1105.51 pt) and writes every page box equal to that
 * rounded MediaBox. Here each page is measured, its content is moved so its
 * top-left corner stays at the paper's top-left corner, and MediaBox, CropBox,
 * BleedBox, TrimBox and ArtBox are all set to the exact paper size.
 *
 * These are stages of the PDF pipeline (pdf-pipeline.ts); print files use
 * only the size check and get their boxes from post-processing.
 */
import type { PageSettings } from '../../../shared/page/settings';
import { mmToPt } from '../../../shared/page/units';
import type { PdfStage } from './pdf-pipeline';
import { loadPdf, runStages, savePdf } from './pdf-pipeline';

/** Paper size in points, as written to the PDF. */
export interface PaperPt {
  width: number;
  height: number;
}

export interface FinishOptions {
  /** The settings of the document's pages (all pages share one paper size). */
  settings: PageSettings;
  /** Document title (Info dictionary). */
  title: string;
  /** Creation time; defaults to now. */
  date?: Date;
  /**
   * Bleed Chromium printed around the paper, mm (default 0): the page is the
   * paper plus this on every side, TrimBox the paper inside it.
   */
  bleedMm?: number;
}

export const PDF_CREATOR = 'Banmian';
export const PDF_PRODUCER = 'Banmian (Chromium Skia/PDF, pdf-lib)';

/**
 * Chromium's rounding is well under a millimetre; a page off by more than this
 * was not printed at the size we asked for (e.g. the CSS @page size was lost),
 * and stretching boxes over it would hide the error.
 */
const MAX_ROUNDING_PT = mmToPt(2);

/** The paper size of `settings` in points. */
export function paperInPoints(settings: PageSettings): PaperPt {
  return { width: mmToPt(settings.paper.width), height: mmToPt(settings.paper.height) };
}

/** The page size Chromium was asked for, points: the paper plus the bleed it printed. */
function printedSize(options: Pick<FinishOptions, 'settings' | 'bleedMm'>): { trim: PaperPt; bleed: number; page: PaperPt } {
  const trim = paperInPoints(options.settings);
  const bleed = mmToPt(options.bleedMm ?? 0);
  return { trim, bleed, page: { width: trim.width + 2 * bleed, height: trim.height + 2 * bleed } };
}

/**
 * Stage: throws when a page is far from the size it was printed at (a failed
 * print, not a rounding). Every export runs it, proof or print file.
 */
export function checkPrintedSizeStage(options: Pick<FinishOptions, 'settings' | 'bleedMm'>): PdfStage {
  return {
    name: 'check the printed size',
    run(doc) {
      const { page: paper } = printedSize(options);
      doc.getPages().forEach((page, index) => {
        const box = page.getMediaBox();
        if (Math.abs(box.width - paper.width) > MAX_ROUNDING_PT || Math.abs(box.height - paper.height) > MAX_ROUNDING_PT) {
          throw new Error(
            `page ${index + 1} was printed at ${box.width.toFixed(2)} × ${box.height.toFixed(2)} pt, ` +
              `not the paper's ${paper.width.toFixed(2)} × ${paper.height.toFixed(2)} pt`,
          );
        }
      });
    },
  };
}

/**
 * Stage (screen PDF): every page exactly the paper (plus bleed), content
 * anchored top-left, all five boxes set. Print files get their boxes from
 * post-processing's geometry stage instead, so boxes are set once per export.
 */
export function paperBoxesStage(options: Pick<FinishOptions, 'settings' | 'bleedMm'>): PdfStage {
  return {
    name: 'page boxes',
    run(doc) {
      const { trim, bleed, page: paper } = printedSize(options);
      for (const page of doc.getPages()) {
        const box = page.getMediaBox();
        // PDF space grows upwards from the bottom-left: the content's top-left
        // corner sits at (x, y + height) of the old box and must end at
        // (0, paper.height) of the new one.
        const dx = -box.x;
        const dy = paper.height - (box.y + box.height);
        if (dx !== 0 || dy !== 0) page.translateContent(dx, dy);
        page.setMediaBox(0, 0, paper.width, paper.height);
        page.setCropBox(0, 0, paper.width, paper.height);
        page.setBleedBox(0, 0, paper.width, paper.height);
        page.setTrimBox(bleed, bleed, trim.width, trim.height);
        page.setArtBox(bleed, bleed, trim.width, trim.height);
      }
    },
  };
}

/** Stage (screen PDF): the Info dictionary — title, creator, producer, language, dates. */
export function documentInfoStage(options: Pick<FinishOptions, 'title' | 'date'>): PdfStage {
  return {
    name: 'document info',
    run(doc) {
      const producedBy = doc.getProducer();
      const date = options.date ?? new Date();
      doc.setTitle(options.title, { showInWindowTitleBar: true });
      doc.setCreator(PDF_CREATOR);
      doc.setProducer(producedBy ? `${PDF_PRODUCER}; ${producedBy}` : PDF_PRODUCER);
      doc.setLanguage('zh-CN');
      doc.setCreationDate(date);
      doc.setModificationDate(date);
    },
  };
}

/** The stages that make Chromium's PDF the finished screen PDF. */
export function finishStages(options: FinishOptions): PdfStage[] {
  return [checkPrintedSizeStage(options), paperBoxesStage(options), documentInfoStage(options)];
}

/**
 * Sets every page of `bytes` to exactly the paper size, content anchored
 * top-left, and writes the Info dictionary (load, {@link finishStages}, save).
 * Throws when a page is far from the paper size.
 */
export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const doc = await loadPdf(bytes);
  await runStages(doc, finishStages(options));
  return savePdf(doc);
}
