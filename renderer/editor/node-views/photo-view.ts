/**
 * A photo block: the image (or an empty frame) above the caption and credit,
 * which take `captionLines` grid lines at the bottom of the box.
 *
 * The image is placed by explicit geometry (renderer/photo/crop-geometry.ts),
 * computed from the node's attributes and the grid, never measured: print
 * mode, which uses this same view, lays it out identically. The screen loads
 * the host's proxy, print the original; both are drawn at the size the
 * node's pixel size gives, so the crop is the same.
 *
 * Testable DOM: `data-ppi` (effective resolution, whole ppi) and
 * `data-ppi-level` (`ok`, `warn` below 150, `error` below 100), `data-fit`,
 * `data-zoom`, `data-focus-x`, `data-focus-y` (the crop shown, including an
 * uncommitted preview while a gesture runs).
 */
import type { Node } from 'prosemirror-model';
import type { Decoration, EditorView } from 'prosemirror-view';
import type { PhotoCrop } from '../../../shared/model/commands/photo';
import { photoCrop } from '../../../shared/model/commands/photo';
import { gridBoxRect } from '../../../shared/page/geometry';
import { CropControls } from '../../photo/crop-controls';
import { effectivePpiPx, placeImage, ppiLevel } from '../../photo/crop-geometry';
import type { Size } from '../../photo/crop-geometry';
import { setCropModeTr } from '../../photo/crop-mode';
import { pt } from '../../photo/photo-strings';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { BaseView } from './base-view';
import { placeBlock } from './block-frame';
import '../../photo/photo.css';
import type { ViewContext } from './view-context';
import { px } from '../../page/css-px';
import { num, str } from './view-context';

export interface PhotoViewOptions {
  view?: EditorView;
  decorations?: readonly Decoration[];
}

function isCropping(decorations: readonly Decoration[] | undefined): boolean {
  return !!decorations?.some((d) => (d.spec as { photoCrop?: boolean }).photoCrop === true);
}

export class PhotoView extends BaseView {
  declare readonly contentDOM: HTMLElement;
  readonly #frame: HTMLElement;
  readonly #badge: HTMLElement;
  readonly #view: EditorView | undefined;
  #img: HTMLImageElement | null = null;
  #cropping: boolean;
  /** What a boxed story around the photo takes off its grid box (null: none). */
  #insets: EdgeInsets | null;
  #controls: CropControls | null = null;
  /** A crop being shown but not yet committed (during a pan, wheel or slider gesture). */
  #preview: PhotoCrop | null = null;

