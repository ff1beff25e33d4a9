/**
 * Exporting an edition at the command level: which pages (`--pages 1,3-5`),
 * how they are grouped for printing (consecutive pages on the same paper go
 * through the exporter together; a 四开 insert in a 对开 paper is its own
 * run), how runs are joined into one PDF (join-pdfs.ts) and how split files are named
 * (`{date}-{folio}.pdf` → 20221121-01.pdf). The printer itself is the
 * existing exporter, untouched.
 */
import type { Node } from 'prosemirror-model';
import { editionMeta, pageMeta } from '../../../shared/edition/edition-doc';
import type { PageSettings } from '../../../shared/page/settings';

/**
 * Pages named by a selection like `1,3-5` (1-based, within `count`), in
 * ascending order, each once. Throws a one-line Error on anything else.
 */
export function parsePageSelection(text: string, count: number): number[] {
  const pages = new Set<number>();
  for (const part of text.split(',')) {
    const m = /^\s*([0-9]{1,3})\s*(?:-\s*([0-9]{1,3})\s*)?$/.exec(part);
    if (!m) throw new Error(`--pages: "${part.trim()}" is not a page or a range like 3-5`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (from < 1 || to > count || from > to) throw new Error(`--pages: ${part.trim()} is not within pages 1 to ${count}`);
    for (let p = from; p <= to; p++) pages.add(p);
  }
  return [...pages].sort((a, b) => a - b);
}

/**
 * The file name of page `folio` of `edition` from a pattern: `{date}`
 * (YYYYMMDD), `{folio}` (two digits, 01), `{folio3}` (001), `{n}` (1),
 * `{section}`, `{paper}`. Characters a file name cannot hold become `_`.
 */
export function splitFileName(pattern: string, edition: Node, folio: number): string {
  const meta = editionMeta(edition);
  const section = pageMeta(edition.child(folio - 1)).section;
  const name = pattern.replace(/\{(date|folio3|folio|n|section|paper)\}/g, (_, key: string) => {
    if (key === 'date') return meta.date.replace(/-/g, '');
    if (key === 'folio') return String(folio).padStart(2, '0');
    if (key === 'folio3') return String(folio).padStart(3, '0');
    if (key === 'n') return String(folio);
    if (key === 'section') return section;
    return meta.paperName;
  });
  const safe = name.replace(/[/\\\0-\x1f:*?"<>|]/g, '_');
  if (safe === '' || safe === '.' || safe === '..') throw new Error(`--name "${pattern}" gives no usable file name`);
  return safe;
}

/** Consecutive selected pages sharing one paper size: what one exporter run can print. */
export function paperRuns(edition: Node, pages: readonly number[]): number[][] {
  const runs: number[][] = [];
  let key = '';
  for (const folio of pages) {
    const { width, height } = (edition.child(folio - 1).attrs['settings'] as PageSettings).paper;
    const k = `${width}x${height}`;
    const last = runs[runs.length - 1];
    if (last && k === key && last[last.length - 1] === folio - 1) last.push(folio);
    else runs.push([folio]);
    key = k;
  }
  return runs;
}
