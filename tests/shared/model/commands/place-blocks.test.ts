import { describe, expect, it } from 'vitest';
import { NodeSelection } from 'prosemirror-state';
import { moveBlocks, resizeBlock, setBlockBoxes } from '../../../../shared/model/commands/place-blocks';
import { clampBox } from '../../../../shared/model/commands/blocks';
import { settingsFromPreset } from '../../../../shared/page/settings';
import { boxes, page, rule, run, selectBlock, stateOf, story, undone } from './page-builder';

const grid = settingsFromPreset('duikai').grid;

describe('clampBox', () => {
  it('leaves a box inside the grid alone', () => {
    expect(clampBox(grid, { col: 2, line: 10, cols: 3, lines: 40 })).toEqual({ col: 2, line: 10, cols: 3, lines: 40 });
  });

  it('moves a box back inside and limits its span to the grid', () => {
    expect(clampBox(grid, { col: 7, line: 110, cols: 3, lines: 20 })).toEqual({ col: 5, line: 100, cols: 3, lines: 20 });
    expect(clampBox(grid, { col: -2, line: -5, cols: 12, lines: 0 })).toEqual({ col: 0, line: 0, cols: 8, lines: 1 });
  });

  it('rounds to whole units and refuses non-finite values', () => {
    expect(clampBox(grid, { col: 1.4, line: 2.6, cols: 2.5, lines: 3 })).toEqual({ col: 1, line: 3, cols: 3, lines: 3 });
    expect(() => clampBox(grid, { col: NaN, line: 0, cols: 1, lines: 1 })).toThrow(RangeError);
  });
});

describe('moveBlocks', () => {
  const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }), story('b', { col: 4, line: 50, cols: 3, lines: 20 }));

  it('moves one block by columns and lines in one undoable transaction', () => {
    const r = run(stateOf(doc), moveBlocks(['b'], -2, 7));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(boxes(r.state.doc)['b']).toEqual({ col: 2, line: 57, cols: 3, lines: 20 });
    expect(boxes(r.state.doc)['a']).toEqual({ col: 0, line: 0, cols: 2, lines: 30 });
    expect(boxes(undone(r.state).doc)).toEqual(boxes(doc));
  });

  it('moves a group together and stops the whole group at the grid edge', () => {
    const r = run(stateOf(doc), moveBlocks(['a', 'b'], 5, -3));
    // b's right edge (7) can go one column to 8; a's top is already line 0.
    expect(boxes(r.state.doc)).toEqual({
      a: { col: 1, line: 0, cols: 2, lines: 30 },
      b: { col: 5, line: 50, cols: 3, lines: 20 },
    });
  });

  it('returns false when the move is stopped entirely, an id is unknown or the list is empty', () => {
    expect(moveBlocks(['a'], -1, -1)(stateOf(doc))).toBe(false);
    expect(moveBlocks(['nope'], 1, 0)(stateOf(doc))).toBe(false);
    expect(moveBlocks([], 1, 0)(stateOf(doc))).toBe(false);
    expect(moveBlocks(['a'], 0, 0)(stateOf(doc))).toBe(false);
  });

  it('keeps a node selection on the moved block', () => {
    const r = run(selectBlock(stateOf(doc), 'b'), moveBlocks(['b'], 1, 1));
    const sel = r.state.selection;
    expect(sel instanceof NodeSelection && sel.node.attrs['id']).toBe('b');
  });

  it('refuses fractional deltas as a programmer error', () => {
    expect(() => moveBlocks(['a'], 0.5, 0)).toThrow(RangeError);
  });
});

describe('resizeBlock and setBlockBoxes', () => {
  const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }), rule('r', { col: 0, line: 30, cols: 8, lines: 1 }));

  it('resizes a block, clamped into the grid', () => {
    const r = run(stateOf(doc), resizeBlock('a', { col: 6, line: 0, cols: 4, lines: 200 }));
    expect(boxes(r.state.doc)['a']).toEqual({ col: 4, line: 0, cols: 4, lines: 120 });
  });

  it('returns false when the box does not change', () => {
    expect(resizeBlock('a', { col: 0, line: 0, cols: 2, lines: 30 })(stateOf(doc))).toBe(false);
  });

  it('sets several boxes in one step, undone in one step', () => {
    const r = run(
      stateOf(doc),
      setBlockBoxes({ a: { col: 1, line: 2, cols: 3, lines: 20 }, r: { col: 0, line: 22, cols: 8, lines: 1 } }),
    );
    expect(r.trs).toHaveLength(1);
    expect(boxes(r.state.doc)).toEqual({ a: { col: 1, line: 2, cols: 3, lines: 20 }, r: { col: 0, line: 22, cols: 8, lines: 1 } });
    expect(boxes(undone(r.state).doc)).toEqual(boxes(doc));
  });

  it('applies nothing when one id is unknown', () => {
    expect(setBlockBoxes({ a: { col: 1, line: 2, cols: 3, lines: 20 }, zz: { col: 0, line: 0, cols: 1, lines: 1 } })(stateOf(doc))).toBe(false);
  });

  it('changes only grid attributes, leaving the text alone', () => {
    const r = run(stateOf(doc), resizeBlock('a', { col: 0, line: 0, cols: 3, lines: 31 }));
    expect(r.state.doc.child(0).content.eq(doc.child(0).content)).toBe(true);
  });
});
