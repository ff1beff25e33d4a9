/**
 * Messages from the import worker to {@link importFileOffThread}. The result
 * comes in batches of stories: one message holding a 50 MB file's 28 000
 * stories takes seconds to deserialise and would block the receiving thread;
 * batches of a few hundred keep every pause short.
 */
import type { LeanDraft } from '../../../shared/intake/derived';
import type { Decision } from '../../../shared/intake/types';
import type { HostError } from '../../../shared/result';
import type { ImportedFile } from './import-file';

export interface WorkerRequest {
  path: string;
}

/** Stories per batch message. */
export const STORIES_PER_BATCH = 200;

export type WorkerReply =
  | { kind: 'begin'; file: Omit<ImportedFile, 'result'> }
  /** Stories without their derived lists (see shared/intake/derived.ts): half the bytes to copy. */
  | { kind: 'batch'; stories: LeanDraft[]; decisions: Decision[] }
  | { kind: 'end'; workerMs: number }
  | { kind: 'fail'; error: HostError }
  | { kind: 'crash'; message: string; stack: string };
