/**
 * 转版 live flow in the editor (docs/decisions/0030-live-jump-flow.md). After
 * a local edit of a chain part's text on the active page, once copyfit has
 * measured the new layout, the part that overflows pushes its tail (from the
 * first character that does not fit, the （下转） line's line kept free) to
 * the head of the next part; a part with room pulls the next part's first
 * paragraph back and is measured again. Each move is a transaction joined to
 * the edit's history event (`appendedTransaction`): one undo takes the edit
 * and every move it caused back.
 *
 * Only a change made here flows: remote desk steps, undo and redo, page
 * moves and switches carry `addToHistory: false` or are history
 * transactions, and flow nothing — two clients flowing the same tail would
 * move it twice.
 */
import { isHistoryTransaction } from 'prosemirror-history';
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey, TextSelection } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { partBody, pullHead, pushTail, tidyRunFlags } from '../../shared/edition/flow';
import type { FlowMove } from '../../shared/edition/flow';
import { activeScope, isEdition } from '../../shared/edition/page-scope';
import { locateBlocks } from '../../shared/edition/references';
import { copyfitStore } from './copyfit-store';
import { firstUnfit } from './flow-measure';
import { pageElement } from '../page/page-frame';

/** What is waiting to flow: the parts a local edit changed, and that edit. */
interface FlowState {
  /** Ids of the chain parts (with a part after them) on the active page whose text changed. */
  readonly parts: readonly string[];
  /** The edit that caused it; the moves join its history event. */
  readonly trigger: Transaction | null;
  /** A push happened in this episode: no more pulls (a pulled paragraph pushed back is settled). */
  readonly pushed: boolean;
  /** Moves so far in this episode (a bound: each pull is a frame). */
  readonly rounds: number;
}

const IDLE: FlowState = { parts: [], trigger: null, pushed: false, rounds: 0 };
/** At most this many pulls after one edit (each pulls a paragraph, measured in its own frame). */
const MAX_ROUNDS = 40;

export const flowKey = new PluginKey<FlowState>('bm-flow');

/** Whether a transaction is an edit made on this client by its user (not undo/redo, not a desk step, not a pass). */
function localEdit(tr: Transaction): boolean {
  return tr.docChanged && !isHistoryTransaction(tr) && tr.getMeta('addToHistory') !== false && tr.getMeta(flowKey) === undefined;
}

/** Stories on the active page whose body node changed, by id, with their attributes. */
function changedStories(old: EditorState, next: EditorState): Map<string, { pos: number; node: Node }> {
  const out = new Map<string, { pos: number; node: Node }>();
  if (!isEdition(next.doc)) return out;
  const now = activeScope(next);
  const before = activeScope(old);
  const bodies = new Map<string, Node>();
  before.page.forEach((block) => {
    if (block.type.name === 'story') bodies.set(String(block.attrs['id']), block.lastChild!);
  });
  now.page.forEach((block, offset) => {
    if (block.type.name !== 'story') return;
    const id = String(block.attrs['id']);
    if (bodies.get(id) !== block.lastChild) out.set(id, { pos: now.start + offset, node: block });
  });
  return out;
}

/** The part that continues `id` (its `continues` names it), placed on a page, or null. */
function nextPart(doc: Node, id: string): { id: string; pos: number } | null {
  for (const [other, place] of locateBlocks(doc)) {
    if (place.placed && place.node.type.name === 'story' && place.node.attrs['continues'] === id) return { id: other, pos: place.pos };
  }
  return null;
}

/** The flow plugin: remembers what a local edit changed; keeps run flags tidy on edited parts. */
export function flowPlugin(): Plugin<FlowState> {
  return new Plugin<FlowState>({
    key: flowKey,
    state: {
      init: () => IDLE,
      apply(tr, prev, old, next) {
        const meta = tr.getMeta(flowKey) as FlowState | undefined;
        if (meta) return meta;
        if (!tr.docChanged) return prev;
        if (isHistoryTransaction(tr)) return IDLE;
        if (!localEdit(tr)) return prev;
        const parts = [...changedStories(old, next)].filter(([, s]) => s.node.attrs['jumpTo'] != null).map(([id]) => id);
        return parts.length > 0 ? { parts, trigger: tr, pushed: false, rounds: 0 } : prev;
      },
    },
    // Enter in a cut paragraph splits it with its flags: only a part's first piece runs in, its last runs on.
    appendTransaction(trs, old, next) {
      if (!trs.some(localEdit)) return null;
      const tr = next.tr;
      for (const [, s] of changedStories(old, next)) tidyRunFlags(tr, s.pos, s.node.attrs['jumpFrom'] != null, s.node.attrs['jumpTo'] != null);
      return tr.docChanged ? tr : null;
    },
  });
}

/** Moves the selection with the text it was in (to the other page: that page is shown, 0022). */
function follow(tr: Transaction, state: EditorState, move: FlowMove): void {
  const head = state.selection.head;
  if (!state.selection.empty || head <= move.from || head > move.to) return;
  tr.setSelection(TextSelection.create(tr.doc, move.relocate(head)));
}

/**
 * One step of flow after the typesetting passes settled the page (copyfit's
 * store holds this layout): a push, a pull, or nothing left to do. The
 * pipeline's `settled` hook calls it (editor-session.ts); a move dispatches a
 * transaction, which lays the page out and measures again.
 */
export function runFlow(view: EditorView, linePx: number): void {
  const state = view.state;
  const pending = flowKey.getState(state);
  if (!pending || pending.parts.length === 0 || view.composing) return;
  const fits = copyfitStore(state)?.fits;
  const root = pageElement(view);
  const start = performance.now();
  const settle = (next: FlowState, tr: Transaction = state.tr): void => {
    // Visible in performance tools and to benchmarks as `bm-flow` (measuring and building the move).
    performance.measure('bm-flow', { start });
    tr.setMeta(flowKey, next).setMeta('addToHistory', tr.docChanged);
    // Joined to the edit's history event: one undo takes both back.
    if (tr.docChanged && pending.trigger) tr.setMeta('appendedTransaction', pending.trigger);
    view.dispatch(tr);
  };
  if (pending.rounds >= MAX_ROUNDS) return settle(IDLE);
  for (const id of pending.parts) {
    const place = locateBlocks(state.doc).get(id);
    const next = nextPart(state.doc, id);
    const el = root.querySelector<HTMLElement>(`:scope > .bm-block[data-block-id="${CSS.escape(id)}"]`);
    const body = el?.querySelector<HTMLElement>(':scope > .bm-body');
    const fit = fits?.get(id);
    // Shaped bodies (galleys in slots) do not flow yet: their jump line is not drawn either (0023).
    if (!place || !next || !el || !body || body.classList.contains('bm-shaped') || !fit) continue;
    const over = fit.parts.find((p) => p.part === 'body')?.chars ?? 0;
    if (over > 0) {
      const point = firstUnfit(body, linePx, el.dataset['jumpTo'] ? 1 : 0);
      if (!point) continue;
      let cut: number;
      try {
        cut = view.posAtDOM(point.node, point.offset);
      } catch {
        continue;
      }
      const tr = state.tr;
      const move = pushTail(tr, place.pos, cut, next.pos);
      if (!move) continue;
      follow(tr, state, move);
      return settle(IDLE, tr);
    }
    if (fit.undersetLines > 0 && !pending.pushed && partBody(state.doc, next.pos)?.node.textContent) {
      const tr = state.tr;
      if (pullHead(tr, place.pos, next.pos)) return settle({ ...pending, rounds: pending.rounds + 1 }, tr);
    }
  }
  settle(IDLE);
}
