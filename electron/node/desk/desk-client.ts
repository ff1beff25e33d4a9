/**
 * A desk client for Node (tests, benches, scripts): the shared DeskSession
 * over a `ws` WebSocket that reconnects, driving a plain EditorState with the
 * collab and history plugins. The renderer will drive an EditorView with the
 * same DeskSession over the browser's WebSocket.
 */
import { randomInt } from 'node:crypto';
import type { Schema } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import type { Plugin, Transaction } from 'prosemirror-state';
import { collab, getVersion, sendableSteps } from 'prosemirror-collab';
import { history } from 'prosemirror-history';
import { WebSocket } from 'ws';
import type { DeskEvent } from '../../../shared/desk/desk-session';
import { DeskSession } from '../../../shared/desk/desk-session';

export interface NodeDeskClientOptions {
  /** The desk's URL as it prints it (http://127.0.0.1:N). */
  url: string;
  edition: string;
  user: string;
  token: string;
  schema: Schema;
  /** Extra plugins after collab and history. */
  plugins?: Plugin[];
  /** Milliseconds before a reconnect attempt (doubles up to 2 s). */
  retryMs?: number;
  /** Sees every message text sent and received (the load bench times them). */
  tap?: { sent?(text: string): void; received?(text: string): void };
}

export class NodeDeskClient {
  state: EditorState | null = null;
  readonly clientID = randomInt(1, 2 ** 31);
  readonly session: DeskSession;
  /** Every event, in order (tests read `lost`, `error`). */
  readonly events: DeskEvent[] = [];
  private socket: WebSocket | null = null;
  private wantOnline = true;
  private retryMs: number;
  private waiters: Array<() => void> = [];

  constructor(private readonly options: NodeDeskClientOptions) {
    this.retryMs = options.retryMs ?? 50;
    this.session = new DeskSession({
      edition: options.edition,
      user: options.user,
      token: options.token,
      clientID: this.clientID,
      schema: options.schema,
      getState: () => this.state,
      dispatch: (tr) => this.applyTransaction(tr, false),
      onEvent: (event) => this.onEvent(event),
      later: (fn, ms) => setTimeout(fn, ms).unref(),
    });
  }

  /** Connects and resolves once the desk has welcomed this client. */
  async connect(): Promise<void> {
    this.wantOnline = true;
    this.open();
    await this.until(() => this.session.online);
  }

  private open(): void {
    const socket = new WebSocket(this.options.url.replace(/^http/, 'ws'));
    this.socket = socket;
    const tap = this.options.tap;
    socket.on('open', () =>
      this.session.connected((text) => {
        if (socket.readyState !== socket.OPEN) return;
        tap?.sent?.(text);
        socket.send(text);
      }),
    );
    socket.on('message', (data) => {
      const text = data.toString();
      tap?.received?.(text);
      this.session.receive(text);
      this.notify();
    });
    socket.on('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.session.disconnected();
      this.notify();
      if (this.wantOnline) {
        const wait = this.retryMs;
        this.retryMs = Math.min(2000, this.retryMs * 2);
        setTimeout(() => this.wantOnline && !this.socket && this.open(), wait).unref();
      }
    });
    socket.on('open', () => (this.retryMs = this.options.retryMs ?? 50));
    socket.on('error', () => {});
  }

  /** Goes offline on purpose (tests): local edits queue. */
  disconnect(): void {
    this.wantOnline = false;
    this.socket?.close();
  }

  close(): void {
    this.disconnect();
  }

  private onEvent(event: DeskEvent): void {
    this.events.push(event);
    if (event.type === 'joined') {
      this.state = EditorState.create({
        doc: this.options.schema.nodeFromJSON(event.doc),
        plugins: [collab({ version: event.version, clientID: this.clientID }), history(), ...(this.options.plugins ?? [])],
      });
    }
  }

  /** A local edit: `make` builds a transaction on the current state. */
  edit(make: (state: EditorState) => Transaction | null): void {
    if (!this.state) throw new RangeError('not joined yet');
    const tr = make(this.state);
    if (tr) this.applyTransaction(tr, true);
  }

  /** Runs a ProseMirror command (undo, redo, …) as a local edit. */
  command(command: (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean): boolean {
    if (!this.state) throw new RangeError('not joined yet');
    return command(this.state, (tr) => this.applyTransaction(tr, true));
  }

  private applyTransaction(tr: Transaction, local: boolean): void {
    this.state = this.state!.apply(tr);
    if (local) this.session.flush();
    this.notify();
  }

  get version(): number {
    return this.state ? getVersion(this.state) : -1;
  }

  /** True when every local step is confirmed and every message answered. */
  get synced(): boolean {
    return this.state !== null && sendableSteps(this.state) === null && !this.session.awaitingAnswer;
  }

  /** Lost-step reports so far. */
  get lost(): Array<Extract<DeskEvent, { type: 'lost' }>> {
    return this.events.filter((e): e is Extract<DeskEvent, { type: 'lost' }> => e.type === 'lost');
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when `test` holds (checked after every message and change); rejects after `timeoutMs`. */
  until(test: () => boolean, timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`desk client ${this.options.user}: condition not met in ${timeoutMs} ms`)), timeoutMs);
      const check = () => {
        if (test()) {
          clearTimeout(timer);
          resolve();
        } else this.waiters.push(check);
      };
      check();
    });
  }
}
