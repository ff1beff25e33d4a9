import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { pageFromJson } from '../../../shared/model/load-page';
import { settingsFromPreset } from '../../../shared/page/settings';

describe('schema', () => {
  it('builds a page with a story and checks it', () => {
    const doc = schema.node('page', { settings: settingsFromPreset('duikai') }, [
      schema.node('story', { id: 's1', col: 0, line: 0, cols: 2, lines: 20 }, [
        schema.node('headgroup', null, [schema.node('headline', null, [schema.text('标题')])]),
        schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])]),
      ]),
    ]);
    const loaded = pageFromJson(doc.toJSON());
    expect(loaded.ok).toBe(true);
    if (loaded.ok) expect(loaded.doc.eq(doc)).toBe(true);
  });

  it('refuses a block outside the grid', () => {
    const doc = schema.node('page', { settings: settingsFromPreset('duikai') }, [
      schema.node('rule', { id: 'r1', col: 7, line: 0, cols: 2, lines: 1 }),
    ]);
    const loaded = pageFromJson(doc.toJSON());
    expect(loaded.ok).toBe(false);
    expect(loaded.findings[0]?.message).toMatch(/outside the 8×120 grid/);
  });
});
