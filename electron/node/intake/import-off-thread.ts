/**
 * Runs {@link importFile} in a worker thread: decoding and recognising a
 * 50 MB file takes seconds, and the app's main process (or the CLI's event
 * loop) must stay responsive meanwhile. The worker has a heap fuse and a
 * time limit; either ends the import with a one-line failure.
 */
import { Worker } from 'node:worker_threads';
import type { Result } from '../../../shared/result';
import { fullDraft } from '../../../shared/intake/derived';
import type { IntakeResult } from '../../../shared/intake/types';
import { fail, ok } from '../../../shared/result';
import type { ImportedFile } from './import-file';
import { IMPORT_TIMEOUT_MS, WORKER_HEAP_MB } from './limits';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

export interface OffThreadOptions {
  /** The built worker script; by default `intake-worker.mjs` next to the calling bundle. */
  workerUrl?: URL;
  timeoutMs?: number;
  /** Gets how long the worker itself took (reading, decoding, recognising). */
  onTiming?: (timing: { workerMs: number }) => void;
}

/** Where the worker script sits when running from the built bundle (dist/node/). */
export function defaultWorkerUrl(): URL {
  return new URL('./intake-worker.mjs', import.meta.url);
}

/** Imports a file in a worker thread. Never throws; failures are one line each. */
export function importFileOffThread(path: string, options: OffThreadOptions = {}): Promise<Result<ImportedFile>> {
  const request: WorkerRequest = { path };
  const timeoutMs = options.timeoutMs ?? IMPORT_TIMEOUT_MS;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: Result<ImportedFile>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      void worker.terminate();
    };
    let worker: Worker;
    try {
      worker = new Worker(options.workerUrl ?? defaultWorkerUrl(), {
        workerData: request,
        resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
      });
    } catch (e) {
      resolve(fail('WORKER_FAILED', `the import worker could not start: ${(e as Error).message}`));
      return;
    }
    const timer = setTimeout(() => settle(fail('TIMEOUT', `import took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`)), timeoutMs);
    let file: Omit<ImportedFile, 'result'> | null = null;
    const result: IntakeResult = { stories: [], decisions: [] };
    worker.on('message', (reply: WorkerReply) => {
      switch (reply.kind) {
        case 'begin':
          file = reply.file;
          break;
        case 'batch':
          // Append in place: the batches arrive in order.
          for (const s of reply.stories) result.stories.push(fullDraft(s));
          for (const d of reply.decisions) result.decisions.push(d);
          break;
        case 'end':
          if (file) {
            options.onTiming?.({ workerMs: reply.workerMs });
            settle(ok({ ...file, result }));
          } else settle(fail('INTERNAL', 'import failed: the worker sent no file'));
          break;
        case 'fail':
          settle({ ok: false, error: reply.error });
          break;
        case 'crash':
          settle(fail('INTERNAL', `import failed: ${reply.message}`));
          break;
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      const tooBig = e.code === 'ERR_WORKER_OUT_OF_MEMORY';
      settle(fail(tooBig ? 'TOO_LARGE' : 'WORKER_FAILED', tooBig ? 'the file is too large to import (the import ran out of memory)' : `import failed: ${e.message}`));
    });
    worker.on('exit', (code) => settle(fail('WORKER_FAILED', `the import worker stopped (exit code ${code}) before it answered`)));
  });
}
