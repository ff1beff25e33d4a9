/**
 * One client's session with a desk, transport-agnostic: it speaks the
 * protocol (shared/desk/protocol.ts) through a `send` function it is given
 * while connected, and drives an editor state it does not own through
 * `getState`/`dispatch` (an EditorView in the renderer, a plain state in Node
 * tests and benches). It keeps local steps while offline, rebases them on
 * reconnect, and reports — never drops silently — a local step the authority
 * refused or that no longer applies after a rebase, with its text.
 *
 * Commit protocol (decision 0025): one message in flight at a time, numbered
 * (`seq`). The authority rebases a message made on an older version itself
 * and commits it; the session recognises its message's steps in the stream
 * of committed steps (client id + seq) and learns from each step's `source`
 * what its sent steps became (`confirmOwn`). A message not answered (the
 * connection or the database failed) is resent with the same seq, so it is
 * committed at most once.
 */
import type { Schema } from 'prosemirror-model';
import type { EditorState, Transaction } from 'prosemirror-state';
import { Step } from 'prosemirror-transform';
import { getVersion, receiveTransaction } from 'prosemirror-collab';
import type { Checkouts, DeskRole, PresenceEntry, RefusalCode, ServerMessage } from './protocol';
import { MAX_MESSAGE_BYTES, MAX_STEPS_PER_MESSAGE } from './protocol';
import { confirmOwn, dropUnconfirmed, stepsLostInRebase, stepText, unconfirmedSteps } from './rebase';

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

/** The UTF-8 length of a string (shared/ has neither TextEncoder's types nor Buffer). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

/** How many of these steps (as JSON) fit in one message: at least one. */
function stepsThatFit(json: readonly string[]): number {
  // Room for the message's other fields and the commas between steps.
  let bytes = 256;
  for (let i = 0; i < json.length; i++) {
    bytes += utf8Length(json[i]!) + 1;
    if (bytes > MAX_MESSAGE_BYTES) return Math.max(1, i);
  }
  return json.length;
}

/** The message in flight: which unconfirmed steps it carries and what became of them so far. */
interface InFlight {
  seq: number;
  /** How many steps the message had when first sent. */
  sent: number;
  /** For the first `alive.length` unconfirmed steps: the index (as first sent) of each. */
  alive: number[];
  /** `alive` as of the last send (the authority's refusal index refers to it). */
  lastSent: number[];
  /** Text of sent steps the client's own rebase dropped: reported if the authority drops them too. */
  lostText: Map<number, string>;
  /** Sent on the current connection and not answered yet. */
  awaiting: boolean;
}

export class DeskSession {
  private send: ((text: string) => void) | null = null;
  private welcomed = false;
  private inFlight: InFlight | null = null;
  private nextSeq = 1;
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

  /** True while a message is sent (or to be resent) and not answered yet. */
  get awaitingAnswer(): boolean {
    return this.inFlight !== null;
  }

  /** The transport is open: say hello (with the version we have, on a reconnect). */
  connected(send: (text: string) => void): void {
    this.send = send;
    this.welcomed = false;
    if (this.inFlight) this.inFlight.awaiting = false;
    const state = this.options.getState();
    const { edition, user, token, clientID } = this.options;
    const hello = { type: 'hello', edition, user, token, clientID, ...(state ? { version: getVersion(state) } : {}) };
    send(JSON.stringify(hello));
  }

  /** The transport closed: keep working, queue local steps (the message in flight is resent on reconnect). */
  disconnected(): void {
    const was = this.online;
    this.send = null;
    this.welcomed = false;
    if (this.inFlight) this.inFlight.awaiting = false;
    if (was) this.options.onEvent({ type: 'online', online: false });
  }

