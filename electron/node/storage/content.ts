/**
 * Validation of a file's content shared by load, save and the recovery
 * journal: every page through `pageFromJson`, and every photo's image present.
 */
import type { Node } from 'prosemirror-model';
import { pageFromJson, pageToJson } from '../../../shared/model/load-page';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { quoteName, STORAGE_ERRORS } from './limits';

export interface ValidatedPages {
  /** Canonical JSON of each page. */
  pages: unknown[];
  /** Asset hashes the pages use. */
  usedAssets: Set<string>;
  warnings: string[];
}

function photoAssets(doc: Node, label: string, known: ReadonlySet<string>, used: Set<string>, missing: string[] | null): Result<void> {
  let problem: string | null = null;
  doc.descendants((node) => {
    if (problem) return false;
    if (node.type.name !== 'photo') return true;
    const asset: unknown = node.attrs['asset'];
    const id = quoteName(String(node.attrs['id'] ?? ''));
    if (asset === '' || asset === null) return false;
    if (typeof asset !== 'string') problem = `${label}: photo ${id} has an invalid image reference`;
    else if (!known.has(asset)) {
      const message = `${label}: photo ${id} uses an image that is not in the file (${asset.slice(0, 12)}…)`;
      if (missing) missing.push(message);
      else problem = message;
    }
    else used.add(asset);
    return false;
  });
  return problem ? fail(STORAGE_ERRORS.invalidAsset, problem) : ok(undefined);
}

/**
 * Validates pages in order; `labels[i]` names page i in messages (its zip
 * path on load). `knownAssets` are the hashes the file holds. A photo whose
 * image is missing fails the pages, unless `missingAssets` is `warn` (crash
 * recovery: the text is worth more than a lost image).
 */
export function validatePages(
  pages: readonly unknown[],
  labels: readonly string[],
  knownAssets: ReadonlySet<string>,
  missingAssets: 'fail' | 'warn' = 'fail',
): Result<ValidatedPages> {
  if (pages.length === 0) return fail(STORAGE_ERRORS.invalid, 'the file holds no page');
  const out: unknown[] = [];
  const usedAssets = new Set<string>();
  const warnings: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const label = labels[i] ?? `page ${i + 1}`;
    const loaded = pageFromJson(pages[i]);
    if (!loaded.ok) {
      const first = loaded.findings.find((f) => f.level === 'error') ?? loaded.findings[0];
      return fail(STORAGE_ERRORS.invalidPage, `${label}: ${first?.message ?? 'not a valid page'}`);
    }
    const missing = missingAssets === 'warn' ? warnings : null;
    const refs = photoAssets(loaded.doc, label, knownAssets, usedAssets, missing);
    if (!refs.ok) return refs;
    for (const f of loaded.findings) warnings.push(`${label}: ${f.message}`);
    out.push(pageToJson(loaded.doc));
  }
  return ok({ pages: out, usedAssets, warnings });
}
