/**
 * Shared pieces of the desk tests and bench: a page with stories, users of
 * each role, desks on PGlite or on a test PostgreSQL, clients, and typing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schema } from '../../../shared/model/schema';
import type { DeskDb } from '../../../electron/node/desk/desk-db';
import { openPglite, openPostgres } from '../../../electron/node/desk/desk-db';
import type { DeskServer } from '../../../electron/node/desk/desk-server';
import { startDeskServer } from '../../../electron/node/desk/desk-server';
import type { RateLimitOptions } from '../../../electron/node/desk/desk-rate-limit';
import type { DeskAsset } from '../../../electron/node/desk/desk-store';
import { createEdition, createTables } from '../../../electron/node/desk/desk-store';
import { deskUsers } from '../../../electron/node/desk/desk-users';
import { NodeDeskClient } from '../../../electron/node/desk/desk-client';
import { postgresBin, startTestPostgres } from '../../../bench/desk-postgres';
import { pageWithStories, USERS } from '../../../bench/desk-page';

export { pageWithStories, settle, storyEnd, storyPos, storyText, typeInto, USERS } from '../../../bench/desk-page';

export type Backend = 'pglite' | 'postgres';

export interface DeskFixture {
  db: DeskDb;
  desks: DeskServer[];
  clients: NodeDeskClient[];
  client(user: string, desk?: number, edition?: string): Promise<NodeDeskClient>;
  startDesk(): Promise<DeskServer>;
  close(): Promise<void>;
}

/** The test PostgreSQL (started once per file), or null when PostgreSQL isn't installed. */
export function postgresAvailable(): boolean {
  return postgresBin() !== null;
}

/** A database of the backend, and how to end it. */
export async function openBackend(backend: Backend): Promise<{ open(): Promise<DeskDb>; dispose(): void; url?: string }> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-desk-'));
    return { open: () => openPglite(join(dir, 'db')), dispose: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const pg = startTestPostgres(postgresBin()!);
  return { open: () => openPostgres(pg.url), dispose: () => pg.stop(), url: pg.url };
}

/** What {@link deskFixture} takes besides the database and the edition's name. */
export type DeskFixtureOptions = Parameters<typeof deskFixture>[2];

/** One backend's database for the tests of a describe block (see {@link deskSuite}). */
export interface DeskSuite {
  /** The database, open while the tests run. */
  readonly db: DeskDb;
  /** The backend: opens more connections (a second desk process). */
  readonly backend: Awaited<ReturnType<typeof openBackend>>;
  /** Desks serving `edition` on this database, closed after the test that made them. */
  fixture(edition: string, options?: DeskFixtureOptions): Promise<DeskFixture>;
  /** Desks made on another database (a wrapper of this one, say), closed after the test like the others. */
  track(fixture: DeskFixture): DeskFixture;
}

/**
 * Registers the hooks a desk test file needs: the backend's database opened
 * before its tests (not when `skip`), each test's desks and clients closed
 * after it, the database closed and its folder or server removed at the end.
 */
export function deskSuite(backend: Backend, options: { skip?: boolean } = {}): DeskSuite {
  let db: DeskDb | null = null;
  let handle: Awaited<ReturnType<typeof openBackend>> | null = null;
  const open: DeskFixture[] = [];
  beforeAll(async () => {
    if (options.skip) return;
    handle = await openBackend(backend);
    db = await handle.open();
  }, 180_000);
  afterEach(async () => {
    for (const f of open.splice(0)) await f.close();
  });
  afterAll(async () => {
    await db?.close();
    handle?.dispose();
  });
  return {
    get db() {
      if (!db) throw new Error(`the ${backend} database is not open`);
      return db;
    },
    get backend() {
      if (!handle) throw new Error(`the ${backend} backend is not started`);
      return handle;
    },
    async fixture(edition, fixtureOptions) {
      return this.track(await deskFixture(this.db, edition, fixtureOptions));
    },
    track(f) {
      open.push(f);
      return f;
    },
  };
}

/** Desks (one or more on one database) serving `edition`: `doc` (JSON), else a page of `stories` stories. */
export async function deskFixture(
  db: DeskDb,
  edition: string,
  options: { stories?: number; doc?: unknown; assets?: readonly DeskAsset[]; openMore?: () => Promise<DeskDb>; goneSeconds?: number; idleMinutes?: number; rateLimit?: RateLimitOptions } = {},
): Promise<DeskFixture> {
  const { stories = 4, openMore } = options;
  await createTables(db);
  await createEdition(db, edition, options.doc ?? pageWithStories(stories).toJSON(), options.assets);
  const users = deskUsers({ ...USERS, goneSeconds: options.goneSeconds ?? USERS.goneSeconds, idleMinutes: options.idleMinutes ?? USERS.idleMinutes });
  const desks: DeskServer[] = [];
  const clients: NodeDeskClient[] = [];
  const extraDbs: DeskDb[] = [];
  const fixture: DeskFixture = {
    db,
    desks,
    clients,
    async startDesk() {
      // A second desk gets its own connections, as a second process would.
      const ownDb = desks.length === 0 || !openMore ? db : await openMore();
      if (ownDb !== db) extraDbs.push(ownDb);
      const desk = await startDeskServer({ db: ownDb, users, schema, port: 0, ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}) });
      desks.push(desk);
      return desk;
    },
    async client(user, desk = 0, name = edition) {
      const token = USERS.users.find((u) => u.name === user)!.token;
      const c = new NodeDeskClient({ url: desks[desk]!.url, edition: name, user, token, schema });
      clients.push(c);
      await c.connect();
      return c;
    },
    async close() {
      // Once: a test may close its desks itself before the suite does.
      for (const c of clients.splice(0)) c.close();
      for (const d of desks.splice(0)) await d.close();
      for (const d of extraDbs.splice(0)) await d.close();
    },
  };
  await fixture.startDesk();
  return fixture;
}


/** What a client sent and received, and a gate that holds its traffic in either direction. */
export interface Traffic {
  sent: Array<Record<string, unknown>>;
  received: Array<Record<string, unknown>>;
  /** Holds what the client sends (`out`) or receives (`in`) until `release`. */
  hold(direction: 'out' | 'in'): void;
  /** Lets held messages through, in order, and stops holding in that direction. */
  release(direction: 'out' | 'in'): void;
}

/** Records (and can hold) a connected client's traffic; call after `connect`, before any reconnect. */
export function traffic(client: NodeDeskClient): Traffic {
  const session = client.session as unknown as { send: ((text: string) => void) | null; receive(text: string): void };
  const send = session.send!;
  const receive = session.receive.bind(client.session);
  const held = { out: [] as string[], in: [] as string[] };
  const holding = { out: false, in: false };
  const t: Traffic = {
    sent: [],
    received: [],
    hold: (direction) => (holding[direction] = true),
    release(direction) {
      holding[direction] = false;
      const queue = held[direction].splice(0);
      for (const text of queue) (direction === 'out' ? send : deliver)(text);
    },
  };
  const deliver = (text: string) => {
    t.received.push(JSON.parse(text) as Record<string, unknown>);
    receive(text);
  };
  session.send = (text) => {
    t.sent.push(JSON.parse(text) as Record<string, unknown>);
    if (holding.out) held.out.push(text);
    else send(text);
  };
  session.receive = (text) => {
    if (holding.in) held.in.push(text);
    else deliver(text);
  };
  return t;
}
