/**
 * The renderer's desk client: the shared DeskSession (shared/desk) over the
 * browser's WebSocket, driving the page's EditorView. Remote steps enter as
 * ordinary transactions through prosemirror-collab's receiveTransaction, so
 * NodeViews, decorations, typesetting and IME see them as they see local
 * ones, and prosemirror-history (which records only local steps) undoes per
 * user. Offline it keeps the editor working and reconnects with backoff; the
 * session rebases the queued steps on the welcome.
 */
import type { Node, Schema } from 'prosemirror-model';
import type { Plugin, Transaction } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { collab, getVersion, sendableSteps } from 'prosemirror-collab';
import type { DeskConnection } from '../../shared/host/host-api';
import type { DeskRole, PresenceEntry } from '../../shared/desk/protocol';
import type { DeskEvent } from '../../shared/desk/desk-session';
import { DeskSession } from '../../shared/desk/desk-session';
import { activePageIndex } from '../../shared/edition/page-scope';
import { Store } from '../base/store';
import { deskPlugin, deskViewTr } from './desk-plugin';

/** What the status bar shows of the desk. */
export interface DeskStatus {
  edition: string;
  user: string;
  /** Welcomed by the desk and the socket open. */
  online: boolean;
  /** Ever welcomed (false while the first connection is under way). */
  joined: boolean;
  role: DeskRole | null;
  /** Everyone on the edition, by presence. */
  users: string[];
  /** The page (index) each user of `users` is on, as their presence says; absent when unknown. */
  pages: Record<string, number>;
  /** Whether local steps wait for the desk's confirmation (a count would re-render the status bar per key). */
  pending: boolean;
  /** The stories this user holds (check-out), to check in. */
  mine: string[];
}

export type LostStep = Extract<DeskEvent, { type: 'lost' }>;

export interface DeskClientOptions {
  connection: DeskConnection;
  schema: Schema;
  /** The first welcome: make the editor on `doc` with `plugins` (collab and the desk's own) and return its view. */
  onJoined(doc: Node, plugins: Plugin[]): EditorView;
  /** A local step the desk refused, or that no longer applies; its text is in it. */
  onLost(lost: LostStep): void;
  /** A fatal answer of the desk (bad token, unknown edition, a desk behind this client). */
  onError(code: string, message: string): void;
}

const PRESENCE_DELAY_MS = 120;
/** Closes that end reconnecting: the desk will say the same again. */
const FATAL = new Set(['UNAUTHORIZED', 'NO_EDITION', 'DESK_BEHIND', 'BAD_MESSAGE']);

export class BrowserDeskClient {
  readonly status: Store<DeskStatus>;
  readonly clientID = Math.floor(Math.random() * 2 ** 31) + 1;
  readonly #options: DeskClientOptions;
  readonly #session: DeskSession;
  #view: EditorView | null = null;
  #socket: WebSocket | null = null;
  #wantOnline = true;
  #retryMs = 250;
  #presenceTimer: ReturnType<typeof setTimeout> | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  /** The other people's presence as last shown. */
  #othersKey = '[]';
  /** The page this client last told the desk it is on. */
  #sentPage = -1;

