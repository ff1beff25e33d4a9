/**
 * Turns a document as the host opened it into the edition node the editor
 * edits: every page checked and loaded, in order, under one `edition` node
 * whose attributes come from the first page's mirror, with every mirror made
 * right (docs/decisions/0014-edition-model.md), then the edition's story bin
 * (docs/decisions/0031-edition-story-bin.md). A single-page file is an
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

