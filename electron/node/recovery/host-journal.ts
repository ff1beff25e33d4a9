/**
 * The journal behind the host's `RecoveryJournal` seam
 * (electron/node/host/recovery.ts). The host journals pages and the hashes
 * of the images they use; this looks the image bytes up in the document's
 * session, so an image imported but never saved survives a crash too, and
 * hands them back with the record (`assets`).
 */
import type { JournalEntryInput, JournalRecord, RecoveryJournal } from '../host/recovery';
import type { Result } from '../../../shared/result';
import { ok } from '../../../shared/result';
import type { AssetData } from '../storage/assets';
import type { Journal } from './journal';

/** A journalled document with its image bytes (what the journal could keep). */
export interface HostJournalRecord extends JournalRecord {
  assets: AssetData[];
  warnings: string[];
}

export interface HostJournal extends RecoveryJournal {
  read(id: string): Promise<Result<HostJournalRecord>>;
}

/**
 * `lookup(handle, hash)` returns an image of the document's session, or
 * undefined (the image is then not journalled; its photo recovers empty).
 */
export function hostJournal(journal: Journal, lookup: (handle: string, hash: string) => AssetData | undefined): HostJournal {
  return {
    async write(entry: JournalEntryInput) {
      const assets = entry.assetHashes.map((h) => lookup(entry.handle, h)).filter((a): a is AssetData => a !== undefined);
      const r = await journal.write({ handle: entry.handle, path: entry.path, name: entry.name, pages: entry.pages, assets });
      return r.ok ? ok(undefined) : r;
    },
    list: () => journal.list(),
    async read(id: string) {
      const r = await journal.read(id);
      if (!r.ok) return r;
      const { path, name, pages, assets, warnings } = r.value;
      return ok({ path, name, pages, assets, warnings, assetHashes: assets.map((a) => a.entry.hash) });
    },
    discard: (id: string) => journal.discard(id),
  };
}
