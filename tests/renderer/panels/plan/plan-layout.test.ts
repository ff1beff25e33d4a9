/** The page plan's arithmetic: reading spreads, and where a dropped page lands (movePage's `to`). */
import { describe, expect, it } from 'vitest';
import { movePage } from '../../../../shared/edition/page-moves';
import { dropTarget, readingSpreads, sideOf, thumbnailBatches } from '../../../../renderer/panels/plan/plan-layout';
import { edition, page, sections } from '../../../shared/edition/build';

describe('reading spreads', () => {
  it('puts the front page alone, then facing pages, the back page alone when the count is even', () => {
    expect(readingSpreads(0)).toEqual([]);
    expect(readingSpreads(1)).toEqual([[1]]);
    expect(readingSpreads(8)).toEqual([[1], [2, 3], [4, 5], [6, 7], [8]]);
    expect(readingSpreads(5)).toEqual([[1], [2, 3], [4, 5]]);
  });
});

describe('thumbnail batches', () => {
  it('asks for the front page alone first, then growing batches in plan order, every page once', () => {
    expect(thumbnailBatches(0)).toEqual([]);
    expect(thumbnailBatches(1)).toEqual([[0, 1]]);
    expect(thumbnailBatches(8)).toEqual([
      [0, 1],
      [1, 3],
      [3, 6],
      [6, 8],
    ]);
    const pages = thumbnailBatches(24).flatMap(([a, b]) => Array.from({ length: b - a }, (_, i) => a + i));
    expect(pages).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(Math.max(...thumbnailBatches(24).map(([a, b]) => b - a))).toBe(4);
  });
});

describe('dropping a page beside another', () => {
  it('gives the position movePage takes, or null when nothing moves', () => {
    expect(dropTarget(2, 5, 'before')).toBe(4);
    expect(dropTarget(2, 5, 'after')).toBe(5);
    expect(dropTarget(6, 3, 'before')).toBe(3);
    expect(dropTarget(6, 3, 'after')).toBe(4);
    expect(dropTarget(3, 3, 'before')).toBeNull();
    expect(dropTarget(3, 4, 'before')).toBeNull();
    expect(dropTarget(3, 2, 'after')).toBeNull();
    expect(dropTarget(1, 8, 'after')).toBe(8);
    expect(dropTarget(8, 1, 'before')).toBe(1);
  });

  it('puts the page exactly where it was dropped, for every drop on an edition of five', () => {
    const names = ['A', 'B', 'C', 'D', 'E'];
    const ed = edition(names.map((n) => page(n, [])));
    for (let from = 1; from <= 5; from++) {
      for (let over = 1; over <= 5; over++) {
        if (over === from) continue;
        for (const side of ['before', 'after'] as const) {
          // What the person sees: the page taken out and put at that side of `over`.
          const rest = names.filter((_, i) => i !== from - 1);
          const at = rest.indexOf(names[over - 1]!) + (side === 'after' ? 1 : 0);
          const want = [...rest.slice(0, at), names[from - 1]!, ...rest.slice(at)];
          const to = dropTarget(from, over, side);
          const got = to === null ? names : sections(movePage(ed, from, to).doc);
          expect(got, `${from} ${side} ${over}`).toEqual(want);
        }
      }
    }
  });

  it('takes the side from the pointer against the middle of the page', () => {
    expect(sideOf(10, 0, 100)).toBe('before');
    expect(sideOf(50, 0, 100)).toBe('after');
  });
});
