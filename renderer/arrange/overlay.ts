/**
 * The arrange layer: a sibling of the page element, above it, scaled with it,
 * drawing selection frames and handles, the drag ghost, alignment guides and
 * the grid. It never puts anything inside the editable DOM (IME trap,
 * DESIGN.md §6) and is screen only (hidden in print, absent when read-only).
 */
import type { GridMetrics, Rect } from '../../shared/page/geometry';
import type { Guides, Handle } from './geometry';
import { HANDLES } from './geometry';
import type { PlacedBlock } from '../page/page-frame';

// Handles keep a constant size on screen; the layer is scaled by the zoom.
const INV = '--bm-inv';

function place(el: HTMLElement, r: Rect): void {
  el.style.left = `${r.x}px`;
  el.style.top = `${r.y}px`;
  el.style.width = `${r.width}px`;
  el.style.height = `${r.height}px`;
}

/** Places `el` at `r` by a transform (its left and top stay 0): no layout, and no paint when it has its own layer. */
function shift(el: HTMLElement, r: Rect): void {
  const s = el.style;
  const w = `${r.width}px`;
  const h = `${r.height}px`;
  if (s.width !== w) s.width = w;
  if (s.height !== h) s.height = h;
  s.transform = `translate(${r.x}px, ${r.y}px)`;
}

function div(className: string, parent: HTMLElement): HTMLDivElement {
  const el = parent.ownerDocument.createElement('div');
  el.className = className;
  parent.appendChild(el);
  return el;
}

export class ArrangeOverlay {
  readonly layer: HTMLDivElement;
  readonly #grid: HTMLDivElement;
  readonly #frames: HTMLDivElement;
  readonly #drag: HTMLDivElement;
  #ghosts: HTMLDivElement[] = [];
  #guides: HTMLDivElement[] = [];
  #readout: HTMLDivElement | null = null;

  constructor(page: HTMLElement) {
    const doc = page.ownerDocument;
    this.layer = doc.createElement('div');
    this.layer.className = 'bm-arrange-layer';
    this.layer.setAttribute('aria-hidden', 'true');
    this.#grid = div('bm-arrange-grid', this.layer);
    this.#grid.hidden = true;
    this.#frames = div('bm-arrange-frames', this.layer);
    this.#drag = div('bm-arrange-drag', this.layer);
    page.insertAdjacentElement('afterend', this.layer);
  }

  /** Matches the layer to the page element's box and the zoom. */
  fit(page: HTMLElement, metrics: GridMetrics, scale: number): void {
    this.layer.style.left = `${page.offsetLeft}px`;
    this.layer.style.top = `${page.offsetTop}px`;
    this.layer.style.width = `${metrics.paperWidthPx}px`;
    this.layer.style.height = `${metrics.paperHeightPx}px`;
    this.layer.style.setProperty(INV, String(scale > 0 ? 1 / scale : 1));
  }

  /** Shows or hides the column and line grid over the type area. */
  showGrid(shown: boolean, metrics: GridMetrics): void {
    this.#grid.hidden = !shown;
    this.layer.dataset['grid'] = String(shown);
    if (!shown) return;
    place(this.#grid, { x: metrics.typeLeftPx, y: metrics.typeTopPx, width: metrics.typeWidthPx, height: metrics.typeHeightPx });
    const pitch = metrics.columnPx + metrics.gutterPx;
    this.#grid.style.setProperty('--bm-col-px', `${metrics.columnPx}px`);
    this.#grid.style.setProperty('--bm-pitch-px', `${pitch}px`);
    this.#grid.style.setProperty('--bm-line-pitch', `${metrics.linePx}px`);
  }

  /** Draws a frame per selected block; handles on a single selection, a move tab on each. */
  showSelection(blocks: readonly PlacedBlock[]): void {
    const doc = this.layer.ownerDocument;
    const frames: HTMLElement[] = [];
    for (const b of blocks) {
      const frame = doc.createElement('div');
      frame.className = 'bm-arrange-frame';
      frame.dataset['blockId'] = b.id;
      place(frame, b.rect);
      const handles: readonly Handle[] = blocks.length === 1 ? HANDLES : ['move'];
      for (const h of handles) {
        const el = doc.createElement('div');
        el.className = 'bm-handle';
        el.dataset['handle'] = h;
        el.dataset['blockId'] = b.id;
        frame.appendChild(el);
      }
      frames.push(frame);
    }
    this.#frames.replaceChildren(...frames);
  }

  /** Starts showing ghosts (one outline per dragged block). */
  beginDrag(count: number): void {
    this.endDrag();
    this.layer.dataset['dragging'] = 'true';
    for (let i = 0; i < count; i++) this.#ghosts.push(div('bm-arrange-ghost', this.#drag));
    this.#readout = div('bm-arrange-readout', this.#drag);
  }

  /**
   * Moves the ghosts and guides; `readout` is the text shown by the primary
   * ghost. Ghosts move by transform in their own compositor layers and the
   * guides are reused, so a move repaints nothing of the page under them.
   */
  updateDrag(rects: readonly Rect[], guides: Guides, area: Rect, readout: string): void {
    rects.forEach((r, i) => {
      const g = this.#ghosts[i];
      if (g) shift(g, r);
    });
    let used = 0;
    const guide = (className: string, r: Rect) => {
      let g = this.#guides[used];
      if (!g) {
        g = div('', this.#drag);
        this.#guides.push(g);
      }
      used++;
      if (g.className !== className) g.className = className;
      g.hidden = false;
      shift(g, r);
    };
    for (const x of guides.x) guide('bm-arrange-guide bm-arrange-guide-v', { x, y: area.y, width: 0, height: area.height });
    for (const y of guides.y) guide('bm-arrange-guide bm-arrange-guide-h', { x: area.x, y, width: area.width, height: 0 });
    for (let i = used; i < this.#guides.length; i++) this.#guides[i]!.hidden = true;
    const first = rects[0];
    if (this.#readout && first) {
      if (this.#readout.textContent !== readout) this.#readout.textContent = readout;
      this.#readout.style.transform = `translate(${first.x}px, ${first.y + first.height}px)`;
    }
  }

  endDrag(): void {
    delete this.layer.dataset['dragging'];
    this.#drag.replaceChildren();
    this.#ghosts = [];
    this.#guides = [];
    this.#readout = null;
  }

  destroy(): void {
    this.layer.remove();
  }
}

/** A person's reading of a grid box: 第3栏 第57行 · 3栏×20行 (1-based). */
export function boxReadout(box: { col: number; line: number; cols: number; lines: number }, lang: 'zh-CN' | 'en'): string {
  return lang === 'zh-CN'
    ? `第${box.col + 1}栏 第${box.line + 1}行 · ${box.cols}栏×${box.lines}行`
    : `col ${box.col + 1}, line ${box.line + 1} · ${box.cols} cols × ${box.lines} lines`;
}
