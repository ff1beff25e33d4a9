/**
 * A story body in a non-rectangular shape, set with the galley technique of
 * DESIGN.md §4: the body is one single-column galley (the live, editable
 * `contentDOM`), shown through one clip box at the slot that holds the
 * selection; every other slot shows non-editable clones of the galley
 * paragraphs it holds, translated and clipped the same way.
 *
 * The editable DOM is never re-parented (focus and IME composition would be
 * lost): moving the live galley to another slot only restyles its clip box.
 * Clones are windowed (a slot clones only the paragraphs it shows) and
 * reused by ProseMirror node identity, so a keystroke re-clones the one
 * paragraph it changed, in the one or two slots that show it.
 */
import type { Node } from 'prosemirror-model';
import type { Decoration } from 'prosemirror-view';
import type { StoryShape } from '../../../shared/layout/slots';
import { slotOfLine } from '../../../shared/layout/slots';
import { BaseView } from '../node-views/base-view';
import type { ViewContext } from '../node-views/view-context';
import { px } from '../../page/css-px';
import { clearPushes, pushCrossheads } from './crosshead-push';
import { GalleyChanges } from './galley-changes';
import { shapeFromDecorations } from './shape-decoration';
import { fillExact, fillWindow, paragraphExtents } from './slot-clones';
import type { CloneSlot } from './slot-clones';
import './shape.css';

const controllers = new WeakMap<HTMLElement, GalleyBody>();

/** The galley body whose element is `el`, if it is one. */
export function galleyOf(el: Element): GalleyBody | undefined {
  return controllers.get(el as HTMLElement);
}

export class GalleyBody extends BaseView {
  declare readonly contentDOM: HTMLElement;
  readonly #live: HTMLElement;
  #clones: CloneSlot[] = [];
  readonly #selectionMarks: HTMLElement[] = [];
  #shape: StoryShape;
  #active = -1;
  /** What changed in the live galley since the clones were refreshed (decorations too). */
  readonly #changes: GalleyChanges;
  #frame = 0;

