/**
 * Turning the bytes of a `.banmian` file into validated content: zip entries
 * (bounded, in memory) → manifest envelope → page JSON → migrations → manifest
 * schema → assets (hash, size, header) → pages (`pageFromJson`). The first
 * problem stops the load with one line; nothing is half-loaded.
 */
import type { Manifest } from '../../../shared/format/manifest';
import { BIN_ENTRY, FORMAT_VERSION, manifestSchema } from '../../../shared/format/manifest';
import { isBinJson, splitEditionJson } from '../../../shared/edition/edition-children';
import type { MigrateOptions } from '../../../shared/format/migrations';
import { migrateToCurrent, storedVersion } from '../../../shared/format/migrations';
import { jsonDepth, MAX_JSON_DEPTH } from '../../../shared/model/page-json';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData } from './assets';
import { verifyAsset } from './assets';
import { validatePages } from './content';
import { LIMITS, quoteName, STORAGE_ERRORS } from './limits';
import type { LoadedFile } from './types';
import type { EntryKind, ZipPolicy } from './zip-read';
import { readZipEntries } from './zip-read';

export const MANIFEST_ENTRY = 'manifest.json';
export const PAGE_ENTRY = /^pages\/[0-9]{1,4}\.json$/;
export const ASSET_ENTRY = /^assets\/[0-9a-f]{64}\.(jpg|png)$/;

