/**
 * Reordering, adding and removing the pages of an edition, each as one
 * transform: the structural step and the renumbering that follows it
 * (folios, 导读 pages, mirrors; jump lines are computed from block ids and
 * so follow by themselves). Applied as one transaction, a page move is one
 * step of history, exactly as dragging it in the page plan will be.
 */
import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { syncEdition } from './edition-sync';

function checkFolio(edition: Node, folio: number, name: string, max = edition.childCount): void {
  if (!Number.isInteger(folio) || folio < 1 || folio > max) {
    throw new RangeError(`${name} must be a page from 1 to ${max}, not ${folio}`);
  }
}

/** Document position where the page at `folio` (1-based) starts; `childCount + 1` gives the end. */
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
  checkFolio(edition, at, 'at', edition.childCount + 1);
  if (page.type.name !== 'page') throw new RangeError(`insertPage needs a page node, not a ${page.type.name}`);
  const tr = new Transform(edition);
  tr.insert(pageStart(edition, at), page);
  return syncEdition(tr);
}

/** Removes page `folio` (never the last one left) and renumbers; 导读 items bound to its stories lose their page. */
export function deletePage(edition: Node, folio: number): Transform {
  checkFolio(edition, folio, 'folio');
  if (edition.childCount === 1) throw new RangeError('an edition keeps at least one page');
  const tr = new Transform(edition);
  const start = pageStart(edition, folio);
  tr.delete(start, start + edition.child(folio - 1).nodeSize);
  return syncEdition(tr);
}
