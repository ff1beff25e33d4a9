/**
 * A worker thread of the desk load bench: runs one ClientGroup
 * (desk-load-clients.ts) and answers the bench's requests over its port.
 * Requests: connect, start, stop, status, result, close; each answered with
 * `{ id, value }` or `{ id, error }`.
 */
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type { ClientSpec, GroupOptions } from './desk-load-clients';
import { ClientGroup } from './desk-load-clients';

const { specs, options, stories, nice } = workerData as { specs: ClientSpec[]; options: GroupOptions; stories: string[]; nice: number };
// On Linux a thread has its own nice value: this lowers this thread only (the clients stand for other machines).
if (nice > 0) setPriority(0, nice);
const group = new ClientGroup(specs, options);

parentPort!.on('message', (request: { id: number; op: string }) => {
  void (async () => {
    switch (request.op) {
      case 'connect':
        return group.connect();
      case 'start':
        return group.startTyping();
      case 'stop':
        return group.stopTyping();
      case 'status':
        return group.status();
      case 'result':
        return group.result(stories);
      case 'close':
        return group.close();
      default:
        throw new Error(`unknown request ${request.op}`);
    }
  })().then(
    (value) => parentPort!.postMessage({ id: request.id, value }),
    (e: unknown) => parentPort!.postMessage({ id: request.id, error: (e as Error).message }),
  );
});
