/**
 * A document open in the host: what the renderer's `handle` stands for.
 *
 * The session owns the document's image bytes (the renderer only knows asset
 * hashes), its path on disk and the pages the renderer last sent.
 */
import type { OpenedDocument } from '../../../shared/host/host-api';
import type { AssetData } from '../storage/index';

export interface DocumentSession {
  readonly handle: string;
  /** Absolute path on disk, or null for a document never saved. */
  path: string | null;
  /** File name for the title bar. */
  name: string;
  /** Every image the document has held since it was opened, by content hash. */
  readonly assets: Map<string, AssetData>;
  /** The pages last opened, saved or journalled. */
  pages: unknown[];
  /** The pages last sent for export (what print mode shows). */
  printPages: unknown[] | null;
  /** Whether the renderer reported unsaved changes. */
  dirty: boolean;
  /** Warnings found when the document was loaded. */
  warnings: string[];
  /** Who opened it (an Electron window id); undefined in web mode. */
  owner?: number;
  /** The recovery entry it was opened from, discarded once it is saved. */
  recoveredFrom?: string;
}

/** The renderer's view of a session, with `pages` as given. */
export function openedDocument(session: DocumentSession, pages: unknown[] = session.pages): OpenedDocument {
  return {
    handle: session.handle,
    path: session.path,
    name: session.name,
    pages,
    assets: [...session.assets.values()].map((a) => a.entry),
    warnings: [...session.warnings],
    unsaved: session.dirty,
  };
}
