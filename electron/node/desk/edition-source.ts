/**
 * The document a desk serves for a `.banmian` file. Today a file's first page
 * is the edition's document; when the edition model lands (one document with
 * pages as children, docs/decisions/0014) this is the one function to change.
 */
import { basename } from 'node:path';
import { pageFromJson } from '../../../shared/model/load-page';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { readBanmianFile } from '../storage';

/** The edition name of a file: its base name without `.banmian`. */
export function editionName(path: string): string {
  return basename(path).replace(/\.banmian$/i, '');
}

/** Reads and validates a file; the document JSON the desk stores. */
export async function editionDocument(path: string): Promise<Result<{ doc: unknown; warnings: string[] }>> {
  const loaded = await readBanmianFile(path);
  if (!loaded.ok) return loaded;
  const first = loaded.value.pages[0];
  const page = pageFromJson(first);
  if (!page.ok) return fail('INVALID_FILE', page.findings.map((f) => f.message).join('; '));
  const warnings = [...loaded.value.warnings];
  if (loaded.value.pages.length > 1) warnings.push(`${path}: the desk serves the first of ${loaded.value.pages.length} pages until editions land`);
  return ok({ doc: page.doc.toJSON(), warnings });
}
