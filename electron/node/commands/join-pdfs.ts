/**
 * Joining the runs of an edition export into one PDF (pdf-lib), keeping the
 * first run's catalog: metadata and PDF/X output intent. Its own module so
 * that the export command loads pdf-lib only when it joins (after printing).
 */
import { PDFDocument } from 'pdf-lib';

/** The PDFs joined in order: the pages of the others appended to the first (whose catalog is kept). */
export async function joinPdfs(parts: readonly Uint8Array[]): Promise<Uint8Array> {
  if (parts.length === 0) throw new RangeError('joinPdfs needs at least one PDF');
  const first = await PDFDocument.load(parts[0]!, { updateMetadata: false });
  for (const part of parts.slice(1)) {
    const other = await PDFDocument.load(part, { updateMetadata: false });
    const copied = await first.copyPages(other, other.getPageIndices());
    for (const page of copied) first.addPage(page);
  }
  return first.save({ updateFieldAppearances: false });
}
