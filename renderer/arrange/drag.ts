/**
 * One drag gesture on the page: moving blocks by their move handle or frame
 * edge, or resizing one by an edge or corner handle. While the pointer moves
 * only the overlay's ghost changes (snapped to the grid, redrawn only when
 * the snapped box changes); pointerup commits ONE transaction; Escape or
 * pointercancel drops the gesture without touching the document.
 */
import type { EditorView } from 'prosemirror-view';
import { setBlockBoxes } from '../../shared/model/commands/place-blocks';
import type { GridBox } from '../../shared/page/geometry';
import { language } from '../i18n/i18n';
import type { Handle } from './geometry';
import { alignmentGuides, dragBoxes } from './geometry';
import type { ArrangeOverlay } from './overlay';
import { boxReadout } from './overlay';
import { docMetrics, docSettings, pageFrame, pageRect, placedBlocks, typeAreaRect } from '../page/page-frame';
import { activeScope } from '../../shared/edition/page-scope';

export interface DragStart {
  handle: Handle;
  /** Blocks dragged; the first is the one under the pointer (its ghost drives guides and readout). */
  ids: readonly string[];
  clientX: number;
  clientY: number;
  /** Screen px the pointer must travel before the gesture starts (0 for handles). */
  threshold: number;
}

function sameBoxes(a: readonly GridBox[], b: readonly GridBox[]): boolean {
  return a.length === b.length && a.every((x, i) => {
    const y = b[i]!;
    return x.col === y.col && x.line === y.line && x.cols === y.cols && x.lines === y.lines;
  });
}

export class DragGesture {
  readonly #view: EditorView;
  readonly #overlay: ArrangeOverlay;
  readonly #start: DragStart;
  readonly #startBoxes: GridBox[];
  readonly #scale: number;
  #boxes: GridBox[];
  #started = false;
  #done = false;
  readonly #onEnd: () => void;

  constructor(options: { view: EditorView; overlay: ArrangeOverlay; start: DragStart; onEnd: () => void }) {
    this.#view = options.view;
    this.#overlay = options.overlay;
    this.#start = options.start;
    this.#onEnd = options.onEnd;
    const placed = placedBlocks(activeScope(this.#view.state));
    this.#startBoxes = this.#start.ids.map((id) => {
      const p = placed.find((b) => b.id === id);
      if (!p) throw new RangeError(`drag of unknown block "${id}"`);
      return p.box;
    });
    this.#boxes = this.#startBoxes;
    this.#scale = pageFrame(this.#view).scale;
    const win = this.#view.dom.ownerDocument.defaultView!;
    win.addEventListener('pointermove', this.#move, true);
    win.addEventListener('pointerup', this.#up, true);
    win.addEventListener('pointercancel', this.cancel, true);
    win.addEventListener('keydown', this.#key, true);
    win.addEventListener('blur', this.cancel);
  }

  get active(): boolean {
    return this.#started && !this.#done;
  }

  #move = (e: PointerEvent): void => {
    if (this.#done) return;
    const dxClient = e.clientX - this.#start.clientX;
    const dyClient = e.clientY - this.#start.clientY;
    if (!this.#started) {
      if (Math.hypot(dxClient, dyClient) < this.#start.threshold) return;
      this.#started = true;
      this.#overlay.beginDrag(this.#startBoxes.length);
      this.#boxes = [];
    }
    e.preventDefault();
    const doc = activeScope(this.#view.state);
    const metrics = docMetrics(doc);
    const next = dragBoxes({
      handle: this.#start.handle,
      boxes: this.#startBoxes,
      dx: dxClient / this.#scale,
      dy: dyClient / this.#scale,
      metrics,
      grid: docSettings(doc).grid,
    });
    if (sameBoxes(next, this.#boxes)) return;
    this.#boxes = next;
    const rects = next.map((b) => pageRect(metrics, b));
    const moving = new Set(this.#start.ids);
    const others = placedBlocks(doc, metrics)
      .filter((b) => !moving.has(b.id))
      .map((b) => b.rect);
    const area = typeAreaRect(metrics);
    this.#overlay.updateDrag(rects, alignmentGuides(rects[0]!, others, area), area, boxReadout(next[0]!, language()));
  };

  #up = (e: PointerEvent): void => {
    if (this.#done) return;
    const started = this.#started;
    if (started) e.preventDefault();
    this.#finish();
    if (!started || sameBoxes(this.#boxes, this.#startBoxes)) return;
    const boxes = new Map<string, GridBox>();
    this.#start.ids.forEach((id, i) => boxes.set(id, this.#boxes[i]!));
    setBlockBoxes(boxes)(this.#view.state, this.#view.dispatch);
    this.#view.focus();
  };

  #key = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    this.cancel();
  };

  /** Drops the gesture; the document is untouched. */
  cancel = (): void => {
    if (!this.#done) this.#finish();
  };

  #finish(): void {
    this.#done = true;
    const win = this.#view.dom.ownerDocument.defaultView!;
    win.removeEventListener('pointermove', this.#move, true);
    win.removeEventListener('pointerup', this.#up, true);
    win.removeEventListener('pointercancel', this.cancel, true);
    win.removeEventListener('keydown', this.#key, true);
    win.removeEventListener('blur', this.cancel);
    this.#overlay.endDrag();
    this.#onEnd();
  }
}
