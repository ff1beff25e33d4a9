import { describe, expect, it } from 'vitest';
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

describe('story bin in the schema', () => {
  it('loads a page whose bin holds stories outside the grid without grid findings', () => {
    const json = {
      type: 'page',
      attrs: { settings },
      content: [storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 }), { type: 'bin', content: [storyJson('x', { col: 50, line: 500, cols: 20, lines: 9 }), storyJson('y', { col: 0, line: 0, cols: 2, lines: 10 })] }],
    };
    const loaded = pageFromJson(json);
    expect(loaded.ok).toBe(true);
    // y sits on the same cells as a, but is not placed: no overlap warning either.
    if (loaded.ok) expect(loaded.findings).toEqual([]);
  });

  it('keeps ids unique across the page and the bin', () => {
    const json = {
      type: 'page',
      attrs: { settings },
      content: [storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 }), { type: 'bin', content: [storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 })] }],
    };
    const loaded = pageFromJson(json);
    expect(loaded.ok).toBe(false);
    expect(loaded.findings[0]?.message).toBe('duplicate block id "a"');
  });

  it('refuses a bin that is not last, a second bin, and furniture in the bin', () => {
    const bin = { type: 'bin', content: [] };
    const a = storyJson('a', { col: 0, line: 0, cols: 2, lines: 10 });
    expect(pageFromJson({ type: 'page', attrs: { settings }, content: [bin, a] }).ok).toBe(false);
    expect(pageFromJson({ type: 'page', attrs: { settings }, content: [a, bin, bin] }).ok).toBe(false);
    const rule = { type: 'rule', attrs: { id: 'r', col: 0, line: 0, cols: 1, lines: 1 } };
    expect(pageFromJson({ type: 'page', attrs: { settings }, content: [{ type: 'bin', content: [rule] }] }).ok).toBe(false);
    expect(pageFromJson({ type: 'page', attrs: { settings }, content: [a, bin] }).ok).toBe(true);
  });

  it('still loads pages without a bin: the seed fixture round-trips unchanged', async () => {
    const file = await readBanmianFile('fixtures/seed-front-page.banmian');
    expect(file.ok).toBe(true);
    if (!file.ok) return;
    for (const json of file.value.pages) {
      const loaded = pageFromJson(json);
      expect(loaded.ok).toBe(true);
      if (!loaded.ok) continue;
      expect(loaded.doc.lastChild?.type.name).not.toBe('bin');
      expect(loaded.doc.toJSON()).toEqual(json);
      expect(checkPage(loaded.doc).filter((f) => f.level === 'error')).toEqual([]);
    }
  });
});