  constructor(options: DeskClientOptions) {
    this.#options = options;
    const { edition, user, token } = options.connection;
    this.status = new Store<DeskStatus>({ edition, user, online: false, joined: false, role: null, users: [], pages: {}, pending: false, mine: [] }, sameStatus);
    this.#session = new DeskSession({
      edition,
      user,
      token,
      clientID: this.clientID,
      schema: options.schema,
      getState: () => this.#view?.state ?? null,
      // Remote steps and taken-back steps: through the view, as any transaction.
      dispatch: (tr) => this.#view!.dispatch(tr),
      onEvent: (event) => this.#onEvent(event),
      later: (fn, ms) => void setTimeout(fn, ms),
    });
  }

  /** The desk's WebSocket URL (`http://h:p` as the desk prints it → `ws://h:p`). */
  get socketUrl(): string {
    return this.#options.connection.url.replace(/^http/, 'ws');
  }

  /** The session (tests and the journal read its state). */
  get session(): DeskSession {
    return this.#session;
  }

  connect(): void {
    this.#wantOnline = true;
    this.#open();
  }

  #open(): void {
    if (this.#socket) return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.socketUrl);
    } catch (e) {
      this.#options.onError('BAD_URL', (e as Error).message);
      return;
    }
    this.#socket = socket;
    socket.onopen = () => {
      this.#retryMs = 250;
      this.#session.connected((text) => socket.readyState === WebSocket.OPEN && socket.send(text));
    };
    socket.onmessage = (e) => {
      this.#session.receive(String(e.data));
      this.#publish();
    };
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#socket = null;
      this.#session.disconnected();
      this.#publish();
      if (!this.#wantOnline) return;
      const wait = this.#retryMs;
      this.#retryMs = Math.min(4000, this.#retryMs * 2);
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = null;
        if (this.#wantOnline) this.#open();
      }, wait);
    };
  }

  /** Goes offline on purpose (and stays so until connect()). */
  disconnect(): void {
    this.#wantOnline = false;
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
    const socket = this.#socket;
    this.#socket = null;
    socket?.close();
    this.#session.disconnected();
    this.#publish();
  }

  /** After every transaction the view applied: send what can be sent, say where the caret is. */
  afterTransaction(tr: Transaction): void {
    this.#session.flush();
    // A caret move, an edit or another page shown (the active page's plugin state) tells the desk where this user is.
    const state = this.#view?.state;
    if (tr.docChanged || tr.selectionSet || (state && activePageIndex(state) !== this.#sentPage)) this.#schedulePresence();
    this.#publish();
  }

  /** Gives back a story this user holds. */
  checkin(block: string): void {
    this.#session.checkin(block);
  }

  #schedulePresence(): void {
    if (this.#presenceTimer !== null) return;
    this.#presenceTimer = setTimeout(() => {
      this.#presenceTimer = null;
      const state = this.#view?.state;
      if (!state) return;
      this.#sentPage = activePageIndex(state);
      this.#session.sendPresence(this.#sentPage, state.selection.anchor, state.selection.head);
    }, PRESENCE_DELAY_MS);
  }

  #onEvent(event: DeskEvent): void {
    switch (event.type) {
      case 'joined': {
        const doc = this.#options.schema.nodeFromJSON(event.doc);
        const plugins = [collab({ version: event.version, clientID: this.clientID }), deskPlugin(this.#options.connection.user)];
        this.#view = this.#options.onJoined(doc, plugins);
        break;
      }
      case 'online':
        if (event.online) this.#schedulePresence();
        break;
      case 'checkouts':
        this.#tellView({ checkouts: event.checkouts });
        break;
      case 'presence': {
        // The desk tells everyone of every caret move, this user's own too: redraw only when another's changed.
        const others = event.users.filter((u) => u.user !== this.#options.connection.user);
        const key = JSON.stringify(others);
        if (key !== this.#othersKey) {
          this.#othersKey = key;
          this.#tellView({ presence: others });
        }
        break;
      }
      case 'lost':
        this.#options.onLost(event);
        break;
      case 'error':
        if (FATAL.has(event.code)) this.#wantOnline = false;
        this.#options.onError(event.code, event.message);
        break;
    }
    this.#publish();
  }

  #tellView(patch: { checkouts?: Record<string, string>; presence?: PresenceEntry[] }): void {
    const view = this.#view;
    if (view) view.dispatch(deskViewTr(view.state, patch));
  }

  #publish(): void {
    const state = this.#view?.state;
    const pending = state ? sendableSteps(state) : null;
    const users = [...new Set(this.#session.presence.map((p) => p.user))].sort();
    const pages: Record<string, number> = {};
    for (const p of this.#session.presence) if (p.page !== null) pages[p.user] = p.page;
    const me = this.#options.connection.user;
    const mine = Object.keys(this.#session.checkouts)
      .filter((block) => this.#session.checkouts[block] === me)
      .sort();
    this.status.set({
      ...this.status.getSnapshot(),
      online: this.#session.online,
      joined: this.#view !== null,
      role: this.#session.role,
      users,
      pages,
      pending: pending !== null,
      mine,
    });
  }

  /** The collab version of the page (the desk's step count it has). */
  get version(): number {
    return this.#view ? getVersion(this.#view.state) : -1;
  }

  close(): void {
    this.disconnect();
    if (this.#presenceTimer !== null) clearTimeout(this.#presenceTimer);
    this.status.dispose();
    this.#view = null;
  }
}

function sameStatus(a: DeskStatus, b: DeskStatus): boolean {
  return (
    a.online === b.online &&
    a.joined === b.joined &&
    a.role === b.role &&
    a.pending === b.pending &&
    a.users.join('\n') === b.users.join('\n') &&
    JSON.stringify(a.pages) === JSON.stringify(b.pages) &&
    a.mine.join('\n') === b.mine.join('\n')
  );
}
