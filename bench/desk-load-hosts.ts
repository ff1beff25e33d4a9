/**
 * Where the load bench's client groups run: on the bench's main thread (as
 * before, `--workers 0`) or each in a worker thread (desk-load-worker.ts,
 * built next to the bench). Both answer the same asynchronous interface.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { ClientSpec, GroupOptions, GroupResult, GroupStatus } from './desk-load-clients';
import { ClientGroup } from './desk-load-clients';

export interface GroupHost {
  connect(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): Promise<GroupStatus>;
  result(): Promise<GroupResult>;
  close(): Promise<void>;
}

/** A group on this thread. */
export function localGroup(specs: ClientSpec[], options: GroupOptions, stories: string[]): GroupHost {
  const group = new ClientGroup(specs, options);
  return {
    connect: () => group.connect(),
    start: async () => group.startTyping(),
    stop: async () => group.stopTyping(),
    status: async () => group.status(),
    result: async () => group.result(stories),
    close: async () => group.close(),
  };
}

/** The worker's script, built next to the bench (dist/node/desk-load-worker.mjs). */
const WORKER = new URL('./desk-load-worker.mjs', import.meta.url);

export function workersBuilt(): boolean {
  return existsSync(WORKER);
}

/** A group in its own worker thread, at `nice` (0: the bench's own priority; higher: lower priority than the desk). */
export function workerGroup(specs: ClientSpec[], options: GroupOptions, stories: string[], nice = 0): GroupHost {
  const worker = new Worker(WORKER, { workerData: { specs, options, stories, nice } });
  let nextId = 0;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  worker.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.error !== undefined) w?.reject(new Error(m.error));
    else w?.resolve(m.value);
  });
  worker.on('error', (e) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  });
  const call = <T>(op: string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ id, op });
    });
  return {
    connect: () => call('connect'),
    start: () => call('start'),
    stop: () => call('stop'),
    status: () => call('status'),
    result: () => call('result'),
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