  /** Call after every local change: sends what can be sent. */
  flush(): void {
    if (!this.send || !this.welcomed || this.holding) return;
    if (this.inFlight?.awaiting) return;
    const state = this.options.getState();
    if (!state) return;
    const version = getVersion(state);
    if (version < this.waitFor) return;
    const unconfirmed = unconfirmedSteps(state);
    let flight = this.inFlight;
    if (flight && flight.alive.length === 0) {
      // Every sent step fell away in our own rebase and the desk has not committed any (it would have told us): answered.
      this.answerUncommitted(state);
      flight = null;
    }
    if (!flight) {
      if (unconfirmed.length === 0) return;
      // A long time offline may have queued more than one message may carry: send the oldest; the rest follow on confirmation.
      // As many steps as fit in MAX_MESSAGE_BYTES (at least one: a larger step is refused in words).
      const n = stepsThatFit(unconfirmed.slice(0, MAX_STEPS_PER_MESSAGE).map((s) => JSON.stringify(s.toJSON())));
      const alive = Array.from({ length: n }, (_, i) => i);
      flight = { seq: this.nextSeq++, sent: n, alive, lastSent: [], lostText: new Map(), awaiting: false };
      this.inFlight = flight;
    }
    flight.awaiting = true;
    flight.lastSent = [...flight.alive];
    const steps = unconfirmed.slice(0, flight.alive.length).map((s) => s.toJSON());
    const resent = flight.alive.some((a, i) => a !== i);
    this.send(
      JSON.stringify({ type: 'steps', version, steps, clientID: this.options.clientID, seq: flight.seq, ...(resent ? { sources: flight.alive } : {}) }),
    );
  }

  /** One message from the desk. */
  receive(text: string): void {
    const message = JSON.parse(text) as ServerMessage;
    switch (message.type) {
      case 'welcome':
        this.onWelcome(message);
        break;
      case 'steps':
        this.onSteps(message);
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
      case 'slow-down':
        // Over the desk's rate limit: the message was not handled; resend it (same seq) after the wait.
        if (this.inFlight) this.inFlight.awaiting = false;
        this.holdFor(message.retryMs);
        break;
      case 'error':
        this.options.onEvent({ type: 'error', code: message.code, message: message.message });
        break;
    }
  }

