/**
 * Keeping the edition's mirrors right. What is computed from the edition is
 * also written where today's page-at-a-time consumers read it: each page's
 * `settings.edition` (paper, date, folio as 第N版 and 第一版, section,
 * label: the slug, the PDF title, the masthead), each bound 导读 item's `page`, the masthead's
 * 今日N版, and each story's jump lines (`jumpTo` / `jumpFrom`: the folios its
 * 转版 chain continues on and comes from). {@link syncEdition} appends the attribute steps that make them
 * right to a transform, so a page move and its renumbering are one step of
 * history.
 */
import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import type { EditionInfo, PageSettings } from '../page/settings';
import type { BlockPlace } from './references';
import { editionMeta, pageMeta } from './edition-doc';
import { forEachPage, pageCount } from './page-scope';
import { folioNameChinese, pagesTodayText } from './folio';
import { jumpChains, locateBlocks, teaserReferences } from './references';

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
  const pages = pageCount(edition);
  forEachPage(edition, (page, offset, index) => {
    const settings = page.attrs['settings'] as PageSettings;
    const want = mirroredEditionInfo(edition, page, index + 1);
    // AttrSteps do not move positions, so offsets stay valid across the steps.
    if (!sameInfo(settings.edition, want)) tr.setNodeAttribute(offset, 'settings', { ...settings, edition: want });
    if (pages < 2) return;
    page.forEach((block, blockOffset) => {
      if (block.type.name !== 'masthead' || block.attrs['variant'] === 'folio') return;
      const text = pagesTodayText(pages);
      if (block.attrs['pagesToday'] !== text) tr.setNodeAttribute(offset + 1 + blockOffset, 'pagesToday', text);
    });
  });
  const blocks = locateBlocks(edition);
  for (const ref of teaserReferences(edition, blocks)) {
    if (ref.state === 'unbound') continue;
    const page = ref.page === null ? '' : String(ref.page);
    if (edition.nodeAt(ref.pos)?.attrs['page'] !== page) tr.setNodeAttribute(ref.pos, 'page', page);
  }
  syncJumps(tr, blocks);
  return tr;
}

/**
 * Appends the steps that make every story's `jumpTo` / `jumpFrom` what its
 * 转版 chain says (null for a story in no chain, a broken link included).
 */
function syncJumps(tr: Transform, blocks: Map<string, BlockPlace>): void {
  const want = new Map<string, { to: number | null; from: number | null }>();
  for (const part of jumpChains(tr.doc, blocks).parts) want.set(part.blockId, { to: part.to, from: part.from });
  for (const [id, place] of blocks) {
    if (place.node.type.name !== 'story') continue;
    const w = want.get(id) ?? { to: null, from: null };
    if ((place.node.attrs['jumpTo'] ?? null) !== w.to) tr.setNodeAttribute(place.pos, 'jumpTo', w.to);
    if ((place.node.attrs['jumpFrom'] ?? null) !== w.from) tr.setNodeAttribute(place.pos, 'jumpFrom', w.from);
  }
}

/** The edition with every mirror right (the same node when nothing changes). */
export function syncedEdition(edition: Node): Node {
  return syncEdition(new Transform(edition)).doc;
}
