/**
 * What the page plan (renderer/panels/plan) shows of the edition an editor
 * session holds, and the command its drag runs: page summaries (section,
 * status, colour, size; preflight of each page's own checks and of the
 * edition's references), and a page move as one undoable transaction of
 * `movePage`, which renumbers folios and resyncs every reference (导读
 * numbers, jump lines) in the same step.
 */
import type { Node } from 'prosemirror-model';
import type { Command } from 'prosemirror-state';
import { pageMeta } from '../../shared/edition/edition-doc';
import { deletePage, duplicatePage, insertBlankPage, movePage } from '../../shared/edition/page-moves';
import type { Transform } from 'prosemirror-transform';
import { asGesture } from '../../shared/model/commands/blocks';
import { isEdition } from '../../shared/edition/page-scope';
import { editionPages } from '../../shared/edition/edition-doc';
import type { PageSettings } from '../../shared/page/settings';
import type { AssetSizes } from '../../shared/preflight/preflight-page';
import { preflightPage } from '../../shared/preflight/preflight-page';
import { preflightEditionReferences } from '../../shared/preflight/edition-references';
import type { PageThumbnail } from '../../shared/host/host-methods';
import type { PlanPageSummary } from '../panels/plan/PagePlanPanel';

/** The pages of a document (an edition's pages, or the one page). */
export function documentPages(doc: Node): Node[] {
  if (!isEdition(doc)) return [doc];
  return editionPages(doc);
}

/** Errors and warnings per page (index 0 = 第1版): each page's own checks (overset aside: the plan shows it) and the edition's references. */
export function pagePreflight(doc: Node, assets: AssetSizes): { errors: number; warnings: number }[] {
  const pages = documentPages(doc);
  const counts = pages.map(() => ({ errors: 0, warnings: 0 }));
  const add = (page: number, level: string) => {
    const c = counts[page - 1];
    if (!c) return;
    if (level === 'error') c.errors++;
    else if (level === 'warning') c.warnings++;
  };
  pages.forEach((page, i) => {
    for (const f of preflightPage({ doc: page, page: i + 1, assets, overset: new Map() })) add(i + 1, f.level);
  });
  if (isEdition(doc)) for (const f of preflightEditionReferences(doc)) add(f.page, f.level);
  return counts;
}

/** The page being edited and its overset as the editor's own copyfit measured it (the real layout, live). */
export interface EditedPageOverset {
  /** Index of the page (0 = 第1版). */
  index: number;
  oversetBlocks: number;
}

/**
 * The plan's page summaries, with the thumbnails drawn so far, by index. A
 * page's overset is the best layout's there is: the editor's for the page being
 * edited, else its thumbnail's (the print's, or the draft's, which says so).
 */
export function planSummaries(
  doc: Node,
  thumbnails: readonly (PageThumbnail | null)[],
  preflight: readonly { errors: number; warnings: number }[] | null,
  edited: EditedPageOverset | null = null,
): PlanPageSummary[] {
  return documentPages(doc).map((page, i) => {
    const meta = pageMeta(page);
    const paper = (page.attrs['settings'] as PageSettings).paper;
    const thumb = thumbnails[i] ?? null;
    const first = page.firstChild?.attrs['id'];
    return {
      key: typeof first === 'string' && first !== '' ? first : `page-${i}`,
      section: meta.section,
      status: meta.status,
      colour: meta.colour,
      widthMm: paper.width,
      heightMm: paper.height,
      thumbnail: thumb?.image ?? null,
      oversetBlocks: edited?.index === i ? edited.oversetBlocks : thumb ? thumb.oversetBlocks : null,
      oversetLayout: edited?.index === i ? 'editor' : (thumb?.layout ?? null),
      preflight: preflight?.[i] ?? null,
    };
  });
}

/**
 * A change to the page list as one undo step: `change` gives the transform
 * of the edition (movePage, insertPage, …, which renumber folios and resync
 * every reference in the same steps); false when it refuses or changes nothing.
 */
function pageListCommand(change: (edition: Node) => Transform): Command {
  return (state, dispatch) => {
    if (!isEdition(state.doc)) return false;
    let changed: Transform;
    try {
      changed = change(state.doc);
    } catch {
      return false;
    }
    if (changed.steps.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const step of changed.steps) tr.step(step);
      // One gesture, one undo step; it changes the page list, which the block guard lets through only when told.
      dispatch(asGesture(tr, { structural: true }));
    }
    return true;
  };
}

/** Moves page `from` to position `to` (folios) as one undo step: renumbering and every reference in the same transaction. */
export function movePageCommand(from: number, to: number): Command {
  return pageListCommand((edition) => movePage(edition, from, to));
}

/** A copy of page `folio` right after it (fresh block ids), as one undo step. */
export function duplicatePageCommand(folio: number): Command {
  return pageListCommand((edition) => duplicatePage(edition, folio));
}

/** Removes page `folio` (never the last one), as one undo step; 导读 items bound to its stories lose their page. */
export function deletePageCommand(folio: number): Command {
  return pageListCommand((edition) => deletePage(edition, folio));
}

/** A new empty page right after page `folio` (insertBlankPage), as one undo step. */
export function newPageCommand(folio: number): Command {
  return pageListCommand((edition) => insertBlankPage(edition, folio));
}
