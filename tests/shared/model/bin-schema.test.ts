import { describe, expect, it } from 'vitest';
import { binFromJson, editionChildrenJson, splitEditionJson } from '../../../shared/edition/edition-children';
import { editionFromPages } from '../../../shared/edition/edition-from-pages';
import { pageCount } from '../../../shared/edition/page-scope';
import { findBin } from '../../../shared/model/bin';
import { checkPage } from '../../../shared/model/check-page';
import { pageFromJson } from '../../../shared/model/load-page';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { readBanmianFile } from '../../../electron/node/storage/index';

const settings = settingsFromPreset('duikai');

function storyJson(id: string, box: { col: number; line: number; cols: number; lines: number }) {
  return schema
    .node('story', { id, ...box }, [schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])])])
    .toJSON() as Record<string, unknown>;
}

const pageJson = (...content: unknown[]) => ({ type: 'page', attrs: { settings }, content });

describe('story bin in the schema: the edition\'s, after its pages', () => {
  it('builds an edition whose bin holds stories outside the grid, after its pages', () => {
    const children = [
      pageJson(storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 })),
      pageJson(storyJson('b', { col: 0, line: 0, cols: 2, lines: 10 })),
      { type: 'bin', content: [storyJson('x', { col: 50, line: 500, cols: 20, lines: 9 }), storyJson('y', { col: 0, line: 0, cols: 2, lines: 10 })] },
    ];
    const built = editionFromPages('t', children);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.warnings).toEqual([]);
    expect(pageCount(built.doc)).toBe(2);
    expect(built.doc.childCount).toBe(3);
    expect(findBin(built.doc)?.node.childCount).toBe(2);
    // Saved: the pages, then the bin; an empty bin is not stored.
    expect(splitEditionJson(editionChildrenJson(built.doc)).pages).toHaveLength(2);
    expect(editionChildrenJson(built.doc)).toHaveLength(3);
  });

  it('gives an edition without a stored bin an empty one, and stores none for it', () => {
    const built = editionFromPages('t', [pageJson(storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 }))]);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(findBin(built.doc)?.node.childCount).toBe(0);
    expect(editionChildrenJson(built.doc)).toHaveLength(1);
  });

  it('refuses a bin inside a page, a bin id used twice, and furniture in the bin', () => {
    const a = storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 });
    expect(pageFromJson(pageJson(a, { type: 'bin', content: [] })).ok).toBe(false);
    expect(binFromJson({ type: 'bin', content: [a, a] })).toMatchObject({ ok: false, message: expect.stringMatching(/twice/) });
    const rule = { type: 'rule', attrs: { id: 'r', col: 0, line: 0, cols: 1, lines: 1 } };
    expect(binFromJson({ type: 'bin', content: [rule] }).ok).toBe(false);
    expect(binFromJson({ type: 'bin', content: [a] }).ok).toBe(true);
    expect(binFromJson({ type: 'bin' }).ok).toBe(true);
  });

  it('still loads pages without a bin: the seed fixture round-trips unchanged', async () => {
    const file = await readBanmianFile('fixtures/seed-front-page.banmian');
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    for (const json of splitEditionJson(file.value.pages).pages) {
      const loaded = pageFromJson(json);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) continue;
      expect(loaded.doc.toJSON()).toEqual(json);
      expect(checkPage(loaded.doc).filter((f) => f.level === 'error')).toEqual([]);
    }
  });
});
