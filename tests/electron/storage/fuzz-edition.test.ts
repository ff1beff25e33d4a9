/**
 * The hostile-file fuzz on the reference edition (8 pages, two real photos):
 * its manifest (the edition's paper, date, label) and its pages (sections,
 * statuses, 责任编辑, 转版 `continues`, 导读 `story`, and any other value)
 * mutated at random. Each file must be refused with one line or load as a
 * valid edition whose references can be listed, preflighted and moved;
 * nothing may throw or hang.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPages } from '../../../electron/node/commands/pages';
import { readBanmianFile } from '../../../electron/node/storage';
import type { AssetData } from '../../../electron/node/storage';
import { editionOfFile } from '../../../electron/node/storage/edition-file';
import { encodeBanmian } from '../../../electron/node/storage/encode';
import { movePage } from '../../../shared/edition/page-moves';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import { fileEntries, rawZip } from './hostile';
import { tempDir } from './sample';
import type { Json } from './json-paths';
import { paths, setAt } from './json-paths';

const RUNS = Number(process.env['BANMIAN_EDITION_FUZZ_RUNS'] ?? 300);
const EDITION = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'reference-edition.banmian');

let tmp: ReturnType<typeof tempDir>;
let manifest: Record<string, unknown>;
let pages: unknown[];
let assets: AssetData[];

beforeAll(async () => {
  tmp = tempDir('banmian-fuzz-edition-');
  const loaded = await readBanmianFile(EDITION);
  if (!loaded.ok) throw new Error(loaded.error.message);
  pages = loaded.value.pages;
  assets = loaded.value.assets;
  manifest = { format: 'banmian', version: 2, generator: 'banmian', edition: loaded.value.edition, pages: pages.map((_, i) => `pages/${i + 1}.json`), assets: assets.map((a) => a.entry) };
});
afterAll(() => tmp.remove());



/** Paths whose last key is one of the edition's own fields. */
const EDITION_KEYS = new Set(['edition', 'paperName', 'date', 'label', 'section', 'editor', 'colour', 'status', 'continues', 'story', 'page', 'variant', 'pagesToday', 'pageNumber', 'editionName', 'id']);

const nasty: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', 'lead', 'p3-a', 'marathon', 'guide', 'p2-a', 'p5-a', 'review', 'mono', 'signed', '2022-02-30', '9'.repeat(300), null, -1, 1e308, '\u0000', {}, []),
);

describe('readBanmianFile fuzzed on the reference edition', () => {
  it(`refuses or loads ${RUNS} mutated editions as valid, listable, movable editions`, async () => {
    const file = join(tmp.dir, 'edition.banmian');
    const tally = { refused: 0, loaded: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record({ target: fc.nat({ max: pages.length }), path: fc.nat(), value: nasty, editionOnly: fc.boolean(), times: fc.integer({ min: 1, max: 3 }) }),
        async ({ target, path, value, editionOnly, times }) => {
          let m: Json = manifest;
          const list = [...pages];
          for (let t = 0; t < times; t++) {
            const subject = target === pages.length ? m : list[target];
            let all = paths(subject);
            if (editionOnly) all = all.filter((p) => EDITION_KEYS.has(String(p[p.length - 1])));
            if (all.length === 0) continue;
            const changed = setAt(subject, all[(path * (t + 1)) % all.length]!, value);
            if (target === pages.length) m = changed;
            else list[target] = changed;
          }
          writeFileSync(file, rawZip(fileEntries(m, list, assets)));
          const result = await readBanmianFile(file);
          if (!result.ok) {
            tally.refused++;
            expect(result.error.message).not.toMatch(/[\r\n]/);
            return;
          }
          tally.loaded++;
          const edition = editionOfFile(result.value);
          if (!edition.ok) throw new Error(`loaded but not an edition: ${edition.error.message}`);
          expect(listPages(edition.value)).toHaveLength(edition.value.childCount);
          preflightEditionReferences(edition.value);
          if (edition.value.childCount > 1) movePage(edition.value, 1, edition.value.childCount);
          expect((await encodeBanmian({ pages: result.value.pages, edition: result.value.edition, assets: result.value.assets })).ok).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
    console.log(`edition fuzz: ${RUNS} files, refused ${tally.refused}, loaded ${tally.loaded}`);
    expect(tally.refused + tally.loaded).toBe(RUNS);
    expect(readFileSync(EDITION).length).toBeGreaterThan(0);
  }, 600_000);
});
