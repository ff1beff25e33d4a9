/**
 * The document a desk serves for a `.banmian` file: the whole edition, one
 * `edition` node with every page as a child, built as the renderer builds it
 * when it opens the file (shared/edition/edition-from-pages.ts,
 * docs/decisions/0028-desk-serves-the-edition.md).
 */
import { basename } from 'node:path';
import { editionFromPages } from '../../../shared/edition/edition-from-pages';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { readBanmianFile } from '../storage';
import type { SqlRunner } from './desk-db';
import type { DeskAsset } from './desk-store';
import { latestSnapshot } from './desk-store';

/** The edition name of a file: its base name without `.banmian`. */
export function editionName(path: string): string {
  return basename(path).replace(/\.banmian$/i, '');
}

/** Reads and validates a file; the edition document JSON the desk stores, and its images. */
export async function editionDocument(path: string): Promise<Result<{ doc: unknown; assets: DeskAsset[]; warnings: string[] }>> {
  const loaded = await readBanmianFile(path);
  if (!loaded.ok) return loaded;
  const built = editionFromPages(path, loaded.value.pages);
  if (!built.ok) return fail('INVALID_FILE', built.message);
  return ok({ doc: built.doc.toJSON(), assets: loaded.value.assets, warnings: [...loaded.value.warnings, ...built.warnings] });
}

/**
 * Whether an edition in the database is stored as a single page: loaded by a
 * desk from before decision 0028. Such an edition keeps being served as the
 * page it is (its step log is in page positions, so wrapping it in an
 * edition would break every client's and every step's positions); the
 * clients and the rules work on either document.
 */
export async function storedAsPage(db: SqlRunner, edition: string): Promise<boolean> {
  const snapshot = await latestSnapshot(db, edition);
  return (snapshot?.doc as { type?: unknown } | undefined)?.type === 'page';
}
