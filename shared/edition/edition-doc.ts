/**
 * The edition document: one ProseMirror `edition` node whose children are
 * the pages in order (docs/decisions/0014-edition-model.md). A page's folio
 * is its position; nothing stores it but the mirror in `settings.edition`.
 */
import type { Node } from 'prosemirror-model';
import type { EditionMeta } from '../format/manifest';
import { schema } from '../model/schema';
import { forEachPage, isEdition } from './page-scope';
import type { PageSettings } from '../page/settings';

export type { EditionMeta } from '../format/manifest';

/** Page statuses in workflow order: 排版中 → 待审 → 已签发. */
export type PageStatus = 'draft' | 'review' | 'signed';
export type PageColour = 'colour' | 'mono';

/** How each status reads in the UI (zh-CN first). */
export const PAGE_STATUS_LABELS: Readonly<Record<PageStatus, { zh: string; en: string }>> = {
  draft: { zh: '排版中', en: 'in layout' },
  review: { zh: '待审', en: 'for review' },
  signed: { zh: '已签发', en: 'signed off' },
};

/** A page's own edition attributes (flat node attributes of `page`). */
export interface PageMeta {
  section: string;
  editor: string;
  colour: PageColour;
  status: PageStatus;
}

/** The edition attributes of an `edition` node. */
export function editionMeta(edition: Node): EditionMeta {
  const a = edition.attrs;
  return { paperName: String(a['paperName']), date: String(a['date']), label: String(a['label']) };
}

/** The edition attributes of a page node. */
export function pageMeta(page: Node): PageMeta {
  const a = page.attrs;
  return {
    section: String(a['section']),
    editor: String(a['editor']),
    colour: a['colour'] === 'mono' ? 'mono' : 'colour',
    status: a['status'] === 'review' || a['status'] === 'signed' ? a['status'] : 'draft',
  };
}

/** Page nodes of an edition, in folio order (its story bin is not a page); a page document is its one page. */
export function editionPages(edition: Node): Node[] {
  if (!isEdition(edition)) return [edition];
  const pages: Node[] = [];
  forEachPage(edition, (page) => pages.push(page));
  return pages;
}

/**
 * An edition node from its attributes, its page nodes (in order, at least
 * one) and its story bin (a `bin` node; none, or an empty one, for no bin).
 * An empty bin is kept when given: the editor always shows one.
 */
export function buildEdition(meta: EditionMeta, pages: readonly Node[], bin: Node | null = null): Node {
  if (pages.length === 0) throw new RangeError('an edition has at least one page');
  return schema.node('edition', { ...meta }, bin ? [...pages, bin] : [...pages]);
}

/**
 * The edition attributes as a page's settings mirror them: the fallback when
 * only pages are at hand (a save from a host that sends pages alone). The
 * first page's mirror wins.
 */
export function editionMetaFromSettings(settings: PageSettings): EditionMeta {
  const { paperName, date, label } = settings.edition;
  return { paperName, date, label: label ?? '' };
}
