/**
 * The box model of a story (and a teaser) inside its grid box: the box
 * (边框) and tint (底纹) it may have, the head at the top or, set vertically
 * (竖排), in a strip at one side, and the text area the body fills.
 *
 * Grid-true by construction: a box takes whole body characters off each side
 * (its inset) and whole grid lines off the top and bottom, so body lines stay
 * on the page's line grid and every text column is a whole number of
 * characters wide ({@link textColumnsOf} with the inset). The border is drawn
 * inside the block, in the inset.
 *
 * The renderer (story-view.ts), the story shapes (story-shape.ts) and the
 * copyfit (story-fit.ts) all read these functions, so screen, print and the
 * estimate agree.
 */
import type { Node } from 'prosemirror-model';
import type { GridMetrics, TextColumns } from '../page/geometry';
import { gridBoxRect, textColumnsOf } from '../page/geometry';
import type { GridSettings } from '../page/settings';

/** Border styles a box may have; `none` is an open story. */
export const FRAME_STYLES = ['none', 'single', 'double', 'thick-thin', 'thin-thick', 'dashed', 'dots', 'wave'] as const;
export type FrameStyle = (typeof FRAME_STYLES)[number];

/** Largest inset, in body characters. */
export const MAX_INSET_CHARS = 4;

function attrNum(node: Node, name: string, fallback: number): number {
  const v = node.attrs[name] as unknown;
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

/** The frame style of a block; unknown values read as `single` (older files wrote `box`/`solid`), missing as `none`. */
export function frameStyleOf(node: Node): FrameStyle {
  const v = node.attrs['frame'] as unknown;
  if (typeof v !== 'string' || v === '' || v === 'none') return 'none';
  return (FRAME_STYLES as readonly string[]).includes(v) ? (v as FrameStyle) : 'single';
}

/** Background tint in whole percent (0 = none, at most 100). */
export function tintOf(node: Node): number {
  return Math.min(100, Math.max(0, Math.round(attrNum(node, 'tint', 0))));
}

/** Whether the block is boxed: it has a border or a tint, and so an inset. */
export function isBoxed(node: Node): boolean {
  return frameStyleOf(node) !== 'none' || tintOf(node) > 0;
}

/** The inset of a boxed block: whole characters across, whole grid lines down. */
export interface BoxInset {
  chars: number;
  lines: number;
}

/**
 * The inset of a block on `grid`: its `frameInset` in whole characters
 * (0–{@link MAX_INSET_CHARS}), and down the fewest whole lines at least as
 * deep (at least one line when there is any inset). None when not boxed.
 */
export function boxInset(grid: Pick<GridSettings, 'bodyPt' | 'linePitchPt'>, node: Node): BoxInset {
  if (!isBoxed(node)) return { chars: 0, lines: 0 };
  const chars = Math.min(MAX_INSET_CHARS, Math.max(0, Math.round(attrNum(node, 'frameInset', 1))));
  if (chars === 0) return { chars: 0, lines: 0 };
  const lines = Math.max(1, Math.ceil((chars * grid.bodyPt) / grid.linePitchPt - 1e-9));
  return { chars, lines };
}

/** Where a story's head stands. */
export interface HeadPlacement {
  /** 竖排: the head is a strip `cols` grid columns wide at `side`, the full text height. */
  vertical: boolean;
  side: 'left' | 'right';
  /** Grid columns the head spans (from the left, or from `side` when vertical). */
  cols: number;
  /** Grid lines at the top of the text area taken across `cols` (horizontal head and byline; for a vertical head, the byline only, over the body's columns). */
  lines: number;
}

/** The head placement of a story `cols` grid columns wide. */
export function headPlacement(story: Node, cols: number): HeadPlacement {
  let headLines = 0;
  let bylineLines = 0;
  let headCols = cols;
  let vertical = false;
  let side: 'left' | 'right' = 'right';
  story.forEach((child) => {
    if (child.type.name === 'headgroup') {
      child.forEach((line) => (headLines += attrNum(line, 'lines', 0)));
      const c = child.attrs['cols'] as unknown;
      if (typeof c === 'number' && c > 0) headCols = Math.min(cols, Math.round(c));
      vertical = child.attrs['vertical'] === true;
      side = child.attrs['side'] === 'left' ? 'left' : 'right';
    } else if (child.type.name === 'byline') {
      bylineLines += attrNum(child, 'lines', 1);
    }
  });
  if (vertical) {
    // A strip over every column would leave the body nowhere: "all" means one column.
    return { vertical: true, side, cols: headCols >= cols ? 1 : headCols, lines: bylineLines };
  }
  return { vertical: false, side, cols: headCols, lines: headLines + bylineLines };
}

/** The text area of a story in px relative to its block's top-left corner, and its text columns. */
export interface StoryArea {
  inset: BoxInset;
  head: HeadPlacement;
  /** Text columns of the body over the inset width (whole characters each). */
  columns: TextColumns;
  /** px from the block's left edge to the first text column. */
  leftPx: number;
  /** Width of one text column and the gap between two, px. */
  columnWidthPx: number;
  gapPx: number;
  /** Lines the body has in each text column under a horizontal head (the multicol height). */
  bodyLines: number;
  /** A vertical head's strip, px relative to the block (null when the head is horizontal). */
  verticalHead: { x: number; width: number } | null;
  /** Text columns the body can use: all of them, less those a vertical head covers. */
  bodyColumns: number;
}

/** The text area of a story on a page with these metrics and grid. */
export function storyArea(metrics: GridMetrics, grid: GridSettings, story: Node): StoryArea {
  const cols = Math.max(1, Math.round(attrNum(story, 'cols', 1)));
  const lines = Math.max(0, Math.round(attrNum(story, 'lines', 1)));
  const inset = boxInset(grid, story);
  const head = headPlacement(story, cols);
  const t = story.attrs['textColumns'] as unknown;
  const columns = textColumnsOf(grid, cols, typeof t === 'number' && t > 0 ? t : null, inset.chars);
  const insetPx = inset.chars * metrics.charPx;
  let verticalHead: StoryArea['verticalHead'] = null;
  if (head.vertical) {
    const width = gridBoxRect(metrics, { col: 0, line: 0, cols, lines: 1 }).width;
    const span = gridBoxRect(metrics, { col: 0, line: 0, cols: head.cols, lines: 1 }).width;
    verticalHead = head.side === 'right' ? { x: width - span, width: span - insetPx } : { x: insetPx, width: span - insetPx };
  }
  const columnWidthPx = columns.columnChars * metrics.charPx;
  const gapPx = columns.gapChars * metrics.charPx;
  let bodyColumns = columns.count;
  if (verticalHead) {
    const { x, width } = verticalHead;
    for (let i = 0; i < columns.count; i++) {
      const l = insetPx + i * (columnWidthPx + gapPx);
      // Same tolerance as the slot chain (slots.ts).
      if (Math.min(l + columnWidthPx, x + width) - Math.max(l, x) > 0.5) bodyColumns--;
    }
  }
  return {
    inset,
    head,
    columns,
    leftPx: insetPx,
    columnWidthPx,
    gapPx,
    bodyLines: Math.max(0, lines - 2 * inset.lines - head.lines),
    verticalHead,
    bodyColumns,
  };
}
