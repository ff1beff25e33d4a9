/**
 * What the desk shows on the page: each checked-out story's frame carries its
 * holder's name (a node decoration), and the other people's carets are
 * widgets in their colour with their name. The desk client feeds it through
 * transaction metadata; it never changes the document.
 */
import type { Node } from 'prosemirror-model';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Checkouts, PresenceEntry } from '../../shared/desk/protocol';
import { dt } from './desk-strings';
import { isRemote } from './remote-images';
import './desk.css';

export interface DeskView {
  /** This client's user name. */
  me: string;
  checkouts: Checkouts;
  /** Everyone on the edition (this user included; the plugin skips it). */
  presence: PresenceEntry[];
}

interface DeskPluginState extends DeskView {
  /** The check-out frames' decorations: kept as they are while only carets move, so no frame redraws. */
  held: DecorationSet;
  decorations: DecorationSet;
  /**
   * Some caret could not be placed: it names a place in a newer version of
   * the document than this client has (the sender's presence outran its
   * steps). Tried again on each remote change until it is placed.
   */
  unplaced: boolean;
}

export const deskPluginKey = new PluginKey<DeskPluginState>('desk');

/** Well-separated hues; a user's is picked by a hash of the name. */
const HUES = [210, 350, 130, 30, 275, 180, 55, 310, 0, 95];

/** A stable colour per user name. */
export function userColour(name: string): string {
  let h = 7;
  for (const ch of name) h = (h * 131 + ch.codePointAt(0)!) >>> 0;
  return `hsl(${HUES[h % HUES.length]} 70% 40%)`;
}

function isBlock(node: Node): boolean {
  return node.type.isInGroup('block') && typeof node.attrs['id'] === 'string';
}

function caret(user: string): HTMLElement {
  const el = document.createElement('span');
  el.className = 'bm-desk-caret';
  el.dataset['deskUser'] = user;
  el.style.setProperty('--bm-desk-colour', userColour(user));
  const label = document.createElement('span');
  label.className = 'bm-desk-caret-label';
  label.textContent = user;
  el.appendChild(label);
  return el;
}

function heldDecorations(doc: Node, view: DeskView): DecorationSet {
  const decorations: Decoration[] = [];
  if (Object.keys(view.checkouts).length > 0) {
    doc.descendants((node, pos) => {
      if (!isBlock(node)) return true;
      const holder = view.checkouts[node.attrs['id'] as string];
      if (holder) {
        decorations.push(
          Decoration.node(pos, pos + node.nodeSize, {
            class: holder === view.me ? 'bm-desk-held bm-desk-mine' : 'bm-desk-held',
            'data-desk-holder': holder,
            'data-desk-label': `${dt('deskHeldBy')}${holder}`,
            style: `--bm-desk-colour: ${userColour(holder)}`,
          }),
        );
      }
      return false;
    });
  }
  return DecorationSet.create(doc, decorations);
}

function withCarets(doc: Node, held: DecorationSet, view: DeskView): { decorations: DecorationSet; unplaced: boolean } {
  const decorations: Decoration[] = [];
  let unplaced = false;
  for (const p of view.presence) {
    if (p.user === view.me || p.head === null) continue;
    // The caret was sent at the sender's version: near enough, kept inside the document.
    const at = Math.max(0, Math.min(p.head, doc.content.size));
    const $at = doc.resolve(at);
    if (!$at.parent.inlineContent) {
      unplaced = true;
      continue;
    }
    decorations.push(Decoration.widget(at, () => caret(p.user), { key: `caret-${p.user}-${at}`, side: 1, ignoreSelection: true }));
  }
  return { decorations: decorations.length > 0 ? held.add(doc, decorations) : held, unplaced };
}


/** The plugin; `me` is this client's user. */
export function deskPlugin(me: string): Plugin<DeskPluginState> {
  return new Plugin<DeskPluginState>({
    key: deskPluginKey,
    state: {
      init: () => ({ me, checkouts: {}, presence: [], held: DecorationSet.empty, decorations: DecorationSet.empty, unplaced: false }),
      apply(tr, prev, _old, state) {
        const patch = tr.getMeta(deskPluginKey) as Partial<DeskView> | undefined;
        if (!patch) {
          if (!tr.docChanged) return prev;
          const held = prev.held.map(tr.mapping, tr.doc);
          // The steps a caret was waiting for may be these: place the carets again (the others are mapped as they were).
          if (prev.unplaced && isRemote(tr)) return { ...prev, held, ...withCarets(tr.doc, held, prev) };
          return { ...prev, held, decorations: prev.decorations.map(tr.mapping, tr.doc) };
        }
        const next = { ...prev, ...patch };
        const held = patch.checkouts ? heldDecorations(state.doc, next) : prev.held;
        return { ...next, held, ...withCarets(state.doc, held, next) };
      },
    },
    props: {
      decorations: (state) => deskPluginKey.getState(state)?.decorations ?? null,
    },
  });
}

/** A transaction that tells the plugin new check-outs or presence (no document change, not for undo). */
export function deskViewTr(state: EditorState, patch: Partial<DeskView>): Transaction {
  return state.tr.setMeta(deskPluginKey, patch).setMeta('addToHistory', false);
}
