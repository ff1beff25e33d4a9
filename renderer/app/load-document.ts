/**
 * Turns a document as the host opened it into the page node the editor
 * edits. A document may hold several pages; the editor edits the first and
 * keeps the others untouched for saving.
 */
import type { Node } from 'prosemirror-model';
import type { OpenedDocument } from '../../shared/host/host-api';
import { withBin } from '../../shared/model/bin';
import { pageFromJson } from '../../shared/model/load-page';

export type LoadedPages =
  | { ok: true; doc: Node; otherPages: unknown[]; warnings: string[] }
  | { ok: false; message: string };

export function loadPages(opened: OpenedDocument): LoadedPages {
  const [first, ...otherPages] = opened.pages;
  if (first === undefined) return { ok: false, message: `${opened.name}: the document has no page` };
  const loaded = pageFromJson(first);
  if (!loaded.ok) {
    const reason = loaded.findings[0]?.message ?? 'invalid page';
    return { ok: false, message: `${opened.name}: ${reason}` };
  }
  const warnings = [...opened.warnings, ...loaded.findings.filter((f) => f.level !== 'error').map((f) => f.message)];
  // The editor always shows a story bin, even for pages stored without one.
  return { ok: true, doc: withBin(loaded.doc), otherPages, warnings };
}
