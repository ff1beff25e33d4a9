/**
 * Size limits of copy intake, checked before a file is read. A day's copy
 * for a page is tens of kilobytes; a whole edition's wire file a few
 * megabytes. Recognition and punctuation normalisation cost about 1–3 µs a
 * character (measured on this 2-core machine under load), so 16 MiB of text
 * (≈5.5 million Han characters) takes 5–20 s in the import worker; larger
 * text is not copy (a database dump, a log, a video renamed .txt) and is
 * refused before it is read, with the size in the message.
 */

/** Largest text or HTML file intake reads: 16 MiB, eight times a big edition's copy. */
export const MAX_TEXT_FILE_BYTES = 16 * 1024 * 1024;
/** Largest .docx intake reads: 200 MiB (Word files carry full-size photos). */
export const MAX_DOCX_FILE_BYTES = 200 * 1024 * 1024;
/** Heap the import worker may use before it is stopped (a fuse, not a target). */
export const WORKER_HEAP_MB = 3072;
/** Longest an import may take before it is stopped. */
export const IMPORT_TIMEOUT_MS = 120_000;

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Number((n / 1024 / 1024).toFixed(1))} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