  private holdFor(ms: number): void {
    if (this.holding) return;
    this.holding = true;
    this.options.later(() => {
      this.holding = false;
      this.flush();
    }, ms);
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
    if (this.inFlight) this.inFlight.awaiting = false;
    const state = this.options.getState();
    if (state && version <= getVersion(state)) {
      // Nothing newer to catch up with: the desk could not commit (its database is away). Back off, resend.
      this.backoffMs = Math.min(2000, Math.max(50, this.backoffMs * 2));
      this.holdFor(this.backoffMs);
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

  private onSteps(message: Extract<ServerMessage, { type: 'steps' }>): void {
    const state0 = this.options.getState();
    if (!state0) return;
    if (message.steps.length > 0) {
      const have = getVersion(state0);
      // Skip what we already have (a catch-up may overlap a broadcast).
      const skip = have - message.version;
      if (skip < 0) throw new RangeError(`steps from version ${message.version} but the client is at ${have}: a gap`);
      const steps = message.steps.slice(skip).map((s) => Step.fromJSON(this.options.schema, s));
      const ids = message.clientIDs.slice(skip);
      const seqs = (message.seqs ?? []).slice(skip);
      const sources = (message.sources ?? []).slice(skip);
      // Runs of our message's steps (its commit) and of everything else (remote steps, rebased over).
      const ours = (k: number) => this.inFlight !== null && ids[k] === this.options.clientID && seqs[k] === this.inFlight.seq;
      for (let start = 0; start < steps.length; ) {
        let end = start + 1;
        while (end < steps.length && ours(end) === ours(start)) end++;
        if (ours(start)) this.confirm(steps.slice(start, end), sources.slice(start, end) as number[]);
        else this.applyRemote(steps.slice(start, end));
        start = end;
      }
    }
    if (message.answered !== undefined && this.inFlight?.seq === message.answered) {
      // Our message was answered, but none of its steps applied any more.
      this.answerUncommitted(this.options.getState()!);
    }
    this.flush();
  }

  /** Our message was committed as `steps` (from sent steps `sources`). */
  private confirm(steps: Step[], sources: number[]): void {
    const flight = this.inFlight!;
    const state = this.options.getState()!;
    const local = unconfirmedSteps(state);
    const { tr, lost, rebasedLost } = confirmOwn(state, flight.alive, steps, sources);
    const gone = [...Array(flight.sent).keys()].filter((i) => !sources.includes(i) && !flight.alive.includes(i));
    const texts = [...lost.map((p) => stepText(local[p]!)), ...gone.map((i) => flight.lostText.get(i) ?? '')];
    for (const text of texts) this.reportRebaseLoss(text);
    for (const i of rebasedLost) this.reportRebaseLoss(stepText(local[i]!));
    this.inFlight = null;
    this.backoffMs = 0;
    this.options.dispatch(tr);
  }

  /** Our message was answered with none of its steps committed: they no longer apply; take them back, report them. */
  private answerUncommitted(state: EditorState): void {
    const flight = this.inFlight!;
    this.inFlight = null;
    const texts = [...Array(flight.sent).keys()].filter((i) => !flight.alive.includes(i)).map((i) => flight.lostText.get(i) ?? '');
    if (flight.alive.length > 0) {
      const { tr, dropped } = dropUnconfirmed(state, (index) => index < flight.alive.length);
      texts.push(...dropped.map((d) => d.text));
      this.options.dispatch(tr);
    }
    for (const text of texts) this.reportRebaseLoss(text);
  }

  private reportRebaseLoss(text: string): void {
    this.options.onEvent({
      type: 'lost',
      reason: 'rebase',
      code: 'conflict',
      block: null,
      holder: null,
      text,
      message: 'Your change no longer applies after another person’s edit; its text is kept.',
      messageZh: '他人的修改使您的这处修改无法应用；您输入的文字已保留。',
    });
  }

  private applyRemote(steps: Step[]): void {
    const state = this.options.getState()!;
    const local = unconfirmedSteps(state);
    const lost = stepsLostInRebase(state, steps, 0);
    const flight = this.inFlight;
    for (const index of lost) {
      if (flight && index < flight.alive.length) {
        // A sent step: the authority decides (it rebases the same way); report it when it answers.
        flight.lostText.set(flight.alive[index]!, stepText(local[index]!));
      } else this.reportRebaseLoss(stepText(local[index]!));
    }
    if (flight) flight.alive = flight.alive.filter((_, p) => !lost.includes(p));
    // No client id is ours here (our message's steps never reach this path): nothing is taken as confirmed.
    this.options.dispatch(receiveTransaction(state, steps, steps.map(() => -1), { mapSelectionBackward: true }));
  }

  private onRefused(message: Extract<ServerMessage, { type: 'refused' }>): void {
    const flight = this.inFlight;
    this.inFlight = null;
    const state = this.options.getState();
    if (!state) return;
    // The refused step, where it stands now among the unconfirmed steps.
    const refused = flight ? flight.alive.indexOf(flight.lastSent[message.index] ?? -1) : -1;
    // Take back the refused step and every other unconfirmed step the same rule refuses.
    const { tr, dropped } = dropUnconfirmed(state, (index, owner) => {
      if (index === refused) return true;
      if (message.block !== null) return owner.kind === 'text' && owner.block === message.block;
      return owner.kind === 'layout' && message.code === 'layout-only';
    });
    this.options.dispatch(tr);
    const text = dropped.map((d) => d.text).join('');
    this.options.onEvent({ type: 'lost', reason: 'refused', code: message.code, block: message.block, holder: message.holder, text, message: message.message, messageZh: message.messageZh });
    this.flush();
  }
}
