/**
 * Dragging copy from the bin onto the page: a ghost of the block's default
 * size follows the pointer, snapped to the grid cell under it; releasing
 * over the page places the block there in one transaction. Escape, or a
 * release off the page, cancels.
 */
import type { EditorView } from 'prosemirror-view';
import { findBinItem } from '../../shared/model/bin';
import { clampBox, pageGrid } from '../../shared/model/commands/blocks';
import { placeFromBin } from '../../shared/model/commands/bin-place';
import type { GridBox, GridMetrics } from '../../shared/page/geometry';
import type { GridSettings } from '../../shared/page/settings';
import { cellAt, docMetrics, docSettings, pageFrame, pageRect, toPage } from '../page/page-frame';
import { binItemInfo } from './bin-item-info';
import { activeScope } from '../../shared/edition/page-scope';

/** Screen px the pointer travels before a press on a bin item becomes a drag. */
const DRAG_THRESHOLD_PX = 3;

/**
 * The grid cell under a point in page px, or null when the point is off the
 * type area. The returned box starts at that cell with `size`, kept inside
 * the grid.
 */
export function dropBox(metrics: GridMetrics, grid: GridSettings, x: number, y: number, size: { cols: number; lines: number }): GridBox | null {
  const cell = cellAt(metrics, grid, x, y);
  return cell && clampBox(grid, { ...cell, cols: size.cols, lines: size.lines });
}

export interface BinDragOptions {
  view: EditorView;
  id: string;
  source: HTMLElement;
  ghost: HTMLElement;
  pointer: PointerEvent;
  onEnd: () => void;
}

export class BinDrag {
  readonly #o: BinDragOptions;
  readonly #startX: number;
  readonly #startY: number;
  #active = false;
  #box: GridBox | null = null;
  #ended = false;

  constructor(options: BinDragOptions) {
    this.#o = options;
    this.#startX = options.pointer.clientX;
    this.#startY = options.pointer.clientY;
    const win = options.view.dom.ownerDocument.defaultView!;
    win.addEventListener('pointermove', this.#move, true);
    win.addEventListener('pointerup', this.#up, true);
    win.addEventListener('pointercancel', this.#cancelEvent, true);
    win.addEventListener('keydown', this.#key, true);
  }

  #move = (e: PointerEvent): void => {
    const { view, id, ghost, source } = this.#o;
    if (!this.#active) {
      if (Math.hypot(e.clientX - this.#startX, e.clientY - this.#startY) < DRAG_THRESHOLD_PX) return;
      this.#active = true;
      source.dataset['dragging'] = 'true';
      view.dom.ownerDocument.documentElement.dataset['bmBinDrag'] = 'true';
    }
    e.preventDefault();
    const scope = activeScope(view.state);
    const item = findBinItem(scope, id);
    if (!item) return this.cancel();
    const grid = pageGrid(scope);
    const metrics = docMetrics(scope);
    const { x, y } = toPage(pageFrame(view), e.clientX, e.clientY);
    this.#box = dropBox(metrics, grid, x, y, binItemInfo(item.node, docSettings(scope)).size);
    if (!this.#box) {
      ghost.hidden = true;
      return;
    }
    const r = pageRect(metrics, this.#box);
    Object.assign(ghost.style, { left: `${r.x}px`, top: `${r.y}px`, width: `${r.width}px`, height: `${r.height}px` });
    ghost.dataset['col'] = String(this.#box.col);
    ghost.dataset['line'] = String(this.#box.line);
    ghost.dataset['cols'] = String(this.#box.cols);
    ghost.dataset['lines'] = String(this.#box.lines);
    ghost.hidden = false;
  };

  #up = (e: PointerEvent): void => {
    const box = this.#active ? this.#box : null;
    if (this.#active) e.preventDefault();
    this.#end();
    if (!box) return;
    const { view, id } = this.#o;
    const placed = placeFromBin(id, { col: box.col, line: box.line, size: { cols: box.cols, lines: box.lines } })(view.state, view.dispatch, view);
    if (placed) view.focus();
  };

  #cancelEvent = (): void => this.cancel();

  #key = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.cancel();
  };

  cancel(): void {
    this.#end();
  }

  #end(): void {
    if (this.#ended) return;
    this.#ended = true;
    const { view, ghost, source, onEnd } = this.#o;
    const win = view.dom.ownerDocument.defaultView!;
    win.removeEventListener('pointermove', this.#move, true);
    win.removeEventListener('pointerup', this.#up, true);
    win.removeEventListener('pointercancel', this.#cancelEvent, true);
    win.removeEventListener('keydown', this.#key, true);
    ghost.hidden = true;
    delete source.dataset['dragging'];
    delete view.dom.ownerDocument.documentElement.dataset['bmBinDrag'];
    onEnd();
  }
}
