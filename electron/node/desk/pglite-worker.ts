/**
 * The embedded desk database (PGlite, PostgreSQL in WASM) in its own worker
 * thread (decision 0035). PGlite executes a query synchronously in the thread
 * that calls it, so on the desk's main thread every group commit held up
 * receiving, judging and broadcasting; here it does not. The desk's side is
 * `openPglite` in desk-db.ts, which sends one request at a time per
 * transaction. Requests: `{ id, op: 'query', text, params }`, `{ id, op:
 * 'listen', channel }`, `{ id, op: 'close' }`; answers `{ id, rows }` or `{ id,
 * error }`; notifications `{ notify: channel, payload }`.
 */
import { parentPort, workerData } from 'node:worker_threads';

export type PgliteRequest =
  | { id: number; op: 'query'; text: string; params?: unknown[] }
  | { id: number; op: 'listen'; channel: string }
  | { id: number; op: 'close' };

export type PgliteReply = { id: number; rows?: unknown[]; error?: string } | { notify: string; payload: string } | { ready: true } | { failed: string };

const port = parentPort!;
const post = (reply: PgliteReply) => port.postMessage(reply);

try {
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create((workerData as { dir: string }).dir);
  port.on('message', (request: PgliteRequest) => {
    void (async () => {
      if (request.op === 'query') return (await db.query(request.text, request.params)).rows;
      if (request.op === 'listen') {
        await db.listen(request.channel, (payload) => post({ notify: request.channel, payload }));
        return [];
      }
      await db.close();
      return [];
    })().then(
      (rows) => post({ id: request.id, rows }),
      (e: unknown) => post({ id: request.id, error: (e as Error).message }),
    );
  });
  post({ ready: true });
} catch (e) {
  post({ failed: (e as Error).message });
}
