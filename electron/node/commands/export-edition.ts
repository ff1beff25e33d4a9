/**
 * The printing half of `banmian export` (commands/export.ts opens the file
 * and starts Chromium): the selected pages of an open document, one
 * exporter run per paper run, joined; or one file per page (`--split`).
 */
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportInfo } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { formatFinding } from '../../../shared/preflight/finding';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import { writeFileAtomic } from '../storage/atomic-write';
import { editionOfFile } from '../storage/edition-file';
import { splitEditionJson } from '../../../shared/edition/edition-children';
import type { WebServer } from '../web/server';
import type { ExportFileOptions } from './export';
import { paperRuns, parsePageSelection, splitFileName } from './edition-export';

/** Exports the selected pages of an open document: one exporter run per paper run, joined; or one file per page. */
export async function exportEdition(server: WebServer, handle: string, children: unknown[], out: string, options: ExportFileOptions): Promise<Result<ExportInfo>> {
  const started = performance.now();
  // The edition with its story bin (a 导读 pointing into the bin is found there); the bin itself is never printed.
  const edition = editionOfFile({ pages: children });
  const allPages = splitEditionJson(children).pages;
  if (!edition.ok) return edition;
  let selected: number[];
  try {
    selected = options.pages === undefined ? allPages.map((_, i) => i + 1) : parsePageSelection(options.pages, allPages.length);
  } catch (e) {
    return fail('BAD_PAGES', (e as Error).message);
  }
  // References across the edition (导读 to its story, 转版 to its continuation): checked before any printing.
  const references = preflightEditionReferences(edition.value).filter((f) => selected.includes(f.page));
  if (references.length > 0) options.print?.onPreflight?.(references);
  const errors = references.filter((f) => f.level === 'error');
  if (errors.length > 0 && !options.print?.force) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return fail('PREFLIGHT_FAILED', `preflight: ${formatFinding(errors[0]!).replace(/\s+/g, ' ')}${more}; export with --force to write it anyway`);
  }
  const pagesOf = (folios: readonly number[]) => folios.map((f) => allPages[f - 1]);
  const findings = [...references];
  const collect = (info: ExportInfo) => void findings.push(...(info.findings ?? []));

  if (options.split) {
    let bytes = 0;
    for (const folio of selected) {
      let name: string;
      try {
        name = splitFileName(options.split.pattern, edition.value, folio);
      } catch (e) {
        return fail('BAD_NAME', (e as Error).message);
      }
      const one = await server.host.exportPdf(handle, pagesOf([folio]), join(out, name), options.print);
      if (!one.ok) return fail(one.error.code, `page ${folio}: ${one.error.message}`);
      bytes += one.value.bytes;
      collect(one.value);
    }
    return ok({ path: out, bytes, pageCount: selected.length, elapsedMs: Math.round(performance.now() - started), findings });
  }

  const runs = paperRuns(edition.value, selected);
  if (runs.length === 1 && runs[0]!.length === allPages.length) {
    // The whole edition on one paper: the exporter prints it in one pass.
    const whole = await server.host.exportPdf(handle, allPages, out, options.print);
    if (whole.ok) whole.value.findings = [...references, ...(whole.value.findings ?? [])];
    return whole;
  }
  const dir = await fs.mkdtemp(join(tmpdir(), 'banmian-export-'));
  try {
    const parts: Uint8Array[] = [];
    for (const [i, run] of runs.entries()) {
      const part = join(dir, `run-${i + 1}.pdf`);
      const printed = await server.host.exportPdf(handle, pagesOf(run), part, options.print);
      if (!printed.ok) return fail(printed.error.code, `pages ${run.join(',')}: ${printed.error.message}`);
      collect(printed.value);
      parts.push(await fs.readFile(part));
    }
    // pdf-lib is loaded only to join (join-pdfs.ts).
    const joined = parts.length === 1 ? parts[0]! : await (await import('./join-pdfs')).joinPdfs(parts);
    const written = await writeFileAtomic(out, joined, { backup: false });
    if (!written.ok) return written;
    return ok({ path: out, bytes: joined.byteLength, pageCount: selected.length, elapsedMs: Math.round(performance.now() - started), findings });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