  constructor(
    node: Node,
    ctx: ViewContext,
    shape: StoryShape,
    readonly getPos: () => number | undefined,
  ) {
    super(node, ctx, { tag: 'div', className: 'bm-body bm-shaped', content: { inner: 'bm-galley bm-composed' } });
    this.#shape = shape;
    // The galley sits in the live slot's clip box.
    this.#live = document.createElement('div');
    this.#live.className = 'bm-slot bm-slot-live';
    this.#live.appendChild(this.contentDOM);
    this.dom.appendChild(this.#live);
    controllers.set(this.dom, this);
    this.#changes = new GalleyChanges(this.contentDOM, () => {
      // A change outside a view update (none is expected): catch up next frame.
      if (this.#frame) return;
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.sync();
      });
    });
    this.render();
    this.activate(0);
  }

  get shape(): StoryShape {
    return this.#shape;
  }

  /** Index of the slot the live galley is in. */
  get active(): number {
    return this.#active;
  }

  /** The live galley's clip box. */
  get liveBox(): HTMLElement {
    return this.#live;
  }

  /** Places the clip boxes of every slot (clones) for the current shape. */
  protected render(): void {
    const { linePx } = this.ctx.metrics;
    const shape = this.#shape;
    this.dom.dataset['capacity'] = String(shape.capacity);
    this.dom.dataset['slots'] = String(shape.slots.length);
    this.contentDOM.style.width = px(shape.columnWidth);
    for (const c of this.#clones) c.box.remove();
    this.#clones = shape.slots.map((s, i) => {
      const box = document.createElement('div');
      box.className = 'bm-slot bm-slot-clone';
      box.contentEditable = 'false';
      // Find in page (Ctrl+F, Electron's findInPage) sees each character once:
      // in the live galley, which holds them all (a press on a clone is
      // handled by the shape plugin, on the body beneath).
      box.inert = true;
      box.dataset['slot'] = String(i);
      box.dataset['lines'] = String(s.lines);
      // Text column of the slot (column rules are drawn left of every column but the first).
      box.dataset['column'] = String(s.column);
      box.style.left = px(s.x);
      box.style.top = px(s.line * linePx);
      box.style.width = px(shape.columnWidth);
      box.style.height = px(s.lines * linePx);
      const inner = document.createElement('div');
      // Same classes as the live galley: clones lose contenteditable's defaults otherwise.
      inner.className = 'bm-galley bm-composed bm-galley-clone';
      inner.style.width = px(shape.columnWidth);
      box.appendChild(inner);
      this.dom.insertBefore(box, this.#live);
      return { box, inner, shown: [] };
    });
    this.#active = -1;
  }

  /**
   * Whether slots show exact pieces of the text (read-only views: print):
   * see refreshExact.
   */
  get #exact(): boolean {
    return this.contentDOM.isConnected && !this.contentDOM.isContentEditable;
  }

  /** Moves the live galley into slot `i` (restyling its clip box only). */
  activate(i: number): void {
    const slots = this.#shape.slots;
    const index = slots.length === 0 ? -1 : Math.max(0, Math.min(slots.length - 1, i));
    if (index === this.#active) return;
    const { linePx } = this.ctx.metrics;
    const left = this.#active;
    const prev = this.#clones[left];
    this.#active = index;
    if (prev) {
      this.#refresh(left);
      prev.box.style.visibility = '';
    }
    const s = this.#shape.slots[index];
    const live = this.#live.style;
    if (!s) {
      live.left = '0px';
      live.top = '0px';
      live.height = '0px';
      live.width = px(this.#shape.columnWidth);
      this.contentDOM.style.transform = '';
      return;
    }
    live.left = px(s.x);
    live.top = px(s.line * linePx);
    live.width = px(this.#shape.columnWidth);
    live.height = px(s.lines * linePx);
    this.contentDOM.style.transform = s.offset === 0 ? '' : `translateY(${px(-s.offset * linePx)})`;
    this.#live.dataset['slot'] = String(index);
    this.#live.dataset['column'] = String(s.column);
    const clone = this.#clones[index];
    if (clone && !this.#exact) clone.box.style.visibility = 'hidden';
  }

  /**
   * Moves crossheads off slot edges (crosshead-push.ts) before the galley is
   * read. Its own style writes are not changes to refresh for, but a clone of
   * a crosshead whose push changed is stale.
   */
  #pushCrossheads(): void {
    const changed = this.#changes.ownWrites(() => pushCrossheads(this.contentDOM, this.#shape, this.ctx.metrics.linePx));
    for (const el of changed) this.#changes.bump(el);
  }

  /**
   * Refreshes the clones if the live galley's DOM changed since the last
   * refresh (after every view update: a decoration-only change leaves the
   * document as it was but changes the galley's DOM). Returns whether it did.
   */
  sync(): boolean {
    if (!this.#changes.take()) return false;
    this.refreshClones();
    return true;
  }

  /**
   * Brings every slot's clones up to date with the live galley (after the
   * view has updated its DOM). One layout read for the paragraph offsets.
   */
  refreshClones(): void {
    const start = performance.now();
    this.#changes.clean();
    if (this.#exact) this.#refreshExact();
    else this.#refresh(null);
    // The clone refresh alone (forced layout included), for benchmarks: `bm-shape-clones`.
    performance.measure('bm-shape-clones', { start });
  }

  /**
   * Read-only views (print): every slot, the first included, shows a clone
   * holding exactly the text of its lines, and the live galley is hidden.
   * A paragraph running across a slot edge is cut at the first character of
   * the slot's first line (the piece continues without indent) or after the
   * last character of its last line (the piece's last line stays justified).
   * Clipping whole paragraphs is not enough for print: Chromium emits a text
   * run whose bounds reach into the clip box even when its glyphs are clipped
   * away, so the PDF would hold invisible text over the photo or the gutter.
   */
  #refreshExact(): void {
    const kids = this.contentDOM.children;
    const n = kids.length;
    if (n !== this.node.childCount) return;
    this.#live.style.visibility = 'hidden';
    this.#pushCrossheads();
    const extents = paragraphExtents(this.contentDOM);
    const { linePx } = this.ctx.metrics;
    const galley = this.contentDOM.getBoundingClientRect();
    const scale = this.contentDOM.offsetHeight > 0 ? galley.height / this.contentDOM.offsetHeight || 1 : 1;
    const clientY = (y: number) => galley.top + y * scale;
    this.#shape.slots.forEach((s, i) => {
      const clone = this.#clones[i]!;
      clone.box.style.visibility = '';
      fillExact(clone, { kids, extents, y0: s.offset * linePx, y1: (s.offset + s.lines) * linePx, clientY });
    });
  }

  // The active slot's clone is hidden: it is brought up to date when the live galley leaves it.
  #refresh(only: number | null): void {
    const kids = this.contentDOM.children;
    const node = this.node;
    if (kids.length !== node.childCount) return;
    this.#pushCrossheads();
    const extents = paragraphExtents(this.contentDOM);
    const { linePx } = this.ctx.metrics;
    this.#shape.slots.forEach((s, i) => {
      if (only === null ? i === this.#active : i !== only) return;
      fillWindow(this.#clones[i]!, {
        galley: this.contentDOM,
        node,
        extents,
        y0: s.offset * linePx,
        y1: (s.offset + s.lines) * linePx,
        countOf: (el) => this.#changes.countOf(el),
      });
    });
  }

  /**
   * The galley line of a client y coordinate (rounded down), given the live
   * galley's current place on screen.
   */
  lineAtClientY(y: number): number {
    const r = this.contentDOM.getBoundingClientRect();
    const scale = this.contentDOM.offsetHeight > 0 ? r.height / this.contentDOM.offsetHeight : 1;
    return Math.floor((y - r.top) / (this.ctx.metrics.linePx * (scale || 1)));
  }

  /** The slot that shows galley line `line`; lines past the capacity (overset) go to the last slot. */
  slotForLine(line: number): number {
    const i = slotOfLine(this.#shape, line);
    if (i >= 0) return i;
    return line < 0 ? 0 : this.#shape.slots.length - 1;
  }

  /**
   * Draws a selection on the clones: `rects` are the client rectangles of
   * the selected range in the live galley (laid out whole, so they exist for
   * lines clipped away too); each clone shows those of its own lines. The
   * live slot has the browser's highlight. Null clears.
   */
  showSelection(rects: DOMRectList | null): void {
    const marks = this.#selectionMarks;
    for (const m of marks) m.remove();
    marks.length = 0;
    if (!rects || rects.length === 0 || this.#exact) return;
    const { linePx } = this.ctx.metrics;
    const galley = this.contentDOM.getBoundingClientRect();
    const scale = this.contentDOM.offsetHeight > 0 ? galley.height / this.contentDOM.offsetHeight || 1 : 1;
    this.#shape.slots.forEach((s, i) => {
      if (i === this.#active) return;
      const clone = this.#clones[i]!;
      const y0 = s.offset * linePx;
      const y1 = (s.offset + s.lines) * linePx;
      for (const r of rects) {
        if (r.width <= 0) continue;
        const top = (r.top - galley.top) / scale;
        const bottom = (r.bottom - galley.top) / scale;
        const mid = (top + bottom) / 2;
        if (mid < y0 || mid >= y1) continue;
        const mark = clone.box.ownerDocument.createElement('div');
        mark.className = 'bm-slot-selection';
        mark.style.left = px((r.left - galley.left) / scale);
        mark.style.top = px(top - y0);
        mark.style.width = px(r.width / scale);
        mark.style.height = px(bottom - top);
        clone.box.appendChild(mark);
        marks.push(mark);
      }
    });
  }

  /** Client rectangle of slot i's clip box. */
  slotRect(i: number): DOMRect | null {
    const c = this.#clones[i];
    return c ? c.box.getBoundingClientRect() : null;
  }

  /** Grid line pitch at 100 %, px. */
  get linePx(): number {
    return this.ctx.metrics.linePx;
  }

  /** Screen px per layout px (the page zoom, as the app set it). */
  scale(): number {
    return this.ctx.zoom.getSnapshot();
  }

  /** False when the NodeView must be rebuilt (no longer shaped). */
  protected override accepts(node: Node, decorations: readonly Decoration[]): boolean {
    return super.accepts(node, decorations) && shapeFromDecorations(decorations) !== null;
  }

  /** A new shape lays the slots out again and keeps the live galley in its slot. */
  protected override redraw(_before: Node, decorations: readonly Decoration[]): void {
    const shape = shapeFromDecorations(decorations)!;
    if (sameShape(shape, this.#shape)) return;
    const active = this.#active;
    this.#shape = shape;
    this.render();
    this.activate(active);
  }

  destroy(): void {
    this.#changes.disconnect();
    clearPushes(this.contentDOM);
    if (this.#frame) cancelAnimationFrame(this.#frame);
    controllers.delete(this.dom);
  }
}

function sameShape(a: StoryShape, b: StoryShape): boolean {
  if (a.columnWidth !== b.columnWidth || a.slots.length !== b.slots.length) return false;
  return a.slots.every((s, i) => {
    const t = b.slots[i]!;
    return s.column === t.column && s.line === t.line && s.lines === t.lines && s.x === t.x;
  });
}
