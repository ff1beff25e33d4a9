/**
 * The desk's database connection, one interface over PostgreSQL (`pg`) and
 * the embedded PGlite (PostgreSQL in WASM, in the state folder, run in a
 * worker thread when built — pglite-worker.ts): queries, transactions,
 * LISTEN/NOTIFY. Same SQL on both.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import type { PgliteReply, PgliteRequest } from './pglite-worker';

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

/** Where the embedded database runs: its own worker thread (the default when built) or the desk's main thread. */
export interface PgliteOptions {
  /** 'worker' (default when the worker script is there, see {@link pgliteWorkerUrl}) or 'main'. */
  thread?: 'worker' | 'main';
  /** The built worker script (default: `desk-pglite-worker.mjs` next to the bundle). */
  workerUrl?: URL;
}

/** Where the PGlite worker sits when running from the built bundle (dist/node/). */
export function pgliteWorkerUrl(): URL {
  return new URL('./desk-pglite-worker.mjs', import.meta.url);
}

/**
 * Opens (creating on first use) the embedded database in `dir`: in a worker
 * thread when the built worker script is there (decision 0035; from the
 * sources, as in the tests, on this thread), unless `thread` or
 * `BANMIAN_DESK_PGLITE_THREAD=main` says otherwise.
 */
export async function openPglite(dir: string, options: PgliteOptions = {}): Promise<DeskDb> {
  mkdirSync(dir, { recursive: true });
  const release = claim(dir);
  try {
    const url = options.workerUrl ?? pgliteWorkerUrl();
    const thread = options.thread ?? (process.env['BANMIAN_DESK_PGLITE_THREAD'] === 'main' || !existsSync(url) ? 'main' : 'worker');
    const engine = thread === 'worker' ? await pgliteInWorker(dir, url) : await pgliteHere(dir);
    // PGlite is one connection: run one transaction at a time, queue the rest.
    let chain: Promise<unknown> = Promise.resolve();
    const serial = <T>(op: () => Promise<T>): Promise<T> => {
      const run = chain.then(op, op);
      chain = run.catch(() => {});
      return run;
    };
    return {
      kind: 'pglite',
      query: (text, params) => serial(() => engine.query(text, params)) as never,
      transaction: (fn) =>
        serial(async () => {
          await engine.query('begin');
          try {
            const result = await fn({ query: (text, params) => engine.query(text, params) as never });
            await engine.query('commit');
            return result;
          } catch (e) {
            await engine.query('rollback').catch(() => {});
            throw e;
          }
        }),
      listen: (channel, onPayload) => engine.listen(channel, onPayload),
      close: () => serial(() => engine.close()).finally(release),
    };
  } catch (e) {
    release();
    throw e;
  }
}

/** One PGlite connection, wherever it runs. */
interface PgliteEngine {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
  listen(channel: string, onPayload: (payload: string) => void): Promise<void>;
  close(): Promise<void>;
}

async function pgliteHere(dir: string): Promise<PgliteEngine> {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create(dir);
  return {
    query: (text, params) => db.query(text, params),
    listen: async (channel, onPayload) => void (await db.listen(channel, onPayload)),
    close: () => db.close(),
  };
}

async function pgliteInWorker(dir: string, url: URL): Promise<PgliteEngine> {
  const worker = new Worker(url, { workerData: { dir } });
  let nextId = 0;
  const waiting = new Map<number, { resolve(rows: unknown[]): void; reject(e: Error): void }>();
  const listeners = new Map<string, (payload: string) => void>();
  let gone: Error | null = null;
  const fail = (e: Error) => {
    gone ??= e;
    for (const w of waiting.values()) w.reject(gone);
    waiting.clear();
  };
  const ready = new Promise<void>((resolve, reject) => {
    worker.on('message', (reply: PgliteReply) => {
      if ('ready' in reply) return resolve();
      if ('failed' in reply) return reject(new Error(`the embedded desk database did not open: ${reply.failed}`));
      if ('notify' in reply) return listeners.get(reply.notify)?.(reply.payload);
      const w = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error !== undefined) w?.reject(new Error(reply.error));
      else w?.resolve(reply.rows ?? []);
    });
    worker.on('error', (e) => (fail(e), reject(e)));
    worker.on('exit', (code) => {
      const e = new Error(`the embedded desk database's thread ended (${code})`);
      fail(e);
      reject(e);
    });
  });
  await ready;
  const call = (request: DistributiveOmit<PgliteRequest, 'id'>): Promise<unknown[]> =>
    new Promise((resolve, reject) => {
      if (gone) return reject(gone);
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ ...request, id });
    });
  return {
    query: async (text, params) => ({ rows: await call({ op: 'query', text, ...(params ? { params } : {}) }) }),
    async listen(channel, onPayload) {
      listeners.set(channel, onPayload);
      await call({ op: 'listen', channel });
    },
    async close() {
      await call({ op: 'close' });
      await worker.terminate();
    },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
