/**
 * Which page of the edition is shown and edited (docs/decisions/0022-active-page.md).
 * The index lives in this plugin's state under the shared
 * {@link activePageKey}; switching is a transaction carrying
 * {@link ShowPageMeta} that stays out of the undo history. A selection that
 * lands on another page (undo of an edit there) makes that page the active
 * one, so the selection is always on the active page. Each page's caret and
 * selection (mapped through every transaction) and the viewport's scroll are
 * remembered, keyed by page index, and come back when the page is shown
 * again. When the page list changes (a page moved, added or deleted), the
 * active page and every remembered one follow their page to its new index,
 * and a selection left on a moved page is kept on it. The active page's node
 * carries a node decoration: the page
 * NodeView reads it and redraws itself (and only itself and the page it
 * replaces) when it changes.
 */
import type { Node } from 'prosemirror-model';
import { isHistoryTransaction } from 'prosemirror-history';
import { Plugin, Selection, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { activePageKey, forEachPage, isEdition, pageCount, scopeOf, selectionPage } from '../../shared/edition/page-scope';
import type { ActivePageState } from '../../shared/edition/page-scope';

/** A scroll position of the viewport. */
export interface Scroll {
  left: number;
  top: number;
}

/** What is remembered of a page while another one is shown. */
export interface PageMemory {
  anchor: number;
  head: number;
  scroll: Scroll | null;
}

export interface ActivePage extends ActivePageState {
  /** Remembered caret/selection and scroll per page index (the active page's own is the live one). */
  readonly memory: ReadonlyMap<number, PageMemory>;
  readonly decorations: DecorationSet;
}

/** Meta of a page switch: the page to show and the viewport's scroll as it is being left. */
export interface ShowPageMeta {
  show: number;
  leaving?: Scroll;
}

/** Decoration spec key telling the page NodeView it is the active page. */
export const ACTIVE_PAGE_SPEC = 'bmActivePage';

function activeDecorations(doc: Node, index: number): DecorationSet {
  const { page, start } = scopeOf(doc, index);
  return DecorationSet.create(doc, [Decoration.node(start - 1, start - 1 + page.nodeSize, {}, { [ACTIVE_PAGE_SPEC]: true })]);
}

function clampIndex(doc: Node, index: number): number {
  return Math.max(0, Math.min(pageCount(doc) - 1, index));
}

/**
 * What identifies a page across a change of the page list: its first block with
 * an id (ids are unique in an edition), null for a page without one (a blank
 * page).
 */
function pageIdentity(page: Node): string | null {
  for (let i = 0; i < page.childCount; i++) {
    const id = page.child(i).attrs['id'];
    if (typeof id === 'string' && id !== '') return id;
  }
  return null;
}

/**
 * Where each page of the old document is in the new one (null: deleted), when
 * the transaction changed the page list; null when every page kept its index.
 */
function followPages(tr: Transaction, oldDoc: Node, newDoc: Node): ((index: number) => number | null) | null {
  if (!tr.docChanged || !isEdition(oldDoc) || !isEdition(newDoc)) return null;
  const before: (string | null)[] = [];
  const after: (string | null)[] = [];
  forEachPage(oldDoc, (p) => before.push(pageIdentity(p)));
  forEachPage(newDoc, (p) => after.push(pageIdentity(p)));
  if (before.length === after.length && before.every((id, i) => id === after[i])) return null;
  return (index) => {
    const id = before[index];
    if (id !== undefined && id !== null) {
      const at = after.indexOf(id);
      return at < 0 ? null : at;
    }
    // A page without ids: where its inside maps to, unless it went.
    const { start } = scopeOf(oldDoc, index);
    const mapped = tr.mapping.mapResult(start);
    if (mapped.deleted) return null;
    const $at = newDoc.resolve(Math.min(mapped.pos, newDoc.content.size));
    return $at.depth >= 1 && $at.index(0) < after.length ? $at.index(0) : null;
  };
}

/**
 * A remembered selection of old page `from`, now page `to`: mapped through the
 * transaction when it stays inside that page, else (the page was moved: its
 * old place deleted) at the same offset inside the page, clamped.
 */
function followMemory(m: PageMemory, tr: Transaction, oldDoc: Node, from: number, newDoc: Node, to: number): PageMemory {
  const was = scopeOf(oldDoc, from);
  const now = scopeOf(newDoc, to);
  const end = now.start + now.page.content.size;
  const one = (pos: number) => {
    const mapped = tr.mapping.mapResult(pos);
    if (!mapped.deleted && mapped.pos >= now.start && mapped.pos <= end) return mapped.pos;
    return Math.min(end, now.start + Math.max(0, pos - was.start));
  };
  return { ...m, anchor: one(m.anchor), head: one(m.head) };
}

function mapMemory(memory: ReadonlyMap<number, PageMemory>, tr: Transaction, oldDoc: Node, newDoc: Node, follow: ((index: number) => number | null) | null): ReadonlyMap<number, PageMemory> {
  if (!tr.docChanged || memory.size === 0) return memory;
  const out = new Map<number, PageMemory>();
  for (const [i, m] of memory) {
    if (!follow) {
      out.set(i, { ...m, anchor: tr.mapping.map(m.anchor), head: tr.mapping.map(m.head) });
      continue;
    }
    const to = follow(i);
    if (to !== null) out.set(to, followMemory(m, tr, oldDoc, i, newDoc, to));
  }
  return out;
}

/** The page index of a position in the new document, or null when it is not in a page (the edition's story bin). */
function pageAt(tr: Transaction, at: number): number | null {
  const $at = tr.doc.resolve(Math.min(at, tr.doc.content.size));
  if ($at.depth < 1) return null;
  const index = $at.index(0);
  return index < pageCount(tr.doc) ? index : null;
}

/** The page (in the new document) where an undo or redo changed something first (a change in the story bin shows no page). */
function changedPage(tr: Transaction): number | null {
  let page: number | null = null;
  tr.mapping.maps.forEach((map, i) => {
    if (page !== null) return;
    map.forEach((_from, _to, newFrom) => {
      page ??= pageAt(tr, tr.mapping.slice(i + 1).map(newFrom));
    });
  });
  if (page !== null) return page;
  let at: number | null = null;
  // Attribute steps have empty maps: the first step's position then.
  if (at === null && tr.steps.length > 0) {
    const json = tr.steps[0]!.toJSON() as { pos?: number; from?: number };
    at = json.pos ?? json.from ?? null;
    if (at !== null) at = tr.mapping.slice(1).map(at);
  }
  return at === null ? null : pageAt(tr, at);
}

/** The active page's state in an edition editor (null for a page document). */
export function activePage(state: EditorState): ActivePage | null {
  return (activePageKey.getState(state) as ActivePage | undefined) ?? null;
}

/** The plugin; `initial` is the page shown first. */
export function activePagePlugin(initial = 0): Plugin<ActivePage> {
  return new Plugin<ActivePage>({
    key: activePageKey,
    state: {
      init: (_config, state) => {
        const index = clampIndex(state.doc, initial);
        return { index, memory: new Map(), decorations: activeDecorations(state.doc, index) };
      },
      apply: (tr, prev, old, next) => {
        const meta = tr.getMeta(activePageKey) as ShowPageMeta | undefined;
        const follow = followPages(tr, old.doc, next.doc);
        let memory = mapMemory(prev.memory, tr, old.doc, next.doc, follow);
        // The page shown stays shown wherever a change of the page list put it (deleted: the page now at its index).
        const followed = follow ? follow(prev.index) : prev.index;
        let index = followed ?? prev.index;
        if (meta) index = meta.show;
        else if (tr.docChanged && isHistoryTransaction(tr)) index = changedPage(tr) ?? selectionPage(next.doc, next.selection) ?? index;
        else if (tr.selectionSet) index = selectionPage(next.doc, next.selection) ?? index;
        index = clampIndex(next.doc, index);
        if (followed !== null && (index !== followed || follow)) {
          // Where the page shown before was left: remembered for a return, and (page list changed) for the selection
          // to stay on it when the change carried it off its old place (appendTransaction below).
          const before = old.selection;
          const left = { anchor: before.anchor, head: before.head, scroll: meta?.leaving ?? prev.memory.get(prev.index)?.scroll ?? null };
          const kept = new Map(memory);
          kept.set(followed, follow ? followMemory(left, tr, old.doc, prev.index, next.doc, followed) : { ...left, anchor: tr.mapping.map(left.anchor), head: tr.mapping.map(left.head) });
          memory = kept;
        }
        if (index === prev.index && !tr.docChanged && memory === prev.memory) return prev;
        const decorations = index !== prev.index || tr.docChanged ? activeDecorations(next.doc, index) : prev.decorations;
        return { index, memory, decorations };
      },
    },
    // A change of the page list that carried the selection off the page shown (its old place deleted) puts it back
    // where it was on that page; outside the undo history, as part of the change.
    appendTransaction: (trs, _old, state) => {
      const shown = activePage(state);
      if (!shown || !trs.some((tr) => tr.docChanged) || !isEdition(state.doc)) return null;
      if (selectionPage(state.doc, state.selection) === shown.index) return null;
      return state.tr.setSelection(rememberedSelection(state, shown.index)).setMeta('addToHistory', false);
    },
    props: {
      decorations: (state) => activePageKey.getState(state) && (activePageKey.getState(state) as ActivePage).decorations,
    },
  });
}

/** The selection to give page `index` when it is shown: where it was left, else its first text. */
export function rememberedSelection(state: EditorState, index: number): Selection {
  const { page, start } = scopeOf(state.doc, index);
  const end = start + page.content.size;
  const m = activePage(state)?.memory.get(index);
  if (m && m.anchor >= start && m.anchor <= end && m.head >= start && m.head <= end) {
    try {
      const $anchor = state.doc.resolve(m.anchor);
      const $head = state.doc.resolve(m.head);
      if ($anchor.parent.inlineContent && $head.parent.inlineContent) return TextSelection.between($anchor, $head);
      return Selection.near($head);
    } catch {
      // Fall through to the page's first text.
    }
  }
  return Selection.findFrom(state.doc.resolve(start), 1, true) ?? Selection.near(state.doc.resolve(start));
}

/**
 * The transaction that shows page `index` (its remembered selection), out of
 * the undo history; null when it is already shown or out of range.
 */
export function showPageTr(state: EditorState, index: number, leaving?: Scroll): Transaction | null {
  if (!isEdition(state.doc) || index < 0 || index >= pageCount(state.doc)) return null;
  const current = activePage(state)?.index ?? 0;
  if (index === current) return null;
  const tr = state.tr.setSelection(rememberedSelection(state, index));
  const meta: ShowPageMeta = leaving ? { show: index, leaving } : { show: index };
  return tr.setMeta(activePageKey, meta).setMeta('addToHistory', false);
}
