/**
 * Keeping the edition's mirrors right. What is computed from the edition is
 * also written where today's page-at-a-time consumers read it: each page's
 * `settings.edition` (paper, date, folio as 第N版 and 第一版, section,
 * label: the slug, the PDF title, the masthead), each bound 导读 item's `page`, and the masthead's
 * 今日N版. {@link syncEdition} appends the attribute steps that make them
 * right to a transform, so a page move and its renumbering are one step of
 * history.
 */
import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { EditionInfo, PageSettings } from '../page/settings';
import { editionMeta, pageMeta } from './edition-doc';
import { folioNameChinese, pagesTodayText } from './folio';
import { locateBlocks, teaserReferences } from './references';

/** The `settings.edition` a page at `folio` of `edition` should carry. */
export function mirroredEditionInfo(edition: Node, page: Node, folio: number): EditionInfo {
  const meta = editionMeta(edition);
  const info: EditionInfo = { paperName: meta.paperName, date: meta.date, pageNumber: folio, section: pageMeta(page).section, editionName: folioNameChinese(folio) };
  if (meta.label !== '') info.label = meta.label;
  return info;
}

function sameInfo(a: EditionInfo, b: EditionInfo): boolean {
  return (
    a.paperName === b.paperName &&
    a.date === b.date &&
    a.pageNumber === b.pageNumber &&
    a.section === b.section &&
    a.editionName === b.editionName &&
    (a.label ?? '') === (b.label ?? '')
  );
}

/**
 * Appends to `tr` (whose doc is an edition) the attribute steps that bring
 * every mirror in line with the edition; none when all are right.
 * The masthead's 今日N版 follows the page count only in editions of two or
 * more pages: a file of one page is a page whose paper lives elsewhere, and
 * keeps what was typed.
 */
export function syncEdition(tr: Transform): Transform {
  const edition = tr.doc;
  if (edition.type.name !== 'edition') throw new RangeError(`syncEdition needs an edition document, not a ${edition.type.name}`);
  const pageCount = edition.childCount;
  edition.forEach((page, offset, index) => {
    const settings = page.attrs['settings'] as PageSettings;
    const want = mirroredEditionInfo(edition, page, index + 1);
    // AttrSteps do not move positions, so offsets stay valid across the steps.
    if (!sameInfo(settings.edition, want)) tr.setNodeAttribute(offset, 'settings', { ...settings, edition: want });
    if (pageCount < 2) return;
    page.forEach((block, blockOffset) => {
      if (block.type.name !== 'masthead' || block.attrs['variant'] === 'folio') return;
      const text = pagesTodayText(pageCount);
      if (block.attrs['pagesToday'] !== text) tr.setNodeAttribute(offset + 1 + blockOffset, 'pagesToday', text);
    });
  });
  const blocks = locateBlocks(edition);
  for (const ref of teaserReferences(edition, blocks)) {
    if (ref.state === 'unbound') continue;
    const page = ref.page === null ? '' : String(ref.page);
    if (edition.nodeAt(ref.pos)?.attrs['page'] !== page) tr.setNodeAttribute(ref.pos, 'page', page);
  }
  return tr;
}

/** The edition with every mirror right (the same node when nothing changes). */
export function syncedEdition(edition: Node): Node {
  return syncEdition(new Transform(edition)).doc;
}
