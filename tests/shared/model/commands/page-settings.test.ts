import { describe, expect, it } from 'vitest';
import { blocksOutsideGrid, checkPageSettings, setPageSettings } from '../../../../shared/model/commands/page-settings';
import { checkPage } from '../../../../shared/model/check-page';
import { schema } from '../../../../shared/model/schema';
import { settingsFromPreset } from '../../../../shared/page/settings';
import type { PageSettings } from '../../../../shared/page/settings';
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
  const doc = page(
    story('a', { col: 0, line: 0, cols: 2, lines: 30 }),
    story('b', { col: 6, line: 100, cols: 2, lines: 20 }),
    schema.node('bin', null, [story('x', { col: 7, line: 119, cols: 8, lines: 120 })]),
  );

  it('lists the placed blocks the new grid leaves outside, not the bin', () => {
    expect(blocksOutsideGrid(doc, sikai.grid)).toEqual([
      { id: 'b', kind: 'story', from: { col: 6, line: 100, cols: 2, lines: 20 }, to: { col: 4, line: 66, cols: 2, lines: 20 } },
    ]);
  });

  it('switches to 四开 in one undoable transaction, moving blocks into the grid', () => {
    const r = run(stateOf(doc), setPageSettings(sikai));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect((r.state.doc.attrs['settings'] as PageSettings).grid.columns).toBe(6);
    expect(boxes(r.state.doc)['b']).toEqual({ col: 4, line: 66, cols: 2, lines: 20 });
    expect(boxes(r.state.doc)['a']).toEqual({ col: 0, line: 0, cols: 2, lines: 30 });
    expect(checkPage(r.state.doc).filter((f) => f.level === 'error')).toEqual([]);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('is false when nothing changes and throws for settings that do not pass', () => {
    expect(run(stateOf(doc), setPageSettings(settingsFromPreset('duikai'))).ok).toBe(false);
    expect(() => setPageSettings({ ...sikai, grid: { ...sikai.grid, lines: 0 } })).toThrow(RangeError);
  });
});
