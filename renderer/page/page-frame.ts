/**
 * The page's geometry in the renderer: where the page is on screen (client
 * px ↔ page px at 100 %, read from the page element, whose zoom is a CSS
 * transform on an ancestor), page px ↔ grid cells, and the blocks'
 * rectangles from the document. Page px are CSS px at 100 % from the paper's
 * top-left.
 */
import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { boxOf, pageBlocks } from '../../shared/model/commands/blocks';
import type { GridBox, GridMetrics, Rect } from '../../shared/page/geometry';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import type { GridSettings, PageSettings } from '../../shared/page/settings';
import { asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

export interface PageFrame {
  /** Client px per page px (the zoom). */
  scale: number;
  /** Client position of the page's top-left corner. */
  left: number;
  top: number;
}

/**
 * The page element being edited: the view's root for a page document, the
 * active page's element in an edition (the root's one `.bm-page` child).
 */
export function pageElement(view: EditorView): HTMLElement {
  const root = view.dom as HTMLElement;
  if (root.classList.contains('bm-page')) return root;
  return root.querySelector<HTMLElement>(':scope > .bm-page') ?? root;
}

export function pageFrame(view: EditorView): PageFrame {
  const page = pageElement(view);
  const r = page.getBoundingClientRect();
  const w = page.offsetWidth;
  return { scale: w > 0 ? r.width / w : 1, left: r.left, top: r.top };
}

export function toPage(frame: PageFrame, clientX: number, clientY: number): { x: number; y: number } {
  return { x: (clientX - frame.left) / frame.scale, y: (clientY - frame.top) / frame.scale };
}

/** The page's settings (a scope's page, or a page document's). */
export function docSettings(where: Node | PageScope): PageSettings {
  return asScope(where).page.attrs['settings'] as PageSettings;
}

export function docMetrics(where: Node | PageScope): GridMetrics {
  return gridMetrics(docSettings(where));
}

/** A grid box's rectangle in page px (type area offset included). */
export function pageRect(metrics: GridMetrics, box: GridBox): Rect {
  const r = gridBoxRect(metrics, box);
  return { x: metrics.typeLeftPx + r.x, y: metrics.typeTopPx + r.y, width: r.width, height: r.height };
}

/** The type area's rectangle in page px. */
export function typeAreaRect(metrics: GridMetrics): Rect {
  return { x: metrics.typeLeftPx, y: metrics.typeTopPx, width: metrics.typeWidthPx, height: metrics.typeHeightPx };
}

/** Page px from one grid column's left edge to the next one's. */
function columnPitch(metrics: GridMetrics): number {
  return metrics.columnPx + metrics.gutterPx;
}

/** The grid cell under a point in page px (the one place a point becomes a cell), or null off the type area. */
export function cellAt(metrics: GridMetrics, grid: GridSettings, x: number, y: number): { col: number; line: number } | null {
  const tx = x - metrics.typeLeftPx;
  const ty = y - metrics.typeTopPx;
  if (tx < 0 || ty < 0 || tx > metrics.typeWidthPx || ty > metrics.typeHeightPx) return null;
  return {
    col: Math.min(grid.columns - 1, Math.floor(tx / columnPitch(metrics))),
    line: Math.min(grid.lines - 1, Math.floor(ty / metrics.linePx)),
  };
}

/** A pointer displacement in page px, rounded to whole columns and lines. */
export function snapDelta(metrics: GridMetrics, dx: number, dy: number): { dCol: number; dLine: number } {
  // `+ 0` turns -0 into 0 for callers comparing with Object.is / toEqual.
  return { dCol: Math.round(dx / columnPitch(metrics)) + 0, dLine: Math.round(dy / metrics.linePx) + 0 };
}

/** A block as hit tests see it: its id and page rectangle. */
export interface HitBlock {
  id: string;
  rect: Rect;
}

export interface PlacedBlock extends HitBlock {
  box: GridBox;
  pos: number;
}

/** Every block with its grid box and page rectangle, in document (stacking) order. */
export function placedBlocks(where: Node | PageScope, metrics: GridMetrics = docMetrics(where)): PlacedBlock[] {
  return pageBlocks(where).map(({ node, pos }) => {
    const box = boxOf(node);
    return { id: String(node.attrs['id']), box, pos, rect: pageRect(metrics, box) };
  });
}
