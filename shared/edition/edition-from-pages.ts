/**
 * The edition node built from a file's pages as stored (the edition's
 * children JSON: its pages, then its story bin if stored; see
 * edition-children.ts): every page checked and loaded, in order, then the
 * edition's story bin (the editor always shows one; saving drops an empty
 * one again), under one `edition` node whose
 * attributes come from the first page's mirror, with every mirror made right
 * (docs/decisions/0014-edition-model.md). The renderer's loading and the
 * desk's (docs/decisions/0028-desk-serves-the-edition.md) both build the
 * edition here, so a desk edition and an opened file are the same document.
 */
import type { Node } from 'prosemirror-model';
import { schema } from '../model/schema';
import { binFromJson, splitEditionJson } from './edition-children';
import { pageFromJson } from '../model/load-page';
import type { PageSettings } from '../page/settings';
import { buildEdition, editionMetaFromSettings } from './edition-doc';
import { syncedEdition } from './edition-sync';

/** The edition, with the non-fatal findings; or why it could not be built. */
export type EditionFromPages = { ok: true; doc: Node; warnings: string[] } | { ok: false; message: string };

/**
 * Builds the edition from its children JSON (`name` prefixes messages; a
 * single page is an edition of one page).
 */
export function editionFromPages(name: string, childrenJson: readonly unknown[]): EditionFromPages {
  const { pages: pagesJson, bin: binJson } = splitEditionJson(childrenJson);
  if (pagesJson.length === 0) return { ok: false, message: `${name}: the document has no page` };
  const pages: Node[] = [];
  const warnings: string[] = [];
  for (const [i, json] of pagesJson.entries()) {
    const loaded = pageFromJson(json);
    const where = pagesJson.length > 1 ? `${name} page ${i + 1}` : name;
    if (!loaded.ok) return { ok: false, message: `${where}: ${loaded.findings[0]?.message ?? 'invalid page'}` };
    warnings.push(...loaded.findings.filter((f) => f.level !== 'error').map((f) => f.message));
    pages.push(loaded.doc);
  }
  let bin = schema.nodes['bin']!.create();
  if (binJson !== null) {
    const loaded = binFromJson(binJson);
    if (!loaded.ok) return { ok: false, message: `${name}: ${loaded.message}` };
    bin = loaded.bin;
  }
  const meta = editionMetaFromSettings(pages[0]!.attrs['settings'] as PageSettings);
  try {
    return { ok: true, doc: syncedEdition(buildEdition(meta, pages, bin)), warnings };
  } catch (e) {
    return { ok: false, message: `${name}: ${(e as Error).message}` };
  }
}
