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

/** Local steps made on top of `version` (prosemirror-collab's `sendableSteps`). */
export const stepsSchema = z
  .object({
    type: z.literal('steps'),
    version: z.number().int().nonnegative(),
    steps: z.array(z.unknown()).min(1).max(MAX_STEPS_PER_MESSAGE),
    clientID: z.number().int().nonnegative(),
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
export type RefusalCode = 'checked-out' | 'not-your-story' | 'layout-only' | 'invalid-step';

export type ServerMessage =
  /** Answer to hello: the edition at `version` (the document only on a first join). */
  | { type: 'welcome'; version: number; doc?: unknown; role: DeskRole; checkouts: Checkouts }
  /**
   * Committed steps from `version` on (the version before the first of them),
   * with the client id of each; a client recognises its own and takes them as
   * confirmed. Sent only after the steps are committed to the database.
   */
  | { type: 'steps'; version: number; steps: unknown[]; clientIDs: number[] }
  /** The client's steps were made on an old version: wait for the steps up to `version`, rebase, resend. */
  | { type: 'stale'; version: number }
  /**
   * The client's message of steps sent at `version` was refused as a whole
   * (none of it applied) because its step `index` breaks a rule. `block` is the
   * block whose text that step touched, when it touched one.
   */
  | { type: 'refused'; version: number; index: number; code: RefusalCode; block: string | null; holder: string | null; message: string; messageZh: string }
  | { type: 'checkouts'; checkouts: Checkouts }
  | { type: 'presence'; users: PresenceEntry[] }
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
