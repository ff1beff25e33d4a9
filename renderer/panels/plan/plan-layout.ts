/**
 * The page plan's arithmetic, free of the DOM: pages in reading spreads
 * (the front page alone, then 2–3, 4–5, …, the back page alone when the
 * count is even), and where a page dropped beside another ends up.
 */

/** Folios (1-based) in reading spreads: `[[1], [2, 3], [4, 5], …]`. */
export function readingSpreads(pageCount: number): number[][] {
  const spreads: number[][] = [];
  if (pageCount < 1) return spreads;
  spreads.push([1]);
  for (let left = 2; left <= pageCount; left += 2) spreads.push(left + 1 <= pageCount ? [left, left + 1] : [left]);
  return spreads;
}

/** Which side of a page a dragged page is dropped on. */
export type DropSide = 'before' | 'after';

/**
 * The position page `from` moves to when dropped on the `side` of page
 * `over` (folios before the move), as `movePage(edition, from, to)` takes
 * it; null when it would not move.
 */
export function dropTarget(from: number, over: number, side: DropSide): number | null {
  // Its place among the pages as they are, then one less when it leaves a place before.
  const slot = side === 'before' ? over : over + 1;
  const to = from < slot ? slot - 1 : slot;
  return to === from ? null : to;
}

/** The side of a page box a point at `x` (same coordinates as `left`, `width`) lies on. */
export function sideOf(x: number, left: number, width: number): DropSide {
  return x < left + width / 2 ? 'before' : 'after';
}

/**
 * The batches thumbnails are asked for in, as `[start, end)` page indexes in
 * the plan's reading order: the front page alone (shown first, soonest),
 * then batches growing to `most` pages, so the plan fills in as it reads
 * while each request still lays out several pages in one go.
 */
export function thumbnailBatches(pageCount: number, most = 4): [number, number][] {
  const batches: [number, number][] = [];
  let size = 1;
  for (let start = 0; start < pageCount; start += size, size = Math.min(most, size + 1)) batches.push([start, Math.min(pageCount, start + size)]);
  return batches;
}
