import { describe, expect, it } from 'vitest';
import { scopeOf } from '../../../../shared/edition/page-scope';
import { blocksOutsideGrid, checkPageSettings, setPageSettings, setPunctuationStyle } from '../../../../shared/model/commands/page-settings';
import { checkPage } from '../../../../shared/model/check-page';
import { schema } from '../../../../shared/model/schema';
import { punctuationStyle, settingsFromPreset } from '../../../../shared/page/settings';
import type { PageSettings, PunctuationStyle } from '../../../../shared/page/settings';
import { settingsSchema } from '../../../../shared/model/page-json';
import { boxes, page, run, stateOf, story, undone } from './page-builder';

const sikai = settingsFromPreset('sikai');

describe('checkPageSettings', () => {
  it('accepts both presets', () => {
    expect(checkPageSettings(settingsFromPreset('duikai')).ok).toBe(true);
    expect(checkPageSettings(sikai).ok).toBe(true);
  });

  it('refuses out-of-range values with where they are', () => {
    const bad = { ...sikai, grid: { ...sikai.grid, columns: 0 } };
    const r = checkPageSettings(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^grid\.columns: /);
    expect(checkPageSettings({ ...sikai, extra: 1 }).ok).toBe(false);
  });

  it('refuses a type area wider than the paper', () => {
    const r = checkPageSettings({ ...sikai, grid: { ...sikai.grid, columns: 12 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/wider than the paper/);
  });
});

describe('setPageSettings', () => {
  // An edition of one page; its bin holds a story no grid holds.
  const doc = schema.node('edition', null, [
    page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }), story('b', { col: 6, line: 100, cols: 2, lines: 20 })),
    schema.node('bin', null, [story('x', { col: 7, line: 119, cols: 8, lines: 120 })]),
  ]);

  it('lists the placed blocks the new grid leaves outside, not the bin', () => {
    expect(blocksOutsideGrid(scopeOf(doc, 0), sikai.grid)).toEqual([
      { id: 'b', kind: 'story', from: { col: 6, line: 100, cols: 2, lines: 20 }, to: { col: 4, line: 66, cols: 2, lines: 20 } },
    ]);
  });

  it('switches to 四开 in one undoable transaction, moving blocks into the grid', () => {
    const r = run(stateOf(doc), setPageSettings(sikai));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect((r.state.doc.child(0).attrs['settings'] as PageSettings).grid.columns).toBe(6);
    expect(boxes(r.state.doc.child(0))['b']).toEqual({ col: 4, line: 66, cols: 2, lines: 20 });
    expect(boxes(r.state.doc.child(0))['a']).toEqual({ col: 0, line: 0, cols: 2, lines: 30 });
    expect(checkPage(r.state.doc.child(0)).filter((f) => f.level === 'error')).toEqual([]);
    // The bin's item is not on the page: it keeps its box.
    expect(r.state.doc.lastChild!.child(0).attrs['col']).toBe(7);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('is false when nothing changes and throws for settings that do not pass', () => {
    expect(run(stateOf(doc), setPageSettings(settingsFromPreset('duikai'))).ok).toBe(false);
    expect(() => setPageSettings({ ...sikai, grid: { ...sikai.grid, lines: 0 } })).toThrow(RangeError);
  });
});

describe('punctuation style', () => {
  const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }));
  const punctuationOf = (d: typeof doc) => punctuationStyle(d.attrs['settings'] as PageSettings);

  it('is 全角式 when absent: on a new page and on stored settings from before the field', () => {
    expect(punctuationOf(doc)).toBe('quanjiao');
    const { punctuation: _dropped, ...old } = settingsFromPreset('duikai');
    const parsed = settingsSchema.parse(old);
    expect(parsed.punctuation).toBeUndefined();
    expect(punctuationStyle(parsed as PageSettings)).toBe('quanjiao');
    expect(settingsSchema.safeParse({ ...old, punctuation: 'banjiao' }).success).toBe(false);
  });

  it('switches to 开明式 in one undoable transaction touching only the setting', () => {
    const r = run(stateOf(doc), setPunctuationStyle('kaiming'));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(punctuationOf(r.state.doc)).toBe('kaiming');
    const { punctuation: _a, ...after } = r.state.doc.attrs['settings'] as PageSettings;
    const { punctuation: _b, ...before } = doc.attrs['settings'] as PageSettings;
    expect(after).toEqual(before);
    expect(r.state.doc.content.eq(doc.content)).toBe(true);
    expect(checkPage(r.state.doc).filter((f) => f.level === 'error')).toEqual([]);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
    expect(run(r.state, setPunctuationStyle('quanjiao')).state.doc.attrs['settings']).toEqual(doc.attrs['settings']);
  });

  it('is false when the page already has the style and throws for an unknown one', () => {
    expect(run(stateOf(doc), setPunctuationStyle('quanjiao')).ok).toBe(false);
    expect(() => setPunctuationStyle('banjiao' as PunctuationStyle)).toThrow(RangeError);
  });

  it('goes through setPageSettings with the rest of the page setup', () => {
    const kaiming = { ...settingsFromPreset('duikai'), punctuation: 'kaiming' as const };
    const r = run(stateOf(doc), setPageSettings(kaiming));
    expect(r.ok).toBe(true);
    expect(punctuationOf(r.state.doc)).toBe('kaiming');
  });
});
