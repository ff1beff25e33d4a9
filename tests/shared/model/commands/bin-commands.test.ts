import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { NodeSelection } from 'prosemirror-state';
import { binItems, findBin } from '../../../../shared/model/bin';
import { checkPage } from '../../../../shared/model/check-page';
import { addToBin } from '../../../../shared/model/commands/bin-add';
import { placeFromBin } from '../../../../shared/model/commands/bin-place';
import { removeToBin } from '../../../../shared/model/commands/bin-remove';
import { bringToFront, sendToBack } from '../../../../shared/model/commands/z-order';
import { duplicateBlock } from '../../../../shared/model/commands/duplicate-block';
import { pageFromJson } from '../../../../shared/model/load-page';
import { schema } from '../../../../shared/model/schema';
import { boxes, page as pageOf, rule, run, stateOf, story, undone } from './page-builder';

const LONG = '杭州马拉松鸣枪开跑，三万余名跑者从黄龙体育中心出发，途经萧山，奔向终点。'.repeat(6);

function bin(...items: Node[]): Node {
  return schema.node('bin', null, items);
}

/** An edition of one page holding `blocks`, then the edition's bin when one is given last. */
function page(...blocks: Node[]): Node {
  const last = blocks.at(-1);
  const binNode = last?.type.name === 'bin' ? last : null;
  const placed = binNode ? blocks.slice(0, -1) : blocks;
  return schema.node('edition', null, binNode ? [pageOf(...placed), binNode] : [pageOf(...placed)]);
}

function binIds(doc: Node): string[] {
  return binItems(doc).map((i) => String(i.node.attrs['id']));
}

/** Ids placed on the first page. */
function placedIds(doc: Node): string[] {
  const ids: string[] = [];
  doc.child(0).forEach((n) => ids.push(String(n.attrs['id'])));
  return ids;
}

function textOf(doc: Node, id: string): string {
  let text = '';
  doc.descendants((n) => {
    if (n.attrs['id'] === id) {
      text = n.textContent;
      return false;
    }
    return true;
  });
  return text;
}

describe('addToBin', () => {
  it('creates the bin after the pages of an edition without one, in one undoable transaction', () => {
    const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }));
    const r = run(stateOf(doc), addToBin([story('x', { col: 0, line: 0, cols: 2, lines: 10 }, LONG), story('y', { col: 0, line: 0, cols: 2, lines: 10 })]));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(placedIds(r.state.doc)).toEqual(['a']);
    expect(binIds(r.state.doc)).toEqual(['x', 'y']);
    expect(findBin(r.state.doc)?.node).toBe(r.state.doc.lastChild);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('appends to an existing bin and gives colliding ids fresh ones', () => {
    const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }), bin(story('x', { col: 0, line: 0, cols: 1, lines: 1 })));
    const r = run(stateOf(doc), addToBin([story('a', { col: 0, line: 0, cols: 1, lines: 1 }, '新稿一'), story('x', { col: 0, line: 0, cols: 1, lines: 1 }, '新稿二')]));
    expect(binIds(r.state.doc)).toEqual(['x', 'a-2', 'x-2']);
    expect(textOf(r.state.doc, 'x-2')).toContain('新稿二');
    expect(checkPage(r.state.doc.child(0)).filter((f) => f.level === 'error')).toEqual([]);
  });

  it('refuses page furniture and an empty list', () => {
    const state = stateOf(page());
    expect(run(state, addToBin([])).ok).toBe(false);
    expect(run(state, addToBin([rule('r', { col: 0, line: 0, cols: 1, lines: 1 })])).ok).toBe(false);
  });
});

describe('gestures in quick succession', () => {
  it('keeps an import and the placement right after it as two undo steps', () => {
    const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }));
    // Both within the history's grouping delay: only closing the history keeps them apart.
    const imported = run(stateOf(doc), addToBin([story('x', { col: 0, line: 0, cols: 2, lines: 10 }, LONG)]));
    const placed = run(imported.state, placeFromBin('x', { col: 3, line: 40 }));
    expect(placedIds(placed.state.doc)).toEqual(['a', 'x']);
    const once = undone(placed.state);
    expect(placedIds(once.doc)).toEqual(['a']);
    expect(binIds(once.doc)).toEqual(['x']);
    expect(binIds(undone(once).doc)).toEqual([]);
  });
});