  constructor(node: Node, ctx: ViewContext, options: PhotoViewOptions = {}) {
    super(node, ctx, { tag: 'figure', className: 'bm-photo', content: { inner: 'bm-photo-text' } });
    this.#view = options.view;
    this.#cropping = isCropping(options.decorations);
    this.#insets = boxInsetsFromDecorations(options.decorations);
    this.#frame = document.createElement('div');
    this.#frame.className = 'bm-photo-frame';
    this.#frame.contentEditable = 'false';
    this.#badge = document.createElement('span');
    this.#badge.className = 'bm-ppi-badge';
    // Hints in empty caption and credit lines (screen only; photo.css shows them).
    this.contentDOM.style.setProperty('--bm-caption-hint', JSON.stringify(pt('captionHint')));
    this.contentDOM.style.setProperty('--bm-credit-hint', JSON.stringify(pt('creditHint')));
    this.dom.prepend(this.#frame);
    if (this.#view?.editable) this.#frame.addEventListener('dblclick', this.#enterCrop);
    this.render();
  }

  get id(): string {
    return str(this.node, 'id');
  }

  /**
   * The frame's size in page px at 100 %: the block's width, its height less
   * the caption lines, both less what a boxed story around it takes.
   */
  frameSize(): Size {
    const node = this.node;
    const rect = gridBoxRect(this.ctx.metrics, { col: 0, line: 0, cols: num(node, 'cols', 1), lines: num(node, 'lines', 1) });
    const e = this.#insets ?? { left: 0, top: 0, right: 0, bottom: 0 };
    return {
      width: Math.max(0, rect.width - e.left - e.right),
      height: Math.max(0, rect.height - e.top - e.bottom - this.#captionLines() * this.ctx.metrics.linePx),
    };
  }

  /** The image's displayed pixel size, or null for an empty frame. */
  imageSize(): Size | null {
    const w = num(this.node, 'pixelWidth');
    const h = num(this.node, 'pixelHeight');
    return str(this.node, 'asset') !== '' && w > 0 && h > 0 ? { width: w, height: h } : null;
  }

  /** Shows a crop without committing it; null goes back to the node's own. */
  preview(crop: PhotoCrop | null): void {
    this.#preview = crop;
    this.render();
  }

  get crop(): PhotoCrop {
    return this.#preview ?? photoCrop(this.node);
  }

  #captionLines(): number {
    return Math.max(0, Math.min(num(this.node, 'lines', 1), num(this.node, 'captionLines', 2)));
  }

  #enterCrop = (e: MouseEvent): void => {
    const view = this.#view;
    if (!view || !this.imageSize()) return;
    e.preventDefault();
    const tr = setCropModeTr(view.state, this.id);
    if (tr) view.dispatch(tr);
  };

  protected render(): void {
    const node = this.node;
    placeBlock(this.dom, node, this.ctx, this.#insets);
    const textHeight = this.#captionLines() * this.ctx.metrics.linePx;
    this.contentDOM.style.height = px(textHeight);
    const frame = this.frameSize();
    this.#frame.style.height = px(frame.height);

    const image = this.imageSize();
    const hash = str(node, 'asset');
    const url = hash ? this.ctx.assetUrl(hash) : null;
    if (!url) {
      this.#img?.remove();
      this.#img = null;
      this.#badge.remove();
      this.#frame.classList.add('bm-photo-empty');
      for (const k of ['ppi', 'ppiLevel', 'fit', 'zoom', 'focusX', 'focusY']) delete this.dom.dataset[k];
      this.#setControls(false);
      return;
    }
    this.#frame.classList.remove('bm-photo-empty');
    if (!this.#img) {
      this.#img = document.createElement('img');
      this.#img.draggable = false;
      this.#img.className = 'bm-photo-image';
      this.#frame.prepend(this.#img);
    }
    const img = this.#img;
    if (img.getAttribute('src') !== url) img.src = url;
    img.alt = str(node, 'alt');
    if (!image) {
      // A page from elsewhere without the image's pixel size: shown covering the frame, no crop and no ppi to tell.
      Object.assign(img.style, { left: '0', top: '0', width: '100%', height: '100%', objectFit: 'cover' });
      this.#badge.remove();
      for (const k of ['ppi', 'ppiLevel', 'fit', 'zoom', 'focusX', 'focusY']) delete this.dom.dataset[k];
      this.#setControls(false);
      return;
    }
    img.style.objectFit = '';
    const crop = this.crop;
    const at = placeImage(frame, image, crop);
    img.style.left = px(at.left);
    img.style.top = px(at.top);
    img.style.width = px(at.width);
    img.style.height = px(at.height);

    const ppi = effectivePpiPx(frame, image, crop);
    const level = ppiLevel(ppi);
    const shown = String(Math.round(ppi));
    const d = this.dom.dataset;
    d['ppi'] = shown;
    d['ppiLevel'] = level;
    d['fit'] = crop.fit;
    d['zoom'] = String(crop.zoom);
    d['focusX'] = String(crop.focusX);
    d['focusY'] = String(crop.focusY);
    this.#badge.textContent = `${shown} ppi`;
    this.#badge.dataset['ppiLevel'] = level;
    const note = level === 'error' ? `：${pt('ppiError')}` : level === 'warn' ? `：${pt('ppiWarn')}` : '';
    this.#badge.title = `${pt('ppiTitle')} ${shown} ppi（${image.width} × ${image.height} px）${note}`;
    if (this.#badge.parentNode !== this.#frame) this.#frame.appendChild(this.#badge);
    this.#setControls(this.#cropping);
  }

  #setControls(on: boolean): void {
    if (on && !this.#controls && this.#view) {
      this.#controls = new CropControls({ view: this.#view, photo: this, frame: this.#frame });
    } else if (!on && this.#controls) {
      this.#controls.destroy();
      this.#controls = null;
    }
    this.#controls?.sync();
  }

  protected override redraw(_before: Node, decorations: readonly Decoration[]): void {
    this.#cropping = isCropping(decorations);
    this.#insets = boxInsetsFromDecorations(decorations);
    // A committed crop replaces the preview it came from.
    this.#preview = null;
    this.render();
  }

  stopEvent(e: Event): boolean {
    // In crop mode the frame's pointer, wheel and slider events are the crop's, not the editor's.
    return this.#controls !== null && this.#frame.contains(e.target as globalThis.Node);
  }

  destroy(): void {
    this.#controls?.destroy();
    this.#controls = null;
  }
}
