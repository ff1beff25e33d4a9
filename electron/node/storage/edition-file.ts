/**
 * A loaded file as an edition node and back: the one place the Node side
 * turns storage's pages-plus-edition into the edition document
 * (docs/decisions/0014-edition-model.md) and an edited edition into content
 * for the save path.
 */
import type { Node } from 'prosemirror-model';
import { buildEdition, editionMeta, editionMetaFromSettings } from '../../../shared/edition/edition-doc';
import { binFromJson, editionChildrenJson, splitEditionJson } from '../../../shared/edition/edition-children';
import { pageFromJson } from '../../../shared/model/load-page';
import type { PageSettings } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData, FileContent, LoadedFile } from './types';
import { STORAGE_ERRORS } from './limits';

/** The edition node of a loaded file (its pages, then its story bin if any, are already validated). */
export function editionOfFile(file: Pick<LoadedFile, 'pages' | 'edition'>): Result<Node> {
  const { pages, bin: binJson } = splitEditionJson(file.pages);
  const docs: Node[] = [];
  for (const [i, json] of pages.entries()) {
    const loaded = pageFromJson(json);
    if (!loaded.ok) return fail(STORAGE_ERRORS.invalidPage, `page ${i + 1}: ${loaded.findings[0]?.message ?? 'not a valid page'}`);
    docs.push(loaded.doc);
  }
  if (docs.length === 0) return fail(STORAGE_ERRORS.invalid, 'the file holds no page');
  let bin: Node | null = null;
  if (binJson !== null) {
    const loaded = binFromJson(binJson);
    if (!loaded.ok) return fail(STORAGE_ERRORS.invalidPage, loaded.message);
    bin = loaded.bin;
  }
  const meta = file.edition ?? editionMetaFromSettings(docs[0]!.attrs['settings'] as PageSettings);
  return ok(buildEdition(meta, docs, bin));
}

/** What `writeBanmianFile` takes to save `edition` with `assets` (its story bin included). */
export function contentOfEdition(edition: Node, assets: readonly AssetData[]): FileContent {
  return { pages: editionChildrenJson(edition), edition: editionMeta(edition), assets };
}