describe('placeFromBin', () => {
  const doc = page(
    story('a', { col: 0, line: 0, cols: 2, lines: 30 }),
    bin(story('x', { col: 0, line: 0, cols: 2, lines: 1 }, LONG), story('y', { col: 0, line: 0, cols: 2, lines: 1 })),
  );

  it('places the item at the cell with the estimated size, on top, selected, as one undo step', () => {
    const r = run(stateOf(doc), placeFromBin('x', { col: 3, line: 40 }));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(placedIds(r.state.doc)).toEqual(['a', 'x']);
    expect(binIds(r.state.doc)).toEqual(['y']);
    // 216 characters + indent at 13 per line = 17 lines, over 2 columns = 9, plus a 4-line headline.
    expect(boxes(r.state.doc.child(0))['x']).toEqual({ col: 3, line: 40, cols: 2, lines: 13 });
    expect(r.state.selection).toBeInstanceOf(NodeSelection);
    expect((r.state.selection as NodeSelection).node.attrs['id']).toBe('x');
    expect(textOf(r.state.doc, 'x')).toContain(LONG);
    const back = undone(r.state);
    expect(back.doc.eq(doc)).toBe(true);
  });

  it('takes a size the editor chose and keeps the box inside the grid', () => {
    const r = run(stateOf(doc), placeFromBin('y', { col: 7, line: 115, size: { cols: 3, lines: 20 } }));
    expect(boxes(r.state.doc.child(0))['y']).toEqual({ col: 5, line: 100, cols: 3, lines: 20 });
    expect(checkPage(r.state.doc.child(0)).filter((f) => f.level === 'error')).toEqual([]);
  });

  it('is false for an id that is not in the bin (a placed block, or none)', () => {
    expect(run(stateOf(doc), placeFromBin('a', { col: 0, line: 0 })).ok).toBe(false);
    expect(run(stateOf(doc), placeFromBin('nope', { col: 0, line: 0 })).ok).toBe(false);
    expect(() => placeFromBin('x', { col: NaN, line: 0 })).toThrow(RangeError);
  });
});

describe('removeToBin', () => {
  const doc = page(
    story('a', { col: 0, line: 0, cols: 2, lines: 30 }, LONG),
    rule('r', { col: 0, line: 30, cols: 8, lines: 1 }),
    story('b', { col: 2, line: 0, cols: 2, lines: 30 }),
  );

  it('moves a placed story to the bin with its text, as one undo step', () => {
    const r = run(stateOf(doc), removeToBin(['a']));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(placedIds(r.state.doc)).toEqual(['r', 'b']);
    expect(binIds(r.state.doc)).toEqual(['a']);
    expect(textOf(r.state.doc, 'a')).toBe(textOf(doc, 'a'));
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('round-trips: removed then placed again keeps every character', () => {
    const removed = run(stateOf(doc), removeToBin(['b', 'a'])).state;
    expect(binIds(removed.doc)).toEqual(['a', 'b']);
    const placed = run(removed, placeFromBin('a', { col: 0, line: 0 })).state;
    expect(textOf(placed.doc, 'a')).toBe(textOf(doc, 'a'));
    expect(pageFromJson(placed.doc.child(0).toJSON()).ok).toBe(true);
  });

  it('refuses page furniture and unknown ids', () => {
    expect(run(stateOf(doc), removeToBin(['r'])).ok).toBe(false);
    expect(run(stateOf(doc), removeToBin(['a', 'zz'])).ok).toBe(false);
    expect(run(stateOf(doc), removeToBin([])).ok).toBe(false);
  });
});

describe('other block commands with a bin', () => {
  const doc = page(
    story('a', { col: 0, line: 0, cols: 2, lines: 30 }),
    story('b', { col: 2, line: 0, cols: 2, lines: 30 }),
    bin(story('b-2', { col: 0, line: 0, cols: 1, lines: 1 })),
  );

  it('reorders placed blocks and keeps the bin last', () => {
    const front = run(stateOf(doc), bringToFront(['a'])).state.doc;
    expect(placedIds(front)).toEqual(['b', 'a']);
    expect(front.lastChild?.type.name).toBe('bin');
    const back = run(stateOf(doc), sendToBack(['b'])).state.doc;
    expect(placedIds(back)).toEqual(['b', 'a']);
  });

  it('gives a duplicate an id no binned item uses', () => {
    const r = run(stateOf(doc), duplicateBlock('b'));
    expect(placedIds(r.state.doc)).toEqual(['a', 'b', 'b-3']);
  });
});
