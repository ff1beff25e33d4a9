/**
 * Entry of the import worker thread (built to dist/node/intake-worker.mjs).
 * It gets a file path, imports the file and posts the result back in
 * batches, so decoding and recognising a big file never blocks the caller.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { leanDraft } from '../../../shared/intake/derived';
import type { Decision } from '../../../shared/intake/types';
import { importFile } from './import-file';
import type { WorkerReply, WorkerRequest } from './worker-protocol';
import { STORIES_PER_BATCH } from './worker-protocol';

function post(reply: WorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort!.postMessage(reply, transfer);
}

async function main(): Promise<void> {
  const request = workerData as WorkerRequest;
  const started = performance.now();
  try {
    const imported = await importFile(request.path);
    if (!imported.ok) {
      post({ kind: 'fail', error: imported.error });
      return;
    }
    const { result, ...file } = imported.value;
    // Picture bytes move to the caller instead of being copied.
    post({ kind: 'begin', file }, file.images.map((i) => i.bytes.buffer as ArrayBuffer));
    const byStory = new Map<number, Decision[]>();
    for (const d of result.decisions) {
      const list = byStory.get(d.story);
      if (list) list.push(d);
      else byStory.set(d.story, [d]);
    }
    for (let i = 0; i < result.stories.length; i += STORIES_PER_BATCH) {
      const stories = result.stories.slice(i, i + STORIES_PER_BATCH).map(leanDraft);
      const decisions = stories.flatMap((_, k) => byStory.get(i + k) ?? []);
      post({ kind: 'batch', stories, decisions });
    }
    post({ kind: 'end', workerMs: performance.now() - started });
  } catch (e) {
    // A bug, not bad input: still one line for the person, the stack for debugging.
    post({ kind: 'crash', message: (e as Error).message, stack: (e as Error).stack ?? '' });
  }
}

await main();
