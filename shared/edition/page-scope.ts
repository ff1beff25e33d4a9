/**
 * The page an edit is about. The editor's document is an edition (`edition >
 * page+ bin?`), but a block command, a hit test or a decoration pass works on one
 * page: the active one (docs/decisions/0022-active-page.md). A
 * {@link PageScope} names that page and where its content starts in the
 * document, so code written for a page document works unchanged on a page of
 * an edition by adding `start` to its page-relative positions. A document
 * that is itself a page (print mode, the desk, the CLI) is its own scope
 * with `start` 0.
 */
import type { Node } from 'prosemirror-model';
import { PluginKey } from 'prosemirror-state';
import type { EditorState, Selection, Transaction } from 'prosemirror-state';

/** One page of a document and where its content starts. */
export interface PageScope {
  /** The whole document (an edition, or the page itself). */
  readonly doc: Node;
  /** The page node. */
  readonly page: Node;
  /** The page's index in the edition (0 for a page document). */
  readonly index: number;
  /** Document position of the page's first child (0 when the document is the page). */
  readonly start: number;
}

/** Whether a document is an edition of pages (else it is one page). */
export function isEdition(doc: Node): boolean {
  return doc.type.name === 'edition';
}

/**
 * How many pages a document has: an edition's children less its story bin
 * (`edition > page+ bin?`), 1 for a page document. Code that walks an
 * edition's pages uses this (or {@link forEachPage}), never `childCount`.
 */
export function pageCount(doc: Node): number {
  if (!isEdition(doc)) return 1;
  return doc.lastChild?.type.name === 'bin' ? doc.childCount - 1 : doc.childCount;
}

/** Calls `f` for each page of an edition in order, with its offset and index (the story bin after them is skipped). */
export function forEachPage(edition: Node, f: (page: Node, offset: number, index: number) => void): void {
  edition.forEach((child, offset, index) => {
    if (child.type.name === 'page') f(child, offset, index);
  });
}

/**
 * The scope of page `index` of `doc` (clamped to the pages there are); a
 * page document is its own scope whatever the index.
 */
export function scopeOf(doc: Node, index = 0): PageScope {
  if (!isEdition(doc)) return { doc, page: doc, index: 0, start: 0 };
  const i = Math.max(0, Math.min(pageCount(doc) - 1, index));
  let pos = 0;
  for (let k = 0; k < i; k++) pos += doc.child(k).nodeSize;
  return { doc, page: doc.child(i), index: i, start: pos + 1 };
}

function isScope(where: Node | PageScope): where is PageScope {
  return 'start' in where && 'page' in where;
}

/**
 * A scope from either a scope or a page document. An edition given as a bare
 * node is a mistake (which page?) and throws, so a caller not yet scoped is
 * found at once rather than silently seeing no blocks.
 */
export function asScope(where: Node | PageScope): PageScope {
  if (isScope(where)) return where;
  if (isEdition(where)) throw new RangeError('a page operation was given the whole edition: pass the active page scope');
  return { doc: where, page: where, index: 0, start: 0 };
}

/** The page's settings attribute written with the step that fits the document (doc attribute or node attribute). */
export function setPageAttr(tr: Transaction, scope: PageScope, key: string, value: unknown): Transaction {
  return scope.start === 0 ? tr.setDocAttribute(key, value) : tr.setNodeAttribute(scope.start - 1, key, value);
}

/** The index of the page a selection's head is in, or null (a page document, or a selection across pages). */
export function selectionPage(doc: Node, selection: Selection): number | null {
  if (!isEdition(doc)) return null;
  const $head = selection.$head;
  if ($head.depth < 1) return null;
  const index = $head.index(0);
  return index < pageCount(doc) ? index : null;
}

/** What the active-page plugin keeps (renderer/editor/active-page-plugin.ts). */
export interface ActivePageState {
  /** Index of the page shown and edited. */
  readonly index: number;
}

/** The active page's plugin key; shared so commands can read the active page without the renderer. */
export const activePageKey = new PluginKey<ActivePageState>('bm-active-page');

/** The active page's index: the plugin's, else the page the selection is in, else 0. */
export function activePageIndex(state: EditorState): number {
  const own = activePageKey.getState(state);
  if (own) return own.index;
  return selectionPage(state.doc, state.selection) ?? 0;
}

/** The active page's scope in a state (a page document: the document). */
export function activeScope(state: EditorState): PageScope {
  return scopeOf(state.doc, activePageIndex(state));
}

/** The same page's scope in a later document of the same edition (a transaction's `tr.doc`). */
export function rescope(scope: PageScope, doc: Node): PageScope {
  return scope.doc === doc ? scope : scopeOf(doc, scope.index);
}

/** Depth of a block (a page's child) in the document: 1 in a page, 2 in an edition. */
export function blockDepth(doc: Node): number {
  return isEdition(doc) ? 2 : 1;
}

/** Whether a state change showed another page (a plugin that draws the active page recomputes then). */
export function activePageChanged(old: EditorState, next: EditorState): boolean {
  return activePageIndex(old) !== activePageIndex(next);
}
