/**
 * What an edition's authority takes and answers (edition-authority.ts): a
 * client's message of steps, the result of submitting it, the messages
 * waiting for a group commit and what a commit decided, and the broadcasts
 * it builds from committed rows.
 */
import type { Node, Schema } from 'prosemirror-model';
import type { Step } from 'prosemirror-transform';
import type { Checkouts, RefusalCode, ServerMessage } from '../../../shared/desk/protocol';
import type { DeskActor } from '../../../shared/desk/rules';
import type { DeskDb } from './desk-db';
import type { StepRow } from './desk-store';

/** A message of steps from a client (protocol.ts `steps`). */
export interface SubmittedMessage {
  clientID: number;
  seq: number;
  version: number;
  steps: unknown[];
  sources?: number[] | undefined;
}

export type SubmitResult =
  /**
   * Committed, the message's last step making `version`: `count` steps
   * (rebased); the message's steps at `dropped` (indices as first sent) no
   * longer applied and were left out.
   */
  | { kind: 'committed'; version: number; count: number; dropped: number[] }
  /** The message was committed before (a resend): its steps are in the log already. */
  | { kind: 'duplicate' }
  /** Made on a version the authority cannot rebase from: catch up to `version` and resend. */
  | { kind: 'stale'; version: number }
  | { kind: 'refused'; version: number; index: number; code: RefusalCode; block: string | null; holder: string | null; message: string; messageZh: string };

export interface AuthorityOptions {
  db: DeskDb;
  edition: string;
  schema: Schema;
  idleMinutes: number;
  goneSeconds: number;
  /** This desk's id (in NOTIFY payloads and `desk_presence`; rows of a dead desk age out). */
  processId: string;
}

export interface Pending {
  actor: DeskActor;
  message: SubmittedMessage;
  resolve(result: SubmitResult): void;
  reject(error: unknown): void;
  /** When it was submitted (performance.now(), for the trace). */
  at: number;
}

/** A step to commit in a group commit. */
export interface DrainStep {
  step: unknown;
  parsed: Step;
  clientID: number;
  user: string;
  seq: number;
  source: number;
}

export interface DrainOutcome {
  doc: Node;
  steps: DrainStep[];
  results: SubmitResult[];
  checkouts: Checkouts;
  taken: Map<string, string>;
  held: Checkouts;
}

/** A connected client as the authority sees it. */
export interface AuthoritySubscriber {
  /**
   * `encoded`, when given, is `message` as JSON in UTF-8 (serialised and
   * encoded once for all subscribers of a broadcast).
   */
  send(message: ServerMessage, encoded?: Buffer): void;
}

/** Committed steps as sent to clients, from the log. */
export function stepsMessage(version: number, rows: readonly StepRow[]): ServerMessage {
  return {
    type: 'steps',
    version,
    steps: rows.map((r) => r.step),
    clientIDs: rows.map((r) => r.client_id),
    seqs: rows.map((r) => r.seq),
    sources: rows.map((r) => r.source),
  };
}

export function invalid(version: number, index: number, why: string): SubmitResult {
  return {
    kind: 'refused',
    version,
    index,
    code: 'invalid-step',
    block: null,
    holder: null,
    message: `The step does not apply to the edition: ${why}`,
    messageZh: `此修改无法应用于本期版面：${why}`,
  };
}
