/**
 * Turns a document as the host opened it into the edition node the editor
 * edits: every page checked and loaded, in order, under one `edition` node
 * whose attributes come from the first page's mirror, with every mirror made
 * right (docs/decisions/0014-edition-model.md). A single-page file is an
 * edition of one page.
 */
import type { Node } from 'prosemirror-model';
import type { OpenedDocument } from '../../shared/host/host-api';
import { buildEdition, editionMetaFromSettings } from '../../shared/edition/edition-doc';
import { syncedEdition } from '../../shared/edition/edition-sync';
import { withBin } from '../../shared/model/bin';
import { pageFromJson } from '../../shared/model/load-page';
import type { PageSettings } from '../../shared/page/settings';

export type LoadedPages = { ok: true; doc: Node; warnings: string[] } | { ok: false; message: string };

export function loadPages(opened: OpenedDocument): LoadedPages {
  if (opened.pages.length === 0) return { ok: false, message: `${opened.name}: the document has no page` };
  const pages: Node[] = [];
  const warnings = [...opened.warnings];
  for (const [i, json] of opened.pages.entries()) {
    const loaded = pageFromJson(json);
    const where = opened.pages.length > 1 ? `${opened.name} page ${i + 1}` : opened.name;
    if (!loaded.ok) return { ok: false, message: `${where}: ${loaded.findings[0]?.message ?? 'invalid page'}` };
    warnings.push(...loaded.findings.filter((f) => f.level !== 'error').map((f) => f.message));
    // The editor always shows a story bin, even for pages stored without one (saving drops an empty one again, see pagesToSave).
    pages.push(withBin(loaded.doc));
  }
  const meta = editionMetaFromSettings(pages[0]!.attrs['settings'] as PageSettings);
  try {
    return { ok: true, doc: syncedEdition(buildEdition(meta, pages)), warnings };
  } catch (e) {
    return { ok: false, message: `${opened.name}: ${(e as Error).message}` };
  }
}

/**
 * The pages' JSON as the file stores them: an empty story bin the editor
 * added to a page other than the first is dropped again (the first page
 * always kept one, as before editions), so opening and saving an edition
 * changes nothing of its inner pages.
 */
export function pagesToSave(pages: readonly unknown[]): unknown[] {
  return pages.map((page, i) => {
    if (i === 0) return page;
    const p = page as { content?: { type: string; content?: unknown[] }[] };
    const last = p.content?.[p.content.length - 1];
    if (!last || last.type !== 'bin' || (last.content?.length ?? 0) > 0) return page;
    return { ...p, content: p.content!.slice(0, -1) };
  });
}
