/**
 * The migration mechanism end to end, with a synthetic version 0 (the first
 * real format is 1): v0 named the manifest's generator `app` and a block's
 * column `column`. Loading migrates (through the real 1 → 2 step too);
 * saving writes the current version.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import type { Migration } from '../../../shared/format/migrations';
import { MIGRATIONS } from '../../../shared/format/migrations';
import { fileEntries, rawZip } from './hostile';
import { samplePage, tempDir } from './sample';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-migrate-');
});
afterEach(() => tmp.remove());

type Json = Record<string, unknown>;
const v0to1: Migration = ({ manifest, pages }) => {
  const { app, ...rest } = manifest;
  return {
    manifest: { ...rest, generator: app },
    pages: pages.map((p) => {
      const page = p as Json & { content: (Json & { attrs: Json })[] };
      return {
        ...page,
        content: page.content.map((b) => {
          const { column, ...attrs } = b.attrs;
          return { ...b, attrs: { ...attrs, col: column } };
        }),
      };
    }),
  };
};

function v0Page(): unknown {
  const page = samplePage(1) as Json & { content: (Json & { attrs: Json })[] };
  return { ...page, content: page.content.map((b) => { const { col, ...attrs } = b.attrs; return { ...b, attrs: { ...attrs, column: col } }; }) };
}

describe('format migrations', () => {
  it('loads a version 0 file through the migrations and saves it in the current version', async () => {
    const file = join(tmp.dir, 'old.banmian');
    writeFileSync(file, rawZip(fileEntries({ format: 'banmian', version: 0, app: 'banmian 0.0.1', pages: ['pages/1.json'], assets: [] }, [v0Page()])));
    const plain = await readBanmianFile(file);
    expect(!plain.ok && plain.error.message).toMatch(/version 0 is too old/);

    const loaded = await readBanmianFile(file, { migrate: { migrations: { 0: v0to1, 1: MIGRATIONS[1]!, 2: MIGRATIONS[2]! } } });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const reference = join(tmp.dir, 'ref.banmian');
    await writeBanmianFile(reference, { pages: [samplePage(1)], assets: [] });
    const current = await readBanmianFile(reference);
    expect(current.ok && loaded.value.pages).toEqual(current.ok && current.value.pages);
    expect(loaded.value.warnings).toEqual(['upgraded from file format version 0; saving writes the current version']);
    const saved = join(tmp.dir, 'new.banmian');
    await writeBanmianFile(saved, loaded.value);
    const again = await readBanmianFile(saved);
    expect(again.ok && again.value.warnings).toEqual([]);
    expect(readFileSync(saved).equals(readFileSync(reference))).toBe(true);
  });

  it('refuses a migrated file that still does not validate, whole', async () => {
    const file = join(tmp.dir, 'old.banmian');
    const bad = v0Page() as Json & { content: (Json & { attrs: Json })[] };
    bad.content[0]!.attrs['column'] = 99;
    writeFileSync(file, rawZip(fileEntries({ format: 'banmian', version: 0, app: 'x', pages: ['pages/1.json'], assets: [] }, [bad])));
    const r = await readBanmianFile(file, { migrate: { migrations: { 0: v0to1, 1: MIGRATIONS[1]!, 2: MIGRATIONS[2]! } } });
    expect(!r.ok && r.error.message).toMatch(/pages\/1\.json: .*outside/);
  });
});
