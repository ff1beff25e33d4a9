/**
 * What the block commands share: finding blocks by id, keeping grid boxes
 * inside the grid, and the transaction meta that lets a structural edit
 * (delete, duplicate, reorder) through the editor's block guard.
 */
import type { Node } from 'prosemirror-model';
import { closeHistory } from 'prosemirror-history';
import { NodeSelection, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import type { GridBox } from '../../page/geometry';
import type { GridSettings, PageSettings } from '../../page/settings';
import { isBlockKind } from '../schema';
import { asScope, blockDepth, forEachPage, isEdition } from '../../edition/page-scope';
import type { PageScope } from '../../edition/page-scope';

/**
 * Transaction meta (value `true`) marking an edit that adds, removes or
 * reorders blocks on purpose. Text editing never does; the renderer's block
 * guard drops every other transaction that changes the page's block list.
 */
export const ALLOW_STRUCTURE = 'bm-allow-structure';

/**
 * Marks `tr` as one whole gesture (a move, a placement, an import): it starts
 * its own undo step, never merged with typing or another gesture that came
 * just before. `structural` also lets it through the block guard.
 */
export function asGesture(tr: Transaction, options: { structural?: boolean } = {}): Transaction {
  closeHistory(tr);
  return options.structural ? tr.setMeta(ALLOW_STRUCTURE, true) : tr;
}

/** A block of the page: the node, its index among the page's children and its position before it. */
export interface FoundBlock {
  node: Node;
  index: number;
  pos: number;
}

/**
 * Every block of the page in document order (= stacking order, last on top),
 * at document positions (a page of an edition: offset by its start).
 */
export function pageBlocks(where: Node | PageScope): FoundBlock[] {
  const { page, start } = asScope(where);
  const out: FoundBlock[] = [];
  page.forEach((node, pos, index) => {
    if (isBlockKind(node.type.name)) out.push({ node, index, pos: start + pos });
  });
  return out;
}

function findIn(page: Node, start: number, id: string): FoundBlock | null {
  let found: FoundBlock | null = null;
  page.forEach((node, pos, index) => {
    if (!found && isBlockKind(node.type.name) && node.attrs['id'] === id) found = { node, index, pos: start + pos };
  });
  return found;
}

/**
 * The block with this id, or null; the empty id matches nothing. Ids are
 * unique across an edition, so given a whole edition this looks on every
 * page (a walk over the pages' children, not their text).
 */
export function findBlock(where: Node | PageScope, id: string): FoundBlock | null {
  if (id === '') return null;
  if (!('start' in where) && isEdition(where)) {
    let found: FoundBlock | null = null;
    // The edition's story bin is not a page: what lies there is not placed.
    forEachPage(where, (page, offset) => {
      found ??= findIn(page, offset + 1, id);
    });
    return found;
  }
  const { page, start } = asScope(where);
  return findIn(page, start, id);
}

/** The grid box a block node stands on. */
export function boxOf(node: Node): GridBox {
  const { col, line, cols, lines } = node.attrs as GridBox;
  return { col, line, cols, lines };
}

export function sameBox(a: GridBox, b: GridBox): boolean {
  return a.col === b.col && a.line === b.line && a.cols === b.cols && a.lines === b.lines;
}

/** The page's grid (from the page node's settings). */
export function pageGrid(where: Node | PageScope): GridSettings {
  return (asScope(where).page.attrs['settings'] as PageSettings).grid;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The nearest box to `box` that lies inside the grid on whole units: the span
 * is rounded and limited to the grid first (at least 1×1), then the origin is
 * moved in so the box fits. A box already inside is returned unchanged.
 */
export function clampBox(grid: GridSettings, box: GridBox): GridBox {
  for (const [k, v] of Object.entries(box)) {
    if (!Number.isFinite(v)) throw new RangeError(`grid box ${k} must be finite, got ${v}`);
  }
  const cols = clamp(Math.round(box.cols), 1, grid.columns);
  const lines = clamp(Math.round(box.lines), 1, grid.lines);
  return {
    col: clamp(Math.round(box.col), 0, grid.columns - cols),
    line: clamp(Math.round(box.line), 0, grid.lines - lines),
    cols,
    lines,
  };
}

/** Writes a block's box with attribute steps (positions and selection stay where they are). */
export function setBox(tr: Transaction, pos: number, from: GridBox, to: GridBox): void {
  for (const key of ['col', 'line', 'cols', 'lines'] as const) {
    if (from[key] !== to[key]) tr.setNodeAttribute(pos, key, to[key]);
  }
}

/** The id of the block a NodeSelection selects, else null. */
export function selectedBlockId(tr: { selection: Transaction['selection'] }): string | null {
  const sel = tr.selection;
  if (sel instanceof NodeSelection && isBlockKind(sel.node.type.name)) return String(sel.node.attrs['id']);
  return null;
}

/**
 * Where the selection was relative to a block, so it can be put back after
 * the block is moved in the document: the whole block, or a text range
 * inside it (offsets from the block's start).
 */
export type SelectionInBlock = { id: string; whole: true } | { id: string; whole: false; anchor: number; head: number };

/** The block-relative selection, or null when the selection is not within one block. */
export function selectionInBlock(tr: Transaction): SelectionInBlock | null {
  const id = selectedBlockId(tr);
  if (id !== null) return { id, whole: true };
  const { $from, $to, anchor, head } = tr.selection;
  const d = blockDepth(tr.doc);
  if ($from.depth < d || $to.depth < d || $from.index(d - 1) !== $to.index(d - 1) || $from.before(d) !== $to.before(d)) return null;
  const block = $from.node(d);
  if (!isBlockKind(block.type.name)) return null;
  const start = $from.before(d);
  return { id: String(block.attrs['id']), whole: false, anchor: anchor - start, head: head - start };
}

/** Puts a {@link selectionInBlock} back at the block's current position, if it still exists. */
export function restoreSelection(tr: Transaction, saved: SelectionInBlock | null): void {
  if (!saved) return;
  const found = findBlock(tr.doc, saved.id);
  if (!found) return;
  if (saved.whole) {
    tr.setSelection(NodeSelection.create(tr.doc, found.pos));
    return;
  }
  const max = found.pos + found.node.nodeSize;
  const a = clamp(found.pos + saved.anchor, found.pos, max);
  const h = clamp(found.pos + saved.head, found.pos, max);
  tr.setSelection(TextSelection.between(tr.doc.resolve(a), tr.doc.resolve(h)));
}
