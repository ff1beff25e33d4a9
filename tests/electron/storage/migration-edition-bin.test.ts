/**
 * Format 2 → 3 (shared/format/migrate-2-to-3.ts): each page's story bin is
 * gathered into the edition's, in page order, nothing lost; the file saves
 * as version 3 with the bin in `bin.json`, and reopens the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { readZipEntries } from '../../../electron/node/storage/zip-read';
import { editionOfFile } from '../../../electron/node/storage/edition-file';
import { splitEditionJson } from '../../../shared/edition/edition-children';
import { pageCount } from '../../../shared/edition/page-scope';
import { binItems } from '../../../shared/model/bin';
import { schema } from '../../../shared/model/schema';
import { fileEntries, rawZip } from './hostile';
import { samplePage, tempDir } from './sample';

type Json = Record<string, unknown>;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-migrate-bin-');
});
afterEach(() => tmp.remove());

function binned(id: string, text: string): Json {
  return schema
    .node('story', { id, col: 0, line: 0, cols: 2, lines: 10 }, [
      schema.node('headgroup', null, [schema.node('headline', null, [schema.text(`${id} 标题`)])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text(text)])]),
    ])
    .toJSON() as Json;
}

/** A version-2 page: `samplePage(n)` ending with its own bin holding `items`. */
function v2Page(n: number, items: Json[] | null): Json {
  const page = samplePage(n) as Json & { content: unknown[] };
  return items === null ? page : { ...page, content: [...page.content, items.length > 0 ? { type: 'bin', content: items } : { type: 'bin' }] };
}

const V2_MANIFEST = (pages: number) => ({
  format: 'banmian',
  version: 2,
  generator: 'banmian',
  edition: { paperName: '萧山日报', date: '2022-11-21', label: '' },
  pages: Array.from({ length: pages }, (_, i) => `pages/${i + 1}.json`),
  assets: [],
});

async function entries(path: string): Promise<Map<string, string>> {
  const zip = await readZipEntries(readFileSync(path), { classify: () => 'manifest', maxBytes: () => 1 << 30 });
  if (!zip.ok) throw new Error(zip.error.message);
  return new Map([...zip.value.entries].map(([k, v]) => [k, v.toString('utf8')]));
}

describe('format 2 → 3: the story bin moves to the edition', () => {
  it('gathers the bins of pages 1 and 3 of a three-page file into the edition bin, in page order, every character kept', async () => {
    const file = join(tmp.dir, 'v2.banmian');
    const pages = [
      v2Page(1, [binned('x1', '一版待用稿甲。'), binned('x2', '一版待用稿乙。')]),
      v2Page(2, []),
      v2Page(3, [binned('x3', '三版待用稿。')]),
    ];
    writeFileSync(file, rawZip(fileEntries(V2_MANIFEST(3), pages)));
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.warnings).toEqual(['upgraded from file format version 2; saving writes the current version']);
    const { pages: stored, bin } = splitEditionJson(loaded.value.pages);
    expect(stored).toHaveLength(3);
    // No page keeps a bin; the placed blocks are as they were.
    for (const [i, page] of stored.entries()) {
      const content = (page as { content: Json[] }).content;
      expect(content.map((c) => c['type'])).toEqual(['story']);
      expect(content[0]!['attrs']).toMatchObject({ id: `s${i + 1}` });
    }
    const edition = editionOfFile(loaded.value);
    if (!edition.ok) throw new Error(edition.error.message);
    expect(pageCount(edition.value)).toBe(3);
    expect(binItems(edition.value).map((i) => [i.node.attrs['id'], i.node.textContent])).toEqual([
      ['x1', 'x1 标题一版待用稿甲。'],
      ['x2', 'x2 标题一版待用稿乙。'],
      ['x3', 'x3 标题三版待用稿。'],
    ]);
    expect(bin).not.toBeNull();

    // Saved: version 3, the bin in bin.json named by the manifest, no bin in any page entry.
    const saved = join(tmp.dir, 'v3.banmian');
    expect((await writeBanmianFile(saved, loaded.value)).ok).toBe(true);
    const zip = await entries(saved);
    const manifest = JSON.parse(zip.get('manifest.json')!) as Json;
    expect(manifest['version']).toBe(3);
    expect(manifest['bin']).toBe('bin.json');
    expect([...zip.keys()]).toEqual(['manifest.json', 'pages/1.json', 'pages/2.json', 'pages/3.json', 'bin.json']);
    for (const n of [1, 2, 3]) expect(zip.get(`pages/${n}.json`)).not.toContain('"bin"');
    expect((JSON.parse(zip.get('bin.json')!) as { content: Json[] }).content.map((c) => (c['attrs'] as Json)['id'])).toEqual(['x1', 'x2', 'x3']);
    const again = await readBanmianFile(saved);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.warnings).toEqual([]);
    expect(again.value.pages).toEqual(loaded.value.pages);
  });

  it('opens a single-page version-2 file with an empty bin unchanged in meaning, and writes no bin for it', async () => {
    const file = join(tmp.dir, 'one.banmian');
    writeFileSync(file, rawZip(fileEntries(V2_MANIFEST(1), [v2Page(1, [])])));
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.pages).toEqual([samplePage(1)]);
    const saved = join(tmp.dir, 'one-v3.banmian');
    expect((await writeBanmianFile(saved, loaded.value)).ok).toBe(true);
    const zip = await entries(saved);
    expect([...zip.keys()]).toEqual(['manifest.json', 'pages/1.json']);
    expect((JSON.parse(zip.get('manifest.json')!) as Json)['bin']).toBeUndefined();
  });

  it('refuses a version-3 page that holds its own bin, a bin whose ids repeat a page\'s, and a named bin entry that is missing', async () => {
    const v3 = (pages: number, bin?: string) => ({ ...V2_MANIFEST(pages), version: 3, ...(bin ? { bin } : {}) });
    const own = join(tmp.dir, 'own.banmian');
    writeFileSync(own, rawZip(fileEntries(v3(1), [v2Page(1, [binned('x', '稿。')])])));
    expect((await readBanmianFile(own)).ok).toBe(false);

    const dup = join(tmp.dir, 'dup.banmian');
    writeFileSync(dup, rawZip([...fileEntries(v3(1, 'bin.json'), [samplePage(1)]), { name: 'bin.json', data: JSON.stringify({ type: 'bin', content: [binned('s1', '重复。')] }) }]));
    const r = await readBanmianFile(dup);
    expect(!r.ok && r.error.message).toBe('bin.json: block id "s1" is also used on page 1 (ids are unique across the edition)');

    const missing = join(tmp.dir, 'missing.banmian');
    writeFileSync(missing, rawZip(fileEntries(v3(1, 'bin.json'), [samplePage(1)])));
    const m = await readBanmianFile(missing);
    expect(!m.ok && m.error.message).toBe('bin.json is named in manifest.json but missing from the file');
  });
});
