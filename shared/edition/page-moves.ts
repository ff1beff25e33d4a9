/**
 * Reordering, adding and removing the pages of an edition, each as one
 * transform: the structural step and the renumbering that follows it
 * (folios, 导读 pages, mirrors; jump lines are computed from block ids and
 * so follow by themselves). Applied as one transaction, a page move is one
 * step of history, exactly as dragging it in the page plan will be.
 * Page numbers inside the page documents are mirrors; references are by
 * block id and need no rewriting when pages move.
 */
import { Fragment } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { syncEdition } from './edition-sync';
import { pageCount } from './page-scope';

function checkFolio(edition: Node, folio: number, name: string, max = pageCount(edition)): void {
  if (!Number.isInteger(folio) || folio < 1 || folio > max) {
    throw new RangeError(`${name} must be a page from 1 to ${max}, not ${folio}`);
  }
}

/** Document position where the page at `folio` (1-based) starts; `pageCount + 1` gives the end of the pages (where the bin starts). */
export function pageStart(edition: Node, folio: number): number {
  let pos = 0;
  for (let i = 0; i < folio - 1; i++) pos += edition.child(i).nodeSize;
  return pos;
}

/**
 * Moves the page at `from` to position `to` (both 1-based; after the move
 * the page is page `to`), renumbering every page between and updating every
 * reference. Moving a page onto itself changes nothing (no steps).
 */
export function movePage(edition: Node, from: number, to: number): Transform {
  checkFolio(edition, from, 'from');
  checkFolio(edition, to, 'to');
  const tr = new Transform(edition);
  if (from === to) return tr;
  const page = edition.child(from - 1);
  const start = pageStart(edition, from);
  tr.delete(start, start + page.nodeSize);
  tr.insert(pageStart(tr.doc, to), page);
  return syncEdition(tr);
}

/** Inserts `page` so that it becomes page `at` (1 … count + 1), and renumbers. */
export function insertPage(edition: Node, at: number, page: Node): Transform {
  checkFolio(edition, at, 'at', pageCount(edition) + 1);
  if (page.type.name !== 'page') throw new RangeError(`insertPage needs a page node, not a ${page.type.name}`);
  const tr = new Transform(edition);
  tr.insert(pageStart(edition, at), page);
  return syncEdition(tr);
}

/** Removes page `folio` (never the last one left) and renumbers; 导读 items bound to its stories lose their page. */
export function deletePage(edition: Node, folio: number): Transform {
  checkFolio(edition, folio, 'folio');
  if (pageCount(edition) === 1) throw new RangeError('an edition keeps at least one page');
  const tr = new Transform(edition);
  const start = pageStart(edition, folio);
  tr.delete(start, start + edition.child(folio - 1).nodeSize);
  return syncEdition(tr);
}

/** Every block id used in the edition (placed or in the bin). */
function usedIds(edition: Node): Set<string> {
  const ids = new Set<string>();
  edition.descendants((node) => {
    const id = node.attrs['id'];
    if (typeof id === 'string' && id !== '') ids.add(id);
    return node.type.name === 'edition' || node.type.name === 'page' || node.type.name === 'bin';
  });
  return ids;
}

/** The first of `name(from)`, `name(from + 1)`, … that `used` does not hold, added to it. */
function claimId(used: Set<string>, name: (n: number) => string, from: number): string {
  let n = from;
  while (used.has(name(n))) n++;
  const id = name(n);
  used.add(id);
  return id;
}

/**
 * Inserts an empty page right after page `folio`, and renumbers: the same
 * paper, grid and section as that page, status 排版中, holding only a copy
 * of its folio line (an inner page's head) if it has one, under a fresh id
 * (`<id>-new`, `<id>-new-2`, …).
 */
export function insertBlankPage(edition: Node, folio: number): Transform {
  checkFolio(edition, folio, 'folio');
  const model = edition.child(folio - 1);
  const used = usedIds(edition);
  const blocks: Node[] = [];
  model.forEach((block) => {
    if (block.type.name !== 'masthead' || block.attrs['variant'] !== 'folio') return;
    const base = `${String(block.attrs['id'] ?? 'folio')}-new`;
    const id = claimId(used, (n) => (n === 1 ? base : `${base}-${n}`), 1);
    blocks.push(block.type.create({ ...block.attrs, id }, block.content, block.marks));
  });
  return insertPage(edition, folio + 1, model.type.create({ ...model.attrs, status: 'draft' }, blocks));
}

/**
 * Inserts a copy of page `folio` right after it, and renumbers. Every block
 * of the copy gets a fresh id (`<id>-2`, `-3`, …); a 转版 continuation keeps
 * its link only to a part copied with it (a second continuation of the same
 * story would be a branch); 导读 items still point at the stories they named.
 */
export function duplicatePage(edition: Node, folio: number): Transform {
  checkFolio(edition, folio, 'folio');
  const page = edition.child(folio - 1);
  const used = usedIds(edition);
  const renamed = new Map<string, string>();
  const fresh = (id: string) => {
    const next = claimId(used, (n) => `${id}-${n}`, 2);
    renamed.set(id, next);
    return next;
  };
  const copyBlock = (block: Node) => block.type.create({ ...block.attrs, id: fresh(String(block.attrs['id'] ?? 'block')) }, block.content, block.marks);
  const copied: Node[] = [];
  // The page's placed blocks; the edition's bin is not the page's and is not copied.
  page.forEach((child) => copied.push(copyBlock(child)));
  // Links inside the copy follow the renames; links out of it are cut.
  const relink = (block: Node): Node => {
    const continues = String(block.attrs['continues'] ?? '');
    if (block.type.name !== 'story' || continues === '') return block;
    return block.type.create({ ...block.attrs, continues: renamed.get(continues) ?? '' }, block.content, block.marks);
  };
  const blocks = copied.map(relink);
  return insertPage(edition, folio + 1, page.type.create({ ...page.attrs, status: 'draft' }, Fragment.from(blocks)));
}
