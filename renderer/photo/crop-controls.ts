/**
 * The gestures of a photo in crop mode: dragging the image pans it (the
 * focal point), the wheel and the frame's slider zoom it. While a gesture
 * runs only the view's preview changes; the gesture's end commits ONE
 * transaction (one undo step): pointerup for a pan, the slider's release,
 * or a pause of the wheel.
 */
import type { EditorView } from 'prosemirror-view';
import type { PhotoCrop } from '../../shared/model/commands/photo';
import { MAX_PHOTO_ZOOM, setPhotoCrop } from '../../shared/model/commands/photo';
import { pageFrame } from '../page/page-frame';
import type { Size } from './crop-geometry';
import { pannedFocus, wheelZoom } from './crop-geometry';
import { pt } from './photo-strings';

/** What the controls need of the photo's view. */
export interface CroppablePhoto {
  readonly id: string;
  readonly crop: PhotoCrop;
  frameSize(): Size;
  imageSize(): Size | null;
  preview(crop: PhotoCrop | null): void;
}

/** A pause of the wheel this long ends a wheel zoom (and commits it). */
export const WHEEL_COMMIT_MS = 350;

export class CropControls {
  readonly #view: EditorView;
  readonly #photo: CroppablePhoto;
  readonly #frame: HTMLElement;
  readonly #bar: HTMLElement;
  readonly #slider: HTMLInputElement;
  readonly #readout: HTMLElement;
  #pan: { pointer: number; x: number; y: number; scale: number; start: PhotoCrop } | null = null;
  #wheelTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: { view: EditorView; photo: CroppablePhoto; frame: HTMLElement }) {
    this.#view = options.view;
    this.#photo = options.photo;
    this.#frame = options.frame;
    this.#bar = document.createElement('div');
    this.#bar.className = 'bm-crop-bar';
    const label = document.createElement('label');
    label.textContent = pt('zoom');
    this.#slider = document.createElement('input');
    this.#slider.type = 'range';
    this.#slider.min = '1';
    this.#slider.max = String(MAX_PHOTO_ZOOM);
    this.#slider.step = '0.01';
    this.#slider.className = 'bm-crop-zoom';
    this.#slider.setAttribute('aria-label', pt('zoom'));
    label.appendChild(this.#slider);
    this.#readout = document.createElement('span');
    this.#readout.className = 'bm-crop-readout';
    this.#bar.append(label, this.#readout);
    this.#frame.appendChild(this.#bar);
    this.#frame.addEventListener('pointerdown', this.#down);
    this.#frame.addEventListener('pointermove', this.#move);
    this.#frame.addEventListener('pointerup', this.#up);
    this.#frame.addEventListener('pointercancel', this.#cancel);
    this.#frame.addEventListener('wheel', this.#wheel, { passive: false });
    this.#slider.addEventListener('input', this.#slide);
    this.#slider.addEventListener('change', this.#slideEnd);
    this.sync();
  }

  /** Shows the current crop's zoom on the slider. */
  sync(): void {
    const zoom = this.#photo.crop.zoom;
    this.#slider.value = String(zoom);
    this.#readout.textContent = `${Math.round(zoom * 100)}%`;
  }

  /** Commits a crop as one transaction; without a change, drops the preview. */
  #commit(crop: PhotoCrop): void {
    const view = this.#view;
    const { fit, zoom, focusX, focusY } = crop;
    if (!setPhotoCrop(this.#photo.id, { fit, zoom, focusX, focusY })(view.state, view.dispatch)) this.#photo.preview(null);
  }

  #down = (e: PointerEvent): void => {
    if (e.button !== 0 || this.#bar.contains(e.target as Node)) return;
    // Also keeps the editor (and the arrange tools) from seeing a mousedown.
    e.preventDefault();
    this.#flushWheel();
    this.#frame.setPointerCapture(e.pointerId);
    this.#pan = { pointer: e.pointerId, x: e.clientX, y: e.clientY, scale: pageFrame(this.#view).scale, start: this.#photo.crop };
    this.#frame.dataset['panning'] = 'true';
  };

  #panned(e: PointerEvent): PhotoCrop | null {
    const pan = this.#pan;
    const image = this.#photo.imageSize();
    if (!pan || pan.pointer !== e.pointerId || !image) return null;
    const dx = (e.clientX - pan.x) / pan.scale;
    const dy = (e.clientY - pan.y) / pan.scale;
    return { ...pan.start, ...pannedFocus(this.#photo.frameSize(), image, pan.start, dx, dy) };
  }

  #move = (e: PointerEvent): void => {
    const next = this.#panned(e);
    if (!next) return;
    e.preventDefault();
    this.#photo.preview(next);
  };

  #up = (e: PointerEvent): void => {
    const next = this.#panned(e);
    if (!next) return;
    this.#pan = null;
    delete this.#frame.dataset['panning'];
    this.#commit(next);
  };

  #cancel = (): void => {
    if (!this.#pan) return;
    this.#pan = null;
    delete this.#frame.dataset['panning'];
    this.#photo.preview(null);
  };

  #wheel = (e: WheelEvent): void => {
    if (this.#pan) return;
    e.preventDefault();
    // One notch is about 100 px (pixels mode) or 3 lines; trackpads send small deltas, summed smoothly.
    const unit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 0.1 : 100;
    const steps = -e.deltaY / unit;
    if (steps === 0) return;
    const crop = this.#photo.crop;
    this.#photo.preview({ ...crop, zoom: wheelZoom(crop.zoom, steps) });
    this.sync();
    if (this.#wheelTimer !== null) clearTimeout(this.#wheelTimer);
    this.#wheelTimer = setTimeout(() => this.#flushWheel(), WHEEL_COMMIT_MS);
  };

  /** Commits a wheel zoom still waiting for its pause. */
  #flushWheel(): void {
    if (this.#wheelTimer === null) return;
    clearTimeout(this.#wheelTimer);
    this.#wheelTimer = null;
    this.#commit(this.#photo.crop);
  }

  #slide = (): void => {
    this.#flushWheel();
    this.#photo.preview({ ...this.#photo.crop, zoom: Number(this.#slider.value) });
    this.#readout.textContent = `${Math.round(Number(this.#slider.value) * 100)}%`;
  };

  #slideEnd = (): void => {
    this.#commit({ ...this.#photo.crop, zoom: Number(this.#slider.value) });
  };

  destroy(): void {
    if (this.#wheelTimer !== null) {
      // Destroyed while the view updates: commit the waiting zoom after it, not inside it.
      clearTimeout(this.#wheelTimer);
      this.#wheelTimer = null;
      const crop = this.#photo.crop;
      setTimeout(() => this.#commit(crop), 0);
    }
    this.#cancel();
    this.#frame.removeEventListener('pointerdown', this.#down);
    this.#frame.removeEventListener('pointermove', this.#move);
    this.#frame.removeEventListener('pointerup', this.#up);
    this.#frame.removeEventListener('pointercancel', this.#cancel);
    this.#frame.removeEventListener('wheel', this.#wheel);
    this.#bar.remove();
  }
}
