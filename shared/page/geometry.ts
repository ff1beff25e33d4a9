/**
 * Grid geometry: where grid cells are on the page, in CSS pixels at 100 %.
 *
 * Every function here is pure arithmetic over {@link PageSettings}; the
 * renderer, the copyfit measurement and the PDF checks all use these, so a
 * block is in the same place on screen, in print and in tests.
 */
import type { GridSettings, PageSettings } from './settings';
import { mmToPx, ptToPx, snapToLayoutUnit } from './units';

export interface GridMetrics {
  /** Width of one body character (= body size), px. */
  charPx: number;
  /** Body line pitch, px, snapped to Chromium's layout unit. */
  linePx: number;
  /** Width of one column, px. */
  columnPx: number;
  /** Width of one gutter, px. */
  gutterPx: number;
  /** Type area width and height, px. */
  typeWidthPx: number;
  typeHeightPx: number;
  /** Type area origin on the page, px from the trim's top-left corner. */
  typeLeftPx: number;
  typeTopPx: number;
  /** Paper (trim) size, px. */
  paperWidthPx: number;
  paperHeightPx: number;
}

export function gridMetrics(settings: PageSettings): GridMetrics {
  const { grid } = settings;
  const charPx = ptToPx(grid.bodyPt);
  const linePx = snapToLayoutUnit(ptToPx(grid.linePitchPt));
  const columnPx = grid.charsPerColumn * charPx;
  const gutterPx = grid.gutterChars * charPx;
  return {
    charPx,
    linePx,
    columnPx,
    gutterPx,
    typeWidthPx: grid.columns * columnPx + (grid.columns - 1) * gutterPx,
    typeHeightPx: grid.lines * linePx,
    typeLeftPx: mmToPx(settings.margins.left),
    typeTopPx: mmToPx(settings.margins.top),
    paperWidthPx: mmToPx(settings.paper.width),
    paperHeightPx: mmToPx(settings.paper.height),
  };
}

/** Characters across a span of `cols` grid columns: n×chars + (n−1)×gutter. */
export function spanChars(grid: Pick<GridSettings, 'charsPerColumn' | 'gutterChars'>, cols: number): number {
  return cols * grid.charsPerColumn + Math.max(0, cols - 1) * grid.gutterChars;
}

/** A rectangle on the page in px, relative to the type area's origin. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Grid placement of a block: column and line of its top-left cell, and its span. */
export interface GridBox {
  col: number;
  line: number;
  cols: number;
  lines: number;
}

/** The px rectangle of a grid box, relative to the type area's origin. */
export function gridBoxRect(metrics: GridMetrics, box: GridBox): Rect {
  const pitch = metrics.columnPx + metrics.gutterPx;
  return {
    x: box.col * pitch,
    y: box.line * metrics.linePx,
    width: box.cols * metrics.columnPx + Math.max(0, box.cols - 1) * metrics.gutterPx,
    height: box.lines * metrics.linePx,
  };
}

/** Whether a box lies inside the grid. */
export function boxInsideGrid(grid: GridSettings, box: GridBox): boolean {
  return (
    box.col >= 0 &&
    box.line >= 0 &&
    box.cols >= 1 &&
    box.lines >= 1 &&
    box.col + box.cols <= grid.columns &&
    box.line + box.lines <= grid.lines
  );
}

/** Whether two boxes share at least one grid cell. */
export function boxesOverlap(a: GridBox, b: GridBox): boolean {
  return a.col < b.col + b.cols && b.col < a.col + a.cols && a.line < b.line + b.lines && b.line < a.line + a.lines;
}

/** How a story's body divides its grid span into text columns. */
export interface TextColumns {
  /** Number of text columns. */
  count: number;
  /** Width of each text column in whole body characters. */
  columnChars: number;
  /** Gap between text columns in body characters (may be fractional for 破栏). */
  gapChars: number;
}

/**
 * Text columns of a body spanning `cols` grid columns set in `textColumns`
 * columns. With as many text columns as grid columns this is the grid itself;
 * otherwise (破栏, e.g. 8 grid columns set in 6) each column is the widest
 * whole number of characters that fits with at least a grid gutter between
 * columns, and the gaps share what is left, so every line stays whole
 * characters wide.
 *
 * `insetChars` (whole characters, ≥ 0) is taken off each side first, as a
 * box (边框) does: the same rule then divides the narrower span.
 */
export function textColumnsOf(
  grid: Pick<GridSettings, 'charsPerColumn' | 'gutterChars'>,
  cols: number,
  textColumns: number | null,
  insetChars = 0,
): TextColumns {
  const total = Math.max(1, spanChars(grid, cols) - 2 * Math.max(0, insetChars));
  // No more columns than leave each at least one character and a gutter.
  const most = Math.max(1, Math.floor((total + grid.gutterChars) / (1 + grid.gutterChars)));
  const count = Math.min(textColumns && textColumns > 0 ? textColumns : cols, most);
  if (count === cols && insetChars <= 0) return { count, columnChars: grid.charsPerColumn, gapChars: grid.gutterChars };
  const columnChars = Math.max(1, Math.floor((total - (count - 1) * grid.gutterChars) / count));
  const gapChars = count > 1 ? (total - count * columnChars) / (count - 1) : 0;
  return { count, columnChars, gapChars };
}
