/**
 * The embedded desk database in its own worker thread (decision 0035,
 * electron/node/desk/pglite-worker.ts): the same queries, transactions
 * (committed, rolled back on a throw), errors that leave the connection
 * usable, data kept across a reopen, and a desk on it whose clients converge.
 * Needs the built worker (`npm run build`); from the sources the desk runs
 * PGlite on its main thread, which the other desk tests cover.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../../electron/node/desk/desk-db';
import { projectRoot } from '../../../electron/node/project-root';
import { stepsSince } from '../../../electron/node/desk/desk-store';
import { deskFixture, settle, storyText, typeInto } from './desk-harness';

const WORKER = new URL(`file://${join(projectRoot(), 'dist', 'node', 'desk-pglite-worker.mjs')}`);

describe.skipIf(!existsSync(WORKER))('the embedded desk database in a worker thread', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  const folder = () => {
    const dir = mkdtempSync(join(tmpdir(), 'banmian-desk-worker-'));
    dirs.push(dir);
    return join(dir, 'db');
  };

  it('runs queries and transactions off the main thread, rolls back on a throw, survives an error and a reopen', async () => {
    const dir = folder();
    let db = await openPglite(dir, { thread: 'worker', workerUrl: WORKER });
    await db.query('create table t (n integer primary key, doc jsonb)');
    await db.transaction(async (tx) => {
      await tx.query('insert into t values ($1, $2)', [1, JSON.stringify({ a: '一' })]);
      await tx.query('insert into t values ($1, $2)', [2, JSON.stringify({ a: '二' })]);
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into t values ($1, $2)', [3, '{}']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    // A failing statement rejects with the database's message; the connection goes on.
    await expect(db.query('insert into t values (1, null)')).rejects.toThrow(/duplicate key/);
    await expect(db.transaction((tx) => tx.query('select * from no_such_table'))).rejects.toThrow(/no_such_table/);
    const { rows } = await db.query<{ n: number; doc: { a: string } }>('select n, doc from t order by n');
    expect(rows).toEqual([
      { n: 1, doc: { a: '一' } },
      { n: 2, doc: { a: '二' } },
    ]);
    await db.close();
    db = await openPglite(dir, { thread: 'worker', workerUrl: WORKER });
    expect((await db.query('select count(*)::int as n from t')).rows).toEqual([{ n: 2 }]);
    await db.close();
  }, 180_000);

  it('serves a desk: two clients typing converge, every step committed', async () => {
    const db = await openPglite(folder(), { thread: 'worker', workerUrl: WORKER });
    const fixture = await deskFixture(db, 'worker');
    try {
      const [a, b] = [await fixture.client('sub1'), await fixture.client('sub2')];
      for (let i = 0; i < 10; i++) {
        typeInto(a, 's1', 'a');
        typeInto(b, 's2', 'b');
      }
      await settle([a, b]);
      expect(a.state!.doc.eq(b.state!.doc)).toBe(true);
      expect(storyText(a.state!.doc, 's1')).toBe(`·${'a'.repeat(10)}`);
      expect(storyText(b.state!.doc, 's2')).toBe(`·${'b'.repeat(10)}`);
      expect((await stepsSince(db, 'worker', 0)).length).toBe(20);
    } finally {
      await fixture.close();
      await db.close();
    }
  }, 180_000);
});
