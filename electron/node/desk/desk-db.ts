/**
 * The desk's database connection, one interface over PostgreSQL (`pg`) and
 * the embedded PGlite (PostgreSQL in WASM, in the state folder): queries,
 * transactions, LISTEN/NOTIFY. Same SQL on both.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** Runs SQL inside or outside a transaction. */
export interface SqlRunner {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface DeskDb extends SqlRunner {
  /** 'postgres' (a server, possibly shared by several desks) or 'pglite' (embedded, one desk). */
  readonly kind: 'postgres' | 'pglite';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
  /** Calls `onPayload` for every NOTIFY on `channel` (from any process, after its commit). */
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

/** Connects to PostgreSQL at `url` (postgres://…, or a socket folder via ?host=). */
export async function openPostgres(url: string): Promise<DeskDb> {
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  // A failed idle client must not take the desk down; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  let listener: pg.Client | null = null;
  const handlers = new Map<string, (payload: string) => void>();
  return {
    kind: 'postgres',
    query: (text, params) => pool.query(text, params) as never,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({ query: (text, params) => client.query(text, params) as never });
        await client.query('commit');
        return result;
      } catch (e) {
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    async listen(channel, onPayload) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        listener.on('error', () => {});
        await listener.connect();
        listener.on('notification', (n) => handlers.get(n.channel)?.(n.payload ?? ''));
      }
      handlers.set(channel, onPayload);
      await listener.query(`listen ${pg.escapeIdentifier(channel)}`);
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Claims the embedded database for this process: PGlite is one process's
 * database, two desks on one folder would corrupt it. A lock file left by a
 * killed desk (its process gone) is taken over.
 */
function claim(dir: string): () => void {
  const lock = join(dir, 'desk.pid');
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
  } catch {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder !== process.pid && Number.isInteger(holder) && holder > 0 && alive(holder)) {
      throw new Error(`the embedded desk database in ${dir} is in use by process ${holder}; use --db with PostgreSQL for several desks`);
    }
    writeFileSync(lock, String(process.pid));
  }
  return () => rmSync(lock, { force: true });
}

/** Opens (creating on first use) the embedded database in `dir`. */
export async function openPglite(dir: string): Promise<DeskDb> {
  mkdirSync(dir, { recursive: true });
  const release = claim(dir);
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  // PGlite is one connection: run one transaction at a time, queue the rest.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = chain.then(op, op);
    chain = run.catch(() => {});
    return run;
  };
  return {
    kind: 'pglite',
    query: (text, params) => serial(() => db.query(text, params)) as never,
    transaction: (fn) => serial(() => db.transaction((tx) => fn({ query: (text, params) => tx.query(text, params) as never }))),
    async listen(channel, onPayload) {
      await db.listen(channel, onPayload);
    },
    close: () => serial(() => db.close()).finally(release),
  };
}
