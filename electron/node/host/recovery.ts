/**
 * The crash-recovery journal as the host uses it. The journal itself
 * (electron/node/recovery/) belongs to storage; this is the seam.
 */
import type { RecoveredEntry } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';

/** What is journalled for a document with unsaved changes. */
export interface JournalEntryInput {
  handle: string;
  path: string | null;
  name: string;
  pages: unknown[];
  assetHashes: string[];
}

/** A journalled document read back. */
export interface JournalRecord {
  path: string | null;
  name: string;
  pages: unknown[];
  assetHashes: string[];
}

export interface RecoveryJournal {
  write(entry: JournalEntryInput): Promise<Result<void>>;
  list(): Promise<Result<RecoveredEntry[]>>;
  read(id: string): Promise<Result<JournalRecord>>;
  discard(id: string): Promise<Result<void>>;
}
