/**
 * Shared pieces of the desk tests and bench: a page with stories, users of
 * each role, desks on PGlite or on a test PostgreSQL, clients, and typing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { schema } from '../../../shared/model/schema';
import type { DeskDb } from '../../../electron/node/desk/desk-db';
import { openPglite, openPostgres } from '../../../electron/node/desk/desk-db';
import type { DeskServer } from '../../../electron/node/desk/desk-server';
import { startDeskServer } from '../../../electron/node/desk/desk-server';
import { createEdition, createTables } from '../../../electron/node/desk/desk-store';
import type { DeskUsersFile } from '../../../electron/node/desk/desk-users';
import { deskUsers } from '../../../electron/node/desk/desk-users';
import { NodeDeskClient } from '../../../electron/node/desk/desk-client';
import { postgresBin, startTestPostgres } from './postgres-server';

export const USERS: DeskUsersFile = {
  users: [
    { name: 'mei', role: 'layout', token: 'token-of-mei-0000000', stories: [] },
    { name: 'sub1', role: 'subeditor', token: 'token-of-sub1-000000', stories: [] },
    { name: 'sub2', role: 'subeditor', token: 'token-of-sub2-000000', stories: [] },
    { name: 'sub3', role: 'subeditor', token: 'token-of-sub3-000000', stories: [] },
    { name: 'rep', role: 'reporter', token: 'token-of-rep-0000000', stories: ['s3'] },
    ...Array.from({ length: 20 }, (_, i) => ({ name: `bench${i}`, role: 'subeditor' as const, token: `token-of-bench-${i}-00000`, stories: [] })),
  ],
  idleMinutes: 10,
  goneSeconds: 60,
};

/** A page with `n` stories s1…sn side by side, each one paragraph "·". */
export function pageWithStories(n: number): Node {
  const stories = Array.from({ length: n }, (_, i) =>
    schema.node('story', { id: `s${i + 1}`, col: i % 8, line: 10 * Math.floor(i / 8), cols: 1, lines: 10 }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('·')])]),
    ]),
  );
  return schema.node('page', null, stories);
}

/** The position of a story node. */
export function storyPos(doc: Node, id: string): number {
  let found = -1;
  doc.forEach((node, offset) => {
    if (node.attrs['id'] === id) found = offset;
  });
  if (found < 0) throw new RangeError(`no story ${id}`);
  return found;
}

/** The text of a story. */
export function storyText(doc: Node, id: string): string {
  const node = doc.nodeAt(storyPos(doc, id))!;
  return node.textContent;
}

/** End of the story's last paragraph (where typing goes). */
export function storyEnd(doc: Node, id: string): number {
  const pos = storyPos(doc, id);
  const node = doc.nodeAt(pos)!;
  // story > body > last paragraph: end of its content is 3 before the story's end.
  return pos + node.nodeSize - 3;
}

/** Types `text` one character per transaction at the end of a story. */
export function typeInto(client: NodeDeskClient, id: string, text: string): void {
  for (const ch of text) client.edit((state: EditorState) => state.tr.insertText(ch, storyEnd(state.doc, id)));
}

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

/** Desks (one or more on one database) serving `edition` with a page of `stories` stories. */
export async function deskFixture(db: DeskDb, edition: string, stories = 4, openMore?: () => Promise<DeskDb>): Promise<DeskFixture> {
  await createTables(db);
  await createEdition(db, edition, pageWithStories(stories).toJSON());
  const users = deskUsers(USERS);
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
      const desk = await startDeskServer({ db: ownDb, users, schema, port: 0 });
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
      for (const c of clients) c.close();
      for (const d of desks) await d.close();
      for (const d of extraDbs) await d.close();
    },
  };
  await fixture.startDesk();
  return fixture;
}

/** Waits until every client is online, has sent everything and all are at the same version. */
export async function settle(clients: NodeDeskClient[], timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const versions = new Set(clients.map((c) => c.version));
    if (clients.every((c) => c.synced && c.session.online) && versions.size === 1) return;
    if (Date.now() > deadline) throw new Error(`clients did not settle: versions ${clients.map((c) => `${c.version}${c.synced ? '' : '*'}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
