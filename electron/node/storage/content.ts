/**
 * Validation of a file's content shared by load, save and the recovery
 * journal: every page through `pageFromJson`, the edition's story bin
 * through `binFromJson`, and every photo's image present.
 */
import type { Node } from 'prosemirror-model';
import type { EditionMeta } from '../../../shared/format/manifest';
import { buildEdition, editionMetaFromSettings } from '../../../shared/edition/edition-doc';
import { syncedEdition } from '../../../shared/edition/edition-sync';
import { binFromJson, editionChildrenJson, splitEditionJson } from '../../../shared/edition/edition-children';
import { BIN_ENTRY } from '../../../shared/format/manifest';
import { pageFromJson } from '../../../shared/model/load-page';
import type { PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { quoteName, STORAGE_ERRORS } from './limits';

export interface ValidatedPages {
  /**
   * Canonical JSON of each page, its mirrors of the edition made right, then
   * the edition's story bin when it holds anything (shared/edition/edition-children.ts).
   */
  pages: unknown[];
  /** How many of `pages` are pages (the rest is the bin). */
  pageCount: number;
  /** The edition the pages make. */
  edition: EditionMeta;
  /** Asset hashes the pages use. */
  usedAssets: Set<string>;
  warnings: string[];
}

function photoAssets(doc: Node, label: string, known: ReadonlySet<string>, used: Set<string>, missing: string[] | null): Result<void> {
  let problem: string | null = null;
  doc.descendants((node) => {
    if (problem) return false;
    if (node.type.name !== 'photo') return true;
    const asset: unknown = node.attrs['asset'];
    const id = quoteName(String(node.attrs['id'] ?? ''));
    if (asset === '' || asset === null) return false;
    if (typeof asset !== 'string') problem = `${label}: photo ${id} has an invalid image reference`;
    else if (!known.has(asset)) {
      const message = `${label}: photo ${id} uses an image that is not in the file (${asset.slice(0, 12)}…)`;
      if (missing) missing.push(message);
      else problem = message;
    }
    else used.add(asset);
    return false;
  });
  return problem ? fail(STORAGE_ERRORS.invalidAsset, problem) : ok(undefined);
}

/** Block ids of a page or of the bin, in document order. */
function blockIds(doc: Node): string[] {
  const ids: string[] = [];
  doc.forEach((child) => ids.push(String(child.attrs['id'] ?? '')));
  return ids.filter((id) => id !== '');
}

/**
 * Validates an edition's children: its pages in order, then its story bin
 * if there is one (a trailing `bin` node). `labels[i]` names page i in
 * messages (its zip path on load). `knownAssets` are the hashes the file
 * holds. A photo whose image is missing fails the pages, unless
 * `missingAssets` is `warn` (crash recovery: the text is worth more than a
 * lost image). Block ids must be unique across the edition (references are
 * by id). `edition` is the edition's own fields; without it (a host that
 * sends pages alone) the first page's mirror gives them. The pages returned
 * carry the edition's mirrors made right (folios, 导读 pages, 今日N版).
 */
export function validatePages(
  children: readonly unknown[],
  labels: readonly string[],
  knownAssets: ReadonlySet<string>,
  missingAssets: 'fail' | 'warn' = 'fail',
  edition?: EditionMeta,
): Result<ValidatedPages> {
  const { pages, bin: binJson } = splitEditionJson(children);
  if (pages.length === 0) return fail(STORAGE_ERRORS.invalid, 'the file holds no page');
  const docs: Node[] = [];
  const idPage = new Map<string, number>();
  const usedAssets = new Set<string>();
  const warnings: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const label = labels[i] ?? `page ${i + 1}`;
    const loaded = pageFromJson(pages[i]);
    if (!loaded.ok) {
      const first = loaded.findings.find((f) => f.level === 'error') ?? loaded.findings[0];
      return fail(STORAGE_ERRORS.invalidPage, `${label}: ${first?.message ?? 'not a valid page'}`);
    }
    const missing = missingAssets === 'warn' ? warnings : null;
    const refs = photoAssets(loaded.doc, label, knownAssets, usedAssets, missing);
    if (!refs.ok) return refs;
    for (const f of loaded.findings) warnings.push(`${label}: ${f.message}`);
    for (const id of blockIds(loaded.doc)) {
      const first = idPage.get(id);
      if (first !== undefined && first !== i) {
        return fail(STORAGE_ERRORS.invalidPage, `${label}: block id ${quoteName(id)} is also used on page ${first + 1} (ids are unique across the edition)`);
      }
      idPage.set(id, i);
    }
    docs.push(loaded.doc);
  }
  let bin: Node | null = null;
  if (binJson !== null) {
    const loaded = binFromJson(binJson);
    if (!loaded.ok) return fail(STORAGE_ERRORS.invalidPage, `${BIN_ENTRY}: ${loaded.message}`);
    bin = loaded.bin;
    const refs = photoAssets(bin, BIN_ENTRY, knownAssets, usedAssets, missingAssets === 'warn' ? warnings : null);
    if (!refs.ok) return refs;
    for (const id of blockIds(bin)) {
      const first = idPage.get(id);
      if (first !== undefined) {
        return fail(STORAGE_ERRORS.invalidPage, `${BIN_ENTRY}: block id ${quoteName(id)} is also used on page ${first + 1} (ids are unique across the edition)`);
      }
    }
  }
  const meta = edition ?? editionMetaFromSettings(docs[0]!.attrs['settings'] as PageSettings);
  let synced: Node;
  try {
    synced = syncedEdition(buildEdition(meta, docs, bin));
  } catch (e) {
    return fail(STORAGE_ERRORS.invalidPage, `the pages do not make an edition: ${(e as Error).message}`);
  }
  return ok({ pages: editionChildrenJson(synced), pageCount: docs.length, edition: meta, usedAssets, warnings });
}
