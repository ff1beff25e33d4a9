/**
 * One client's session with a desk, transport-agnostic: it speaks the
 * protocol (shared/desk/protocol.ts) through a `send` function it is given
 * while connected, and drives an editor state it does not own through
 * `getState`/`dispatch` (an EditorView in the renderer, a plain state in Node
 * tests and benches). It keeps local steps while offline, rebases them on
 * reconnect, and reports — never drops silently — a local step the authority
 * refused or that no longer applies after a rebase, with its text.
 */
import type { Schema } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import type { Checkouts, DeskRole, PresenceEntry, RefusalCode, ServerMessage } from './protocol';
import { MAX_STEPS_PER_MESSAGE } from './protocol';
import { dropUnconfirmed, stepsLostInRebase, stepText, unconfirmedSteps } from './rebase';

/** Something the session tells its user interface. */
export type DeskEvent =
  /** First welcome: build the editor state from `doc` at `version` with the collab plugin and this session's `clientID`. */
  | { type: 'joined'; doc: unknown; version: number; role: DeskRole }
  | { type: 'online'; online: boolean }
  /**
   * A local step was taken back: refused by the authority, or no longer
   * applicable after a rebase. `text` is what it inserted (kept for the user).
   */
  | { type: 'lost'; reason: 'refused' | 'rebase'; code: RefusalCode | 'conflict'; block: string | null; holder: string | null; text: string; message: string; messageZh: string }
  | { type: 'checkouts'; checkouts: Checkouts }
  | { type: 'presence'; users: PresenceEntry[] }
  | { type: 'error'; code: string; message: string };

export interface DeskSessionOptions {
  edition: string;
  user: string;
  token: string;
  /** The collab plugin's client id (stable for the session, across reconnects). */
  clientID: number;
  schema: Schema;
  /** The editor state, or null before the first welcome. */
  getState(): EditorState | null;
  /** Applies a transaction made by the session (remote steps, taken-back steps). */
  dispatch(tr: Transaction): void;
  onEvent(event: DeskEvent): void;
  /** Runs `fn` after `ms` (setTimeout); used to back off when the desk cannot commit. */
  later(fn: () => void, ms: number): void;
}

export class DeskSession {
  private send: ((text: string) => void) | null = null;
  private welcomed = false;
  /** The version the in-flight message was sent at, or null when nothing is in flight. */
  private inFlight: number | null = null;
  /** Set by a `stale` answer: hold sending until the state reaches this version. */
  private waitFor = 0;
  /** Backing off after the desk failed to commit. */
  private holding = false;
  private backoffMs = 0;
  checkouts: Checkouts = {};
  presence: PresenceEntry[] = [];
  role: DeskRole | null = null;

  constructor(private readonly options: DeskSessionOptions) {}

  get online(): boolean {
    return this.send !== null && this.welcomed;
  }

  /** The transport is open: say hello (with the version we have, on a reconnect). */
  connected(send: (text: string) => void): void {
    this.send = send;
    this.welcomed = false;
    this.inFlight = null;
    const state = this.options.getState();
    const { edition, user, token, clientID } = this.options;
    const hello = { type: 'hello', edition, user, token, clientID, ...(state ? { version: getVersion(state) } : {}) };
    send(JSON.stringify(hello));
  }

  /** The transport closed: keep working, queue local steps. */
  disconnected(): void {
    const was = this.online;
    this.send = null;
    this.welcomed = false;
    this.inFlight = null;
    if (was) this.options.onEvent({ type: 'online', online: false });
  }

  /** Call after every local change: sends what can be sent. */
  flush(): void {
    if (!this.send || !this.welcomed || this.inFlight !== null || this.holding) return;
    const state = this.options.getState();
    if (!state) return;
    const version = getVersion(state);
    if (version < this.waitFor) return;
    const sendable = sendableSteps(state);
    if (!sendable) return;
    this.inFlight = sendable.version;
    // A long time offline may have queued more than one message may carry: send the oldest; the rest follow on confirmation.
    const steps = sendable.steps.slice(0, MAX_STEPS_PER_MESSAGE).map((s) => s.toJSON());
    this.send(JSON.stringify({ type: 'steps', version: sendable.version, steps, clientID: sendable.clientID }));
  }

  /** One message from the desk. */
  receive(text: string): void {
    const message = JSON.parse(text) as ServerMessage;
    switch (message.type) {
      case 'welcome':
        this.onWelcome(message);
        break;
      case 'steps':
        this.onSteps(message.version, message.steps, message.clientIDs);
        break;
      case 'stale':
        this.onStale(message.version);
        break;
      case 'refused':
        this.onRefused(message);
        break;
      case 'checkouts':
        this.checkouts = message.checkouts;
        this.options.onEvent({ type: 'checkouts', checkouts: message.checkouts });
        break;
      case 'presence':
        this.presence = message.users;
        this.options.onEvent({ type: 'presence', users: message.users });
        break;
      case 'error':
        this.options.onEvent({ type: 'error', code: message.code, message: message.message });
        break;
    }
  }