const banmianPolicy: ZipPolicy = {
  classify(name: string): EntryKind {
    if (name === MANIFEST_ENTRY) return 'manifest';
    if (name === BIN_ENTRY) return 'page';
    if (PAGE_ENTRY.test(name)) return 'page';
    if (ASSET_ENTRY.test(name)) return 'asset';
    return 'unknown';
  },
  maxBytes(kind: EntryKind): number {
    if (kind === 'manifest') return LIMITS.manifestBytes;
    if (kind === 'page') return LIMITS.pageBytes;
    return LIMITS.assetBytes;
  },
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses JSON from untrusted bytes with a depth bound; one line on failure. */
export function parseJsonEntry(bytes: Uint8Array, label: string, maxDepth: number): Result<unknown> {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(STORAGE_ERRORS.invalid, `${label} is not UTF-8 text`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(STORAGE_ERRORS.invalid, `${label} is not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (jsonDepth(value, maxDepth) > maxDepth) return fail(STORAGE_ERRORS.invalid, `${label} is nested deeper than ${maxDepth} levels`);
  return ok(value);
}

function zodMessage(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const issue = issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  return `${where ? `${where.replace(/^\./, '')}: ` : ''}${issue.message}`;
}

/** Reads the page list before migration: the one manifest field every version shares. */
function pageList(manifest: Record<string, unknown>): Result<string[]> {
  const pages = manifest['pages'];
  if (!Array.isArray(pages) || pages.length === 0) return fail(STORAGE_ERRORS.invalid, 'manifest.json lists no pages');
  if (pages.length > 999) return fail(STORAGE_ERRORS.tooLarge, `manifest.json lists ${pages.length} pages; at most 999 are allowed`);
  const seen = new Set<string>();
  for (const p of pages) {
    if (typeof p !== 'string' || !PAGE_ENTRY.test(p)) return fail(STORAGE_ERRORS.invalid, `manifest.json lists an invalid page entry ${quoteName(String(p))}`);
    if (seen.has(p)) return fail(STORAGE_ERRORS.invalid, `manifest.json lists ${p} twice`);
    seen.add(p);
  }
  return ok(pages as string[]);
}

async function loadAssets(manifest: Manifest, entries: Map<string, Buffer>): Promise<Result<AssetData[]>> {
  const assets: AssetData[] = [];
  const hashes = new Set<string>();
  for (const entry of manifest.assets) {
    if (hashes.has(entry.hash)) return fail(STORAGE_ERRORS.invalid, `manifest.json lists image ${entry.hash.slice(0, 12)}… twice`);
    hashes.add(entry.hash);
    const bytes = entries.get(entry.path);
    if (!bytes) return fail(STORAGE_ERRORS.invalidAsset, `image ${entry.path} is missing from the file`);
    const verified = await verifyAsset(entry, bytes, { probe: true });
    if (!verified.ok) return verified;
    assets.push({ entry, bytes });
  }
  return ok(assets);
}

export interface DecodeOptions {
  /** Migration table and target version (tests of the mechanism). */
  migrate?: MigrateOptions;
}

/** Decodes and fully validates a `.banmian` file's bytes. Never throws for bad input. */
export async function decodeBanmian(buffer: Buffer, options: DecodeOptions = {}): Promise<Result<LoadedFile>> {
  const zip = await readZipEntries(buffer, banmianPolicy);
  if (!zip.ok) return zip;
  const { entries } = zip.value;
  const warnings = [...zip.value.warnings];

  const manifestBytes = entries.get(MANIFEST_ENTRY);
  if (!manifestBytes) return fail(STORAGE_ERRORS.notZip, 'not a Banmian file (the zip has no manifest.json)');
  const parsed = parseJsonEntry(manifestBytes, MANIFEST_ENTRY, LIMITS.manifestDepth);
  if (!parsed.ok) return parsed;
  // Refuse foreign and future files before reading anything else.
  const version = storedVersion(parsed.value, options.migrate?.current);
  if (!version.ok) return version;
  const rawManifest = parsed.value as Record<string, unknown>;

  const paths = pageList(rawManifest);
  if (!paths.ok) return paths;
  const rawPages: unknown[] = [];
  for (const path of paths.value) {
    const bytes = entries.get(path);
    if (!bytes) return fail(STORAGE_ERRORS.invalid, `${path} is listed in manifest.json but missing from the file`);
    const page = parseJsonEntry(bytes, path, MAX_JSON_DEPTH);
    if (!page.ok) return page;
    rawPages.push(page.value);
  }
  // Format 3: the edition's story bin, after the pages (the edition's children).
  if (rawManifest['bin'] !== undefined) {
    if (rawManifest['bin'] !== BIN_ENTRY) return fail(STORAGE_ERRORS.invalid, `manifest.json names an invalid story bin entry ${quoteName(String(rawManifest['bin']))}`);
    const bytes = entries.get(BIN_ENTRY);
    if (!bytes) return fail(STORAGE_ERRORS.invalid, `${BIN_ENTRY} is named in manifest.json but missing from the file`);
    const bin = parseJsonEntry(bytes, BIN_ENTRY, MAX_JSON_DEPTH);
    if (!bin.ok) return bin;
    if (!isBinJson(bin.value)) return fail(STORAGE_ERRORS.invalid, `${BIN_ENTRY} is not a story bin`);
    rawPages.push(bin.value);
  }

  const migrated = migrateToCurrent({ manifest: rawManifest, pages: rawPages }, options.migrate);
  if (!migrated.ok) return migrated;
  if (version.value < (options.migrate?.current ?? FORMAT_VERSION)) {
    warnings.push(`upgraded from file format version ${version.value}; saving writes the current version`);
  }

  const manifest = manifestSchema.safeParse(migrated.value.content.manifest);
  if (!manifest.success) return fail(STORAGE_ERRORS.invalid, `manifest.json: ${zodMessage(manifest.error.issues)}`);
  if (manifest.data.pages.length !== splitEditionJson(migrated.value.content.pages).pages.length) {
    return fail(STORAGE_ERRORS.invalid, 'manifest.json lists a different number of pages than the file holds');
  }
  const assets = await loadAssets(manifest.data, entries);
  if (!assets.ok) return assets;

  const known = new Set(assets.value.map((a) => a.entry.hash));
  const pages = validatePages(migrated.value.content.pages, manifest.data.pages, known, 'fail', manifest.data.edition);
  if (!pages.ok) return pages;
  warnings.push(...pages.value.warnings);
  for (const a of assets.value) {
    if (!pages.value.usedAssets.has(a.entry.hash)) warnings.push(`image ${a.entry.path} is not used by any page`);
  }
  for (const name of entries.keys()) {
    if (ASSET_ENTRY.test(name) && !known.has(name.slice(7, 71))) warnings.push(`ignored image ${name} not listed in manifest.json`);
  }
  return ok({ pages: pages.value.pages, edition: pages.value.edition, assets: assets.value, warnings });
}
