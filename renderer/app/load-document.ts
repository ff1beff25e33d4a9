/**
 * Turns a document as the host opened it into the edition node the editor
 * edits: every page checked and loaded, in order, under one `edition` node
 * whose attributes come from the first page's mirror, with every mirror made
 * right (docs/decisions/0014-edition-model.md). A single-page file is an
 * edition of one page.
 */
import type { Node } from 'prosemirror-model';
import type { OpenedDocument } from '../../shared/host/host-api';
import { editionFromPages } from '../../shared/edition/edition-from-pages';

export type LoadedPages = { ok: true; doc: Node; warnings: string[] } | { ok: false; message: string };

/** The edition of an opened document (shared/edition/edition-from-pages.ts), with the host's warnings first. */
export function loadPages(opened: OpenedDocument): LoadedPages {
  const built = editionFromPages(opened.name, opened.pages);
  return built.ok ? { ...built, warnings: [...opened.warnings, ...built.warnings] } : built;
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
