/**
 * Prints kept for the next export of the same pages: Chromium's raw PDF and
 * the layout print mode measured (overset, for preflight), by the SHA-256 of
 * the pages' JSON, their session and the bleed they were laid out with, per
 * printer.
 *
 * Print mode lays out nothing but the pages' JSON (pictures by the hash of
 * their bytes, the bundled faces, this process's renderer), so the same JSON
 * and bleed print the same PDF; any change to a page — one character, a
 * frame moved by a point, another picture — is another key. What is cached
 * is the print, not the finished file: every export still runs the PDF
 * pipeline (dates, slug, output intent, preflight) on it, so an export's
 * time stamps stay its own (decision 0034).
 *
 * Only printers that say so ({@link PdfPrinter.printsAreReusable}) are
 * cached. A few prints per printer, up to {@link MAX_BYTES} in all.
 */
import { createHash } from 'node:crypto';
import type { PdfPrinter, PrintLayout } from './printer';

/** One kept print. */
export interface KeptPrint {
  raw: Uint8Array;
  layout: PrintLayout | null;
}

const MAX_PRINTS = 6;
const MAX_BYTES = 96 * 1024 * 1024;

const kept = new WeakMap<PdfPrinter, Map<string, KeptPrint>>();

/** The key of a print of `pages` of session `handle` (whose pictures print mode shows) with `bleedMm` of bleed. */
export function printKey(handle: string, pages: readonly unknown[], bleedMm: number): string {
  return createHash('sha256').update(`${handle}|bleed=${bleedMm}|`).update(JSON.stringify(pages)).digest('hex');
}

/** An earlier print of the same key on this printer (a copy of its bytes), or undefined. */
export function keptPrint(printer: PdfPrinter, key: string): KeptPrint | undefined {
  const prints = kept.get(printer);
  const found = prints?.get(key);
  if (!prints || !found) return undefined;
  // Most recently used last.
  prints.delete(key);
  prints.set(key, found);
  return { raw: found.raw.slice(), layout: found.layout };
}

/**
 * Keeps a print for later exports of the same pages; `print.raw` is kept as
 * given (pass bytes nothing else changes). A no-op for printers that do not
 * say their prints are reusable.
 */
export function keepPrint(printer: PdfPrinter, key: string, print: KeptPrint): void {
  if (!printer.printsAreReusable) return;
  let prints = kept.get(printer);
  if (!prints) kept.set(printer, (prints = new Map()));
  prints.delete(key);
  prints.set(key, print);
  let bytes = 0;
  for (const p of prints.values()) bytes += p.raw.byteLength;
  for (const [k, p] of prints) {
    if (prints.size <= MAX_PRINTS && bytes <= MAX_BYTES) break;
    prints.delete(k);
    bytes -= p.raw.byteLength;
  }
}

/** Forgets every kept print of `printer` (benchmarks measure the printing path with it). */
export function forgetPrints(printer: PdfPrinter): void {
  kept.delete(printer);
}