  /** Tells the desk where this user is (page index, caret). */
  sendPresence(page: number | null, anchor: number | null, head: number | null): void {
    if (this.online) this.send!(JSON.stringify({ type: 'presence', page, anchor, head }));
  }

  /** Gives back a checked-out block (check-in). */
  checkin(block: string): void {
    if (this.online) this.send!(JSON.stringify({ type: 'checkin', block }));
  }

  private onStale(version: number): void {
    this.inFlight = null;
    const state = this.options.getState();
    if (state && version <= getVersion(state)) {
      // Nothing newer to rebase over: the desk could not commit (its database is away). Back off.
      this.backoffMs = Math.min(2000, Math.max(50, this.backoffMs * 2));
      this.holding = true;
      this.options.later(() => {
        this.holding = false;
        this.flush();
      }, this.backoffMs);
      return;
    }
    this.waitFor = version;
    this.flush();
  }

  private onWelcome(message: Extract<ServerMessage, { type: 'welcome' }>): void {
    this.role = message.role;
    this.checkouts = message.checkouts;
    const state = this.options.getState();
    if (!state) {
      if (message.doc === undefined) throw new RangeError('the desk sent no document on the first join');
      this.options.onEvent({ type: 'joined', doc: message.doc, version: message.version, role: message.role });
    } else if (getVersion(state) > message.version) {
      // The desk has fewer steps than we confirmed: it lost data. Do not merge into that.
      this.options.onEvent({ type: 'error', code: 'DESK_BEHIND', message: `the desk is at version ${message.version}, behind this client's ${getVersion(state)}` });
      return;
    }
    this.welcomed = true;
    this.options.onEvent({ type: 'online', online: true });
    this.options.onEvent({ type: 'checkouts', checkouts: this.checkouts });
    this.flush();
  }

  private onSteps(version: number, json: unknown[], clientIDs: number[]): void {
    const state0 = this.options.getState();
    if (!state0) return;
    const have = getVersion(state0);
    // Skip what we already have (a catch-up may overlap a broadcast).
    const skip = have - version;
    if (skip < 0) throw new RangeError(`steps from version ${version} but the client is at ${have}: a gap`);
    const steps = json.slice(skip).map((s) => Step.fromJSON(this.options.schema, s));
    const ids = clientIDs.slice(skip);
    // prosemirror-collab recognises our own steps only at the start of a batch:
    // apply runs of one client at a time.
    let ours = false;
    for (let start = 0; start < steps.length; ) {
      let end = start + 1;
      while (end < steps.length && ids[end] === ids[start]) end++;
      if (ids[start] === this.options.clientID) ours = true;
      this.applyRemote(steps.slice(start, end), ids.slice(start, end));
      start = end;
    }
    if (ours) {
      this.inFlight = null;
      this.backoffMs = 0;
    }
    this.flush();
  }

  private applyRemote(steps: Step[], ids: number[]): void {
    const state = this.options.getState()!;
    const mine = ids[0] === this.options.clientID ? ids.length : 0;
    const local = unconfirmedSteps(state);
    const lost = mine ? [] : stepsLostInRebase(state, steps, 0);
    for (const index of lost) {
      this.options.onEvent({
        type: 'lost',
        reason: 'rebase',
        code: 'conflict',
        block: null,
        holder: null,
        text: stepText(local[index]!),
        message: 'Your change no longer applies after another person’s edit; its text is kept.',
        messageZh: '他人的修改使您的这处修改无法应用；您输入的文字已保留。',
      });
    }
    this.options.dispatch(receiveTransaction(state, steps, ids, { mapSelectionBackward: true }));
  }

  private onRefused(message: Extract<ServerMessage, { type: 'refused' }>): void {
    this.inFlight = null;
    const state = this.options.getState();
    if (!state || getVersion(state) !== message.version) {
      // Steps arrived in between: what we sent has been rebased; resend and let the authority judge again.
      this.flush();
      return;
    }
    // Take back the refused step and every other unconfirmed step the same rule refuses.
    const { tr, dropped } = dropUnconfirmed(state, (index, owner) => {
      if (index === message.index) return true;
      if (message.block !== null) return owner.kind === 'text' && owner.block === message.block;
      return owner.kind === 'layout' && message.code === 'layout-only';
    });
    this.options.dispatch(tr);
    const text = dropped.map((d) => d.text).join('');
    this.options.onEvent({ type: 'lost', reason: 'refused', code: message.code, block: message.block, holder: message.holder, text, message: message.message, messageZh: message.messageZh });
    this.flush();
  }
}
