/**
 * Format 1 → 2: a file becomes an edition. Pure, on the stored JSON.
 *
 * - The manifest gains `edition` (paper, date, label), read from the first
 *   page's `settings.edition`; a v1 `editionName` that is only a folio
 *   (第一版) was the page's number, not a label, and becomes label ''.
 * - Each page gains its own `section` (from its `settings.edition.section`);
 *   `editor`, `colour`, `status` take their defaults (absent).
 * - Block ids become unique across the edition (references are by id): a
 *   later page's block whose id an earlier page already uses is renamed
 *   `<id>-<page>` (then `-2`, `-3`, … if that is taken). Nothing in a v1
 *   file refers to block ids, so the rename changes no meaning.
 *
 * The mirrors (`settings.edition` per page) are made right by the loader
 * after validation, as for every load.
 */
import type { StoredContent } from './migrations';

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function firstEdition(pages: unknown[]): Json {
  const page = pages[0];
  const settings = isObject(page) && isObject(page['attrs']) ? page['attrs']['settings'] : undefined;
  const edition = isObject(settings) ? settings['edition'] : undefined;
  if (!isObject(edition)) throw new Error('page 1 has no settings.edition');
  return edition;
}

const FOLIO_NAME = /^第[0-9一二三四五六七八九十百零〇两]{1,6}版$/;

/** Block nodes of a page JSON: its children and what lies in its story bin. */
function blocksOf(page: Json): Json[] {
  const out: Json[] = [];
  const content = Array.isArray(page['content']) ? page['content'] : [];
  for (const child of content) {
    if (!isObject(child)) continue;
    if (child['type'] === 'bin') {
      for (const item of Array.isArray(child['content']) ? child['content'] : []) if (isObject(item)) out.push(item);
    } else out.push(child);
  }
  return out;
}

export function migrate1to2(content: StoredContent): StoredContent {
  const edition = firstEdition(content.pages);
  const editionName = typeof edition['editionName'] === 'string' ? edition['editionName'] : '';
  const meta = {
    paperName: typeof edition['paperName'] === 'string' ? edition['paperName'] : '',
    date: edition['date'],
    label: FOLIO_NAME.test(editionName.trim()) ? '' : editionName,
  };
  const used = new Set<string>();
  const pages = content.pages.map((raw, index) => {
    if (!isObject(raw)) return raw;
    const page = JSON.parse(JSON.stringify(raw)) as Json;
    const attrs = isObject(page['attrs']) ? page['attrs'] : null;
    const settings = attrs && isObject(attrs['settings']) ? attrs['settings'] : null;
    const own = settings && isObject(settings['edition']) ? settings['edition'] : null;
    if (attrs && own && typeof own['section'] === 'string' && attrs['section'] === undefined) attrs['section'] = own['section'];
    const pageIds = new Set<string>();
    for (const block of blocksOf(page)) {
      const a = isObject(block['attrs']) ? block['attrs'] : null;
      const id = a?.['id'];
      if (!a || typeof id !== 'string' || id === '') continue;
      // Duplicates within one page stay: validation reports them as before.
      if (used.has(id) && !pageIds.has(id)) {
        let renamed = `${id}-${index + 1}`;
        for (let n = 2; used.has(renamed) || pageIds.has(renamed); n++) renamed = `${id}-${index + 1}-${n}`;
        a['id'] = renamed;
        pageIds.add(renamed);
        continue;
      }
      pageIds.add(id);
    }
    for (const id of pageIds) used.add(id);
    return page;
  });
  return { manifest: { ...content.manifest, edition: meta }, pages };
}
