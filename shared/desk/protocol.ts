/**
 * The desk's wire protocol: JSON messages over one WebSocket per client and
 * edition. Shared by the Node desk server, the Node client adapter and (later)
 * the renderer. Every message from a client is validated with zod on the
 * server; messages from the server are trusted by the client.
 */
import { z } from 'zod';

/** The roles of a desk: 美编 (layout), subeditor (编辑), reporter (记者). */
export const DESK_ROLES = ['layout', 'subeditor', 'reporter'] as const;
export type DeskRole = (typeof DESK_ROLES)[number];

/** Most steps one message may carry (a paste is one step; typing is one per key). */
export const MAX_STEPS_PER_MESSAGE = 2000;

/**
 * Largest message a client may send, in UTF-8 bytes. The client cuts its
 * messages to fit; a single step larger than this (a huge paste) is refused
 * with code `too-large` and reported with its text.
 */
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

const name = z.string().min(1).max(80);

/** A client's first message: who it is and, on reconnect, the version it has. */
export const helloSchema = z
  .object({
    type: z.literal('hello'),
    edition: name,
    user: name,
    token: z.string().min(1).max(200),
    clientID: z.number().int().nonnegative(),
    /** The version the client already has; absent on a first join (the server sends the document). */
    version: z.number().int().nonnegative().optional(),
  })
  .strict();

/**
 * Local steps made on top of `version` (any version the client has: the
 * authority rebases them over what was committed since, decision 0025).
 * `seq` numbers the client's messages; a message resent after a reconnect or
 * a failed commit keeps its `seq`, so the authority commits it at most once.
 * `sources` gives, for a resent message, each step's index in the message as
 * first sent (default 0…n-1).
 */
export const stepsSchema = z
  .object({
    type: z.literal('steps'),
    version: z.number().int().nonnegative(),
    steps: z.array(z.unknown()).min(1).max(MAX_STEPS_PER_MESSAGE),
    clientID: z.number().int().nonnegative(),
    seq: z.number().int().nonnegative(),
    sources: z.array(z.number().int().nonnegative()).max(MAX_STEPS_PER_MESSAGE).optional(),
  })
  .strict();

/** Where the user is: the page (by block id of its top node or index) and the caret. */
export const presenceSchema = z
  .object({
    type: z.literal('presence'),
    page: z.number().int().nonnegative().nullable(),
    anchor: z.number().int().nonnegative().nullable(),
    head: z.number().int().nonnegative().nullable(),
  })
  .strict();

/** Gives back a story the user has checked out (check-in). */
export const checkinSchema = z.object({ type: z.literal('checkin'), block: name }).strict();

export const clientMessageSchema = z.discriminatedUnion('type', [helloSchema, stepsSchema, presenceSchema, checkinSchema]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
export type HelloMessage = z.infer<typeof helloSchema>;
export type StepsMessage = z.infer<typeof stepsSchema>;
export type PresenceMessage = z.infer<typeof presenceSchema>;

/** Who holds the text of a block (story, label, teaser): block id → user name. */
export type Checkouts = Record<string, string>;

/** One other person on the edition. */
export interface PresenceEntry {
  user: string;
  role: DeskRole;
  page: number | null;
  anchor: number | null;
  head: number | null;
}

/** Why the authority refused a step (stable codes; the message says it for a person). */
export type RefusalCode = 'checked-out' | 'not-your-story' | 'layout-only' | 'invalid-step' | 'too-large';

export type ServerMessage =
  /** Answer to hello: the edition at `version` (the document only on a first join). */
  | { type: 'welcome'; version: number; doc?: unknown; role: DeskRole; checkouts: Checkouts }
  /**
   * Committed steps from `version` on (the version before the first of them),
   * as the authority committed them (rebased), with the client id, message
   * `seq` and index in that message (`sources`) of each: a client recognises
   * its own message's steps, takes them as confirmed and learns what each of
   * its sent steps became (a sent index missing there no longer applied).
   * `answered` names a message of the receiving client that this answers
   * although none of its steps was committed (all no longer applied). Sent
   * only after the steps are committed to the database.
   */
  | { type: 'steps'; version: number; steps: unknown[]; clientIDs: number[]; seqs?: Array<number | null>; sources?: Array<number | null>; answered?: number }
  /**
   * Nothing of the message was committed: the desk could not commit (back off
   * and resend), or the message was made on a version the desk cannot rebase
   * from (wait for the steps up to `version`, resend).
   */
  | { type: 'stale'; version: number }
  /**
   * The client's message of steps sent at `version` was refused as a whole
   * (none of it applied) because its step `index` breaks a rule. `block` is the
   * block whose text that step touched, when it touched one.
   */
  | { type: 'refused'; version: number; index: number; code: RefusalCode; block: string | null; holder: string | null; message: string; messageZh: string }
  | { type: 'checkouts'; checkouts: Checkouts }
  | { type: 'presence'; users: PresenceEntry[] }
  /**
   * The user sent more messages than the desk's rate limit allows: this one
   * was not handled (nothing of it applied); resend after `retryMs`.
   */
  | { type: 'slow-down'; retryMs: number; message: string; messageZh: string }
  /** A fatal error for this connection (bad token, unknown edition); the server closes it. */
  | { type: 'error'; code: string; message: string };

/** Parses one client message; null when it is not one. */
export function parseClientMessage(text: string): ClientMessage | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = clientMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
