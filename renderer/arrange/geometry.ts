/**
 * Pure geometry of arranging: what a drag of a handle does to a grid box,
 * which block a point hits, and the alignment guides a ghost lines up with.
 * Page px are CSS px at 100 % from the paper's top-left; page px ↔ grid
 * units is ../page/page-frame.ts.
 */
import type { GridBox, GridMetrics, Rect } from '../../shared/page/geometry';
import { boxesOverlap } from '../../shared/page/geometry';
import type { GridSettings } from '../../shared/page/settings';
import type { HitBlock } from '../page/page-frame';
import { snapDelta } from '../page/page-frame';

export const HANDLES = ['move', 'n', 's', 'e', 'w', 'ne', 'nw', 'se', 'sw'] as const;
export type Handle = (typeof HANDLES)[number];

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/**
 * The boxes after dragging `handle` by (dx, dy) page px. `move` shifts every
 * box by the same whole columns and lines, stopping the group at the grid's
 * edges; an edge or corner handle moves that edge of the single box to the
 * nearest grid edge, keeping at least one column and one line.
 */
export function dragBoxes(options: {
  handle: Handle;
  boxes: readonly GridBox[];
  dx: number;
  dy: number;
  metrics: GridMetrics;
  grid: GridSettings;
}): GridBox[] {
  const { handle, boxes, metrics, grid } = options;
  const { dCol, dLine } = snapDelta(metrics, options.dx, options.dy);
  if (boxes.length === 0) return [];
  if (handle === 'move') {
    const minCol = Math.min(...boxes.map((b) => b.col));
    const minLine = Math.min(...boxes.map((b) => b.line));
    const maxCol = Math.max(...boxes.map((b) => b.col + b.cols));
    const maxLine = Math.max(...boxes.map((b) => b.line + b.lines));
    const dc = clamp(dCol, Math.min(0, -minCol), Math.max(0, grid.columns - maxCol));
    const dl = clamp(dLine, Math.min(0, -minLine), Math.max(0, grid.lines - maxLine));
    return boxes.map((b) => ({ ...b, col: b.col + dc, line: b.line + dl }));
  }
  const b = boxes[0]!;
  let left = b.col;
  let right = b.col + b.cols;
  let top = b.line;
  let bottom = b.line + b.lines;
  if (handle.includes('w')) left = clamp(left + dCol, 0, right - 1);
  if (handle.includes('e')) right = clamp(right + dCol, left + 1, grid.columns);
  if (handle.includes('n')) top = clamp(top + dLine, 0, bottom - 1);
  if (handle.includes('s')) bottom = clamp(bottom + dLine, top + 1, grid.lines);
  return [{ col: left, line: top, cols: right - left, lines: bottom - top }, ...boxes.slice(1)];
}

function inside(r: Rect, x: number, y: number, pad: number): boolean {
  return x >= r.x - pad && x <= r.x + r.width + pad && y >= r.y - pad && y <= r.y + r.height + pad;
}

/** The topmost block (last in the list, which is document order) containing the point. */
export function blockAt(blocks: readonly HitBlock[], x: number, y: number): HitBlock | null {
  for (let i = blocks.length - 1; i >= 0; i--) if (inside(blocks[i]!.rect, x, y, 0)) return blocks[i]!;
  return null;
}

/**
 * The topmost block whose frame edge is within `tolerance` page px of the
 * point (inside or just outside the frame), or null.
 */
export function blockEdgeAt(blocks: readonly HitBlock[], x: number, y: number, tolerance: number): HitBlock | null {
  for (let i = blocks.length - 1; i >= 0; i--) {
    const r = blocks[i]!.rect;
    if (!inside(r, x, y, tolerance)) continue;
    const nearX = Math.abs(x - r.x) <= tolerance || Math.abs(x - (r.x + r.width)) <= tolerance;
    const nearY = Math.abs(y - r.y) <= tolerance || Math.abs(y - (r.y + r.height)) <= tolerance;
    if (nearX || nearY) return blocks[i]!;
  }
  return null;
}

export interface Guides {
  /** x positions (page px) of vertical guides. */
  x: number[];
  /** y positions (page px) of horizontal guides. */
  y: number[];
}

const EPS = 0.5;

function edges(r: Rect, axis: 'x' | 'y'): number[] {
  return axis === 'x' ? [r.x, r.x + r.width] : [r.y, r.y + r.height];
}

function middle(r: Rect, axis: 'x' | 'y'): number {
  return axis === 'x' ? r.x + r.width / 2 : r.y + r.height / 2;
}

/**
 * Alignment guides for a ghost, as layout tools draw them: where an edge of
 * the ghost lies on an edge of another block or of the type area, or its
 * centre on their centre.
 */
export function alignmentGuides(ghost: Rect, others: readonly Rect[], area: Rect): Guides {
  const out: Guides = { x: [], y: [] };
  for (const axis of ['x', 'y'] as const) {
    const found = new Set<number>();
    const add = (v: number) => found.add(Math.round(v * 64) / 64);
    const mine = edges(ghost, axis);
    const centre = middle(ghost, axis);
    for (const r of [area, ...others]) {
      for (const s of edges(r, axis)) for (const m of mine) if (Math.abs(m - s) < EPS) add(m);
      if (Math.abs(centre - middle(r, axis)) < EPS) add(centre);
    }
    out[axis] = [...found].sort((a, b) => a - b);
  }
  return out;
}

/**
 * Ids of blocks that share a grid cell with another block, or, given `clash`,
 * that clash with another block by that test (e.g. exempting text wraps).
 */
export function overlappingIds<T extends { id: string; box: GridBox }>(
  blocks: readonly T[],
  clash: (a: T, b: T) => boolean = (a, b) => boxesOverlap(a.box, b.box),
): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < blocks.length; i++) {
    for (let j = i + 1; j < blocks.length; j++) {
      // The box test first: it is cheap and rules out almost every pair.
      if (boxesOverlap(blocks[i]!.box, blocks[j]!.box) && clash(blocks[i]!, blocks[j]!)) {
        out.add(blocks[i]!.id);
        out.add(blocks[j]!.id);
      }
    }
  }
  return out;
}
