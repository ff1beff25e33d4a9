/**
 * Size limits of copy intake, checked before a file is read. A day's copy
 * for a page is tens of kilobytes; a whole edition's wire file a few
 * megabytes. The limits stop a wrong file (a database dump, a video renamed
 * .txt) from taking the machine's memory, while leaving room for big files.
 */

/** Largest text or HTML file intake reads: 64 MiB (a 50 MB text file imports in a worker). */
export const MAX_TEXT_FILE_BYTES = 64 * 1024 * 1024;
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
