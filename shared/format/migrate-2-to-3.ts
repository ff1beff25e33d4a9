/**
 * Format 2 → 3: the story bin belongs to the edition. Pure, on the stored
 * JSON (docs/decisions/0031-edition-story-bin.md).
 *
 * In version 2 each page could end with its own `bin` child. Version 3 keeps
 * one bin for the edition, after its pages: the items of every page's bin are
 * gathered into it in page order (within a page, in bin order), and the
 * pages lose their bins. Nothing is lost and no id changes (ids are already
 * unique across a version-2 edition). When no page held anything binned,
 * the edition has no bin. The manifest then names the bin's entry
 * (`"bin": "bin.json"`), which the writer adds on the next save.
 */
import { joinEditionJson } from '../edition/edition-children';
import type { StoredContent } from './migrations';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Pages that may end with their own bin (version 2) as an edition's
 * children: the pages without bins, then one bin with every item in page
 * order (none when nothing was binned). Pages already without a bin are
 * returned as they are.
 */
export function gatherPageBins(pages: readonly unknown[]): unknown[] {
  const items: unknown[] = [];
  const out = pages.map((raw) => {
    if (!isObject(raw) || !Array.isArray(raw['content'])) return raw;
    const content = raw['content'] as unknown[];
    if (!content.some((child) => isObject(child) && child['type'] === 'bin')) return raw;
    const kept: unknown[] = [];
    for (const child of content) {
      if (isObject(child) && child['type'] === 'bin') {
        if (Array.isArray(child['content'])) items.push(...(child['content'] as unknown[]));
      } else kept.push(child);
    }
    return { ...raw, content: kept };
  });
  return joinEditionJson(out, items);
}

export function migrate2to3(content: StoredContent): StoredContent {
  const children = gatherPageBins(content.pages);
  const manifest = { ...content.manifest };
  if (children.length > content.pages.length) manifest['bin'] = 'bin.json';
  return { manifest, pages: children };
}
