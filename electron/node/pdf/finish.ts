/**
 * Post-processing of the PDF Chromium prints: exact paper size and metadata.
 *
 * Chromium rounds the page size it was asked for (390 mm comes out as
 * 1105.92 pt instead of 1105.51 pt) and writes every page box equal to that
 * rounded MediaBox. Here each page is measured, its content is moved so its
 * top-left corner stays at the paper's top-left corner, and MediaBox, CropBox,
 * BleedBox, TrimBox and ArtBox are all set to the exact paper size.
 */
import { PDFDocument } from 'pdf-lib';
import type { PageSettings } from '../../../shared/page/settings';
import { mmToPt } from '../../../shared/page/units';

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

/**
 * Sets every page of `bytes` to exactly the paper size, content anchored
 * top-left, and writes the Info dictionary. Throws when a page is far from
 * the paper size (a failed print, not a rounding).
 */
export async function finishPdf(bytes: Uint8Array, options: FinishOptions): Promise<Uint8Array> {
  const trim = paperInPoints(options.settings);
  const bleed = mmToPt(options.bleedMm ?? 0);
  const paper = { width: trim.width + 2 * bleed, height: trim.height + 2 * bleed };
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const producedBy = doc.getProducer();
  doc.getPages().forEach((page, index) => {
    const box = page.getMediaBox();
    const dw = box.width - paper.width;
    const dh = box.height - paper.height;
    if (Math.abs(dw) > MAX_ROUNDING_PT || Math.abs(dh) > MAX_ROUNDING_PT) {
      throw new Error(
        `page ${index + 1} was printed at ${box.width.toFixed(2)} × ${box.height.toFixed(2)} pt, ` +
          `not the paper's ${paper.width.toFixed(2)} × ${paper.height.toFixed(2)} pt`,
      );
    }
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
  });
  const date = options.date ?? new Date();
  doc.setTitle(options.title, { showInWindowTitleBar: true });
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(producedBy ? `${PDF_PRODUCER}; ${producedBy}` : PDF_PRODUCER);
  doc.setLanguage('zh-CN');
  doc.setCreationDate(date);
  doc.setModificationDate(date);
  // No object streams: older RIPs and PDF/X-1a/-3 (PDF 1.3/1.4) readers do not know them.
  return doc.save({ useObjectStreams: false, updateFieldAppearances: false });
}
