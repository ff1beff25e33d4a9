/**
 * Turning content into the bytes of a `.banmian` file, deterministically:
 * pages validated and written in canonical JSON (two-space indent, keys in
 * schema order, final newline), images once each, sorted by hash, stored
 * uncompressed; a fixed zip layout (see zip-write.ts). Identical content
 * gives identical bytes.
 */
import type { AssetEntry, Manifest } from '../../../shared/format/manifest';
import { BIN_ENTRY, FORMAT_NAME, FORMAT_VERSION, manifestSchema } from '../../../shared/format/manifest';
import { splitEditionJson } from '../../../shared/edition/edition-children';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData } from './assets';
import { verifyAsset } from './assets';
import { validatePages } from './content';
import { MANIFEST_ENTRY } from './decode';
import { STORAGE_ERRORS } from './limits';
import type { FileContent } from './types';
import type { ZipEntryData } from './zip-write';
import { encodeZip } from './zip-write';

/**
 * Written into every manifest. Deliberately without the app version, so a
 * release does not change the bytes of unchanged files (fixtures compare bytes).
 */
export const GENERATOR = 'banmian';

/** The stable text form of every JSON entry. */
export function stableJson(value: unknown): Uint8Array {
  return Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
}

function canonicalEntry(e: AssetEntry): AssetEntry {
  // Fixed key order, whatever order the caller built the object in.
  const out: AssetEntry = {
    hash: e.hash,
    mime: e.mime,
    path: e.path,
    pixelWidth: e.pixelWidth,
    pixelHeight: e.pixelHeight,
    bytes: e.bytes,
  };
  if (e.originalName !== undefined) out.originalName = e.originalName;
  return out;
}

/** Distinct assets sorted by hash; the same hash twice must be the same image. */
async function collectAssets(assets: readonly AssetData[]): Promise<Result<AssetData[]>> {
  const byHash = new Map<string, AssetData>();
  for (const asset of assets) {
    const verified = await verifyAsset(asset.entry, asset.bytes, { probe: false });
    if (!verified.ok) return verified;
    if (!byHash.has(asset.entry.hash)) byHash.set(asset.entry.hash, { entry: canonicalEntry(asset.entry), bytes: asset.bytes });
  }
  return ok([...byHash.values()].sort((a, b) => (a.entry.hash < b.entry.hash ? -1 : a.entry.hash > b.entry.hash ? 1 : 0)));
}

/** Validates content and builds the file's bytes; refuses content that would not load. */
export async function encodeBanmian(content: FileContent): Promise<Result<Buffer>> {
  if (!Array.isArray(content.pages)) return fail(STORAGE_ERRORS.invalidPage, 'pages must be an array');
  if (content.pages.length > 999) return fail(STORAGE_ERRORS.tooLarge, 'a file holds at most 999 pages');
  const assets = await collectAssets(content.assets);
  if (!assets.ok) return assets;
  const paths = splitEditionJson(content.pages).pages.map((_, i) => `pages/${i + 1}.json`);
  const pages = validatePages(
    content.pages,
    paths,
    new Set(assets.value.map((a) => a.entry.hash)),
    'fail',
    content.edition,
  );
  if (!pages.ok) return pages;

  const manifest: Manifest = {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    generator: GENERATOR,
    edition: { paperName: pages.value.edition.paperName, date: pages.value.edition.date, label: pages.value.edition.label },
    pages: paths,
    assets: assets.value.map((a) => a.entry),
  };
  // The edition's story bin, when it holds anything, after the pages (format 3).
  const bin = pages.value.pages.length > pages.value.pageCount ? pages.value.pages.at(-1) : undefined;
  if (bin !== undefined) manifest.bin = BIN_ENTRY;
  const checked = manifestSchema.safeParse(manifest);
  if (!checked.success) return fail(STORAGE_ERRORS.invalid, `cannot write the manifest: ${checked.error.issues[0]?.message ?? 'invalid'}`);

  const entries: ZipEntryData[] = [
    { name: MANIFEST_ENTRY, bytes: stableJson(manifest) },
    ...pages.value.pages.slice(0, pages.value.pageCount).map((page, i) => ({ name: paths[i]!, bytes: stableJson(page) })),
    ...(bin === undefined ? [] : [{ name: BIN_ENTRY, bytes: stableJson(bin) }]),
    ...assets.value.map((a) => ({ name: a.entry.path, bytes: a.bytes })),
  ];
  return ok(encodeZip(entries));
}
