/**
 * Format 1 → 2 (the file becomes an edition) on real version-1 files: the
 * reference page as committed before the edition (tests/fixtures/data/
 * seed-front-page-v1.banmian) opens with the same meaning, and a two-page
 * version-1 file gets its edition, sections and edition-wide unique ids.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { readZipEntries } from '../../../electron/node/storage/zip-read';
import { fileEntries, rawZip } from './hostile';
import { samplePage, tempDir } from './sample';

const V1_SEED = join(import.meta.dirname, '..', '..', 'fixtures', 'data', 'seed-front-page-v1.banmian');

type Json = Record<string, unknown>;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-migrate-edition-');
});
afterEach(() => tmp.remove());

/** Attributes format 2 added, at their defaults: a version-1 page never had them. */
const ADDED_PAGE = ['section', 'editor', 'colour', 'status'];
const ADDED_BLOCK: Record<string, string[]> = { masthead: ['variant'], story: ['continues', 'jumpTo', 'jumpFrom'], teaser_item: ['story'], paragraph: ['runIn', 'runOn'] };

/** A page JSON as version 1 wrote it: without what format 2 added. */
function asVersion1(page: unknown): Json {
  const copy = JSON.parse(JSON.stringify(page)) as Json;
  const walk = (node: Json) => {
    const attrs = node['attrs'] as Json | undefined;
    const added = node['type'] === 'page' ? ADDED_PAGE : (ADDED_BLOCK[String(node['type'])] ?? []);
    if (attrs) for (const key of added) delete attrs[key];
    for (const child of (node['content'] as Json[] | undefined) ?? []) walk(child);
  };
  walk(copy);
  return copy;
}

/** The raw page JSON stored in a file (no loading, no migration). */
async function storedPages(bytes: Buffer): Promise<Json[]> {
  const zip = await readZipEntries(bytes, { classify: (n) => (n.startsWith('pages/') ? 'page' : n === 'manifest.json' ? 'manifest' : 'asset'), maxBytes: () => 1 << 30 });
  if (!zip.ok) throw new Error(zip.error.message);
  const manifest = JSON.parse(zip.value.entries.get('manifest.json')!.toString('utf8')) as { pages: string[]; version: number };
  return manifest.pages.map((p) => JSON.parse(zip.value.entries.get(p)!.toString('utf8')) as Json);
}

describe('format 1 → 2: a file becomes an edition', () => {
  it('opens the version-1 reference page unchanged in meaning, and saves it in the current version (3)', async () => {
    const [v1Page] = await storedPages(readFileSync(V1_SEED));
    const loaded = await readBanmianFile(V1_SEED);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.warnings).toEqual(['upgraded from file format version 1; saving writes the current version']);
    expect(loaded.value.edition).toEqual({ paperName: '萧山日报', date: '2022-11-21', label: '' });
    // The page is the same page: same settings (第一版, page 1, 要闻), same blocks, same text;
    // it only gains its own edition attributes, at their defaults but for its section.
    const page = loaded.value.pages[0] as Json & { attrs: Json };
    const v1Attrs = v1Page!['attrs'] as Json;
    expect(page.attrs).toEqual({ ...v1Attrs, section: '要闻', editor: '', colour: 'colour', status: 'draft' });
    expect(asVersion1(page)).toEqual(v1Page);
    // One page alone keeps its typed 今日8版.
    expect(JSON.stringify(page)).toContain('今日8版');

    const saved = join(tmp.dir, 'seed.banmian');
    expect((await writeBanmianFile(saved, loaded.value)).ok).toBe(true);
    const again = await readBanmianFile(saved);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.warnings).toEqual([]);
    expect(again.value.pages).toEqual(loaded.value.pages);
    const zip = await readZipEntries(readFileSync(saved), { classify: () => 'manifest', maxBytes: () => 1 << 30 });
    const manifest = zip.ok ? (JSON.parse(zip.value.entries.get('manifest.json')!.toString('utf8')) as Json) : {};
    expect(manifest['version']).toBe(3);
    expect(manifest['edition']).toEqual({ paperName: '萧山日报', date: '2022-11-21', label: '' });
  });

  it('gives a two-page version-1 file its edition, each page its section, and renames ids a later page repeats', async () => {
    const p1 = asVersion1(samplePage(1)) as Json & { attrs: { settings: Json & { edition: Json } } };
    const p2 = asVersion1(samplePage(1)) as typeof p1;
    p1.attrs.settings.edition = { ...p1.attrs.settings.edition, editionName: '城市版' };
    p2.attrs.settings.edition = { ...p2.attrs.settings.edition, section: '体育', pageNumber: 7 };
    const file = join(tmp.dir, 'v1.banmian');
    writeFileSync(file, rawZip(fileEntries({ format: 'banmian', version: 1, generator: 'banmian', pages: ['pages/1.json', 'pages/2.json'], assets: [] }, [p1, p2])));
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.edition).toEqual({ paperName: '萧山日报', date: '2022-11-21', label: '城市版' });
    const pages = loaded.value.pages as (Json & { attrs: Json & { settings: { edition: Json } }; content: { attrs: Json }[] })[];
    expect(pages.map((p) => p.attrs['section'])).toEqual(['要闻', '体育']);
    // The mirrors follow the edition: folio by position, not the stored 7.
    expect(pages.map((p) => p.attrs.settings.edition)).toEqual([
      { paperName: '萧山日报', date: '2022-11-21', pageNumber: 1, section: '要闻', editionName: '第一版', label: '城市版' },
      { paperName: '萧山日报', date: '2022-11-21', pageNumber: 2, section: '体育', editionName: '第二版', label: '城市版' },
    ]);
    expect(pages.map((p) => p.content[0]!.attrs['id'])).toEqual(['s1', 's1-2']);
  });

  it('refuses a version-2 file whose pages repeat a block id, naming both pages', async () => {
    const file = join(tmp.dir, 'dup.banmian');
    writeFileSync(
      file,
      rawZip(fileEntries({ format: 'banmian', version: 2, generator: 'banmian', edition: { paperName: '萧山日报', date: '2022-11-21', label: '' }, pages: ['pages/1.json', 'pages/2.json'], assets: [] }, [samplePage(1), samplePage(1)])),
    );
    const r = await readBanmianFile(file);
    expect(!r.ok && r.error.message).toBe('pages/2.json: block id "s1" is also used on page 1 (ids are unique across the edition)');
  });
});
