/**
 * Where a photo's image lies in its frame, and what that means for print:
 * the one model the screen, print mode and the ppi badge all use.
 *
 * The image is scaled by `base × zoom`, where `base` makes it cover the
 * frame (`fill`) or fit inside it (`fit`); the focal point (fx, fy) puts the
 * image point at fraction fx of its width at fraction fx of the frame's
 * width (likewise down). So fx = 0 shows the left edge, 1 the right edge,
 * and zooming keeps the focal point still.
 */
import type { PhotoCrop } from '../../shared/model/commands/photo';
import { normalizeCrop } from '../../shared/model/commands/photo';
import { DEFAULT_LIMITS } from '../../shared/preflight/finding';

/** CSS px per inch: placed size in px converts to paper inches through it. */
export const CSS_PX_PER_INCH = 96;

export interface Size {
  width: number;
  height: number;
}

/** The image's rectangle in frame px (it may extend beyond the frame, which clips it). */
export interface ImagePlacement {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Frame px per image pixel. */
  scale: number;
}

/** The image's rectangle in a frame of `frame` px, for an image of `image` pixels. */
export function placeImage(frame: Size, image: Size, crop: PhotoCrop): ImagePlacement {
  if (!(image.width > 0 && image.height > 0)) throw new RangeError(`image size must be positive, got ${image.width}×${image.height}`);
  const c = normalizeCrop(crop);
  const sx = frame.width / image.width;
  const sy = frame.height / image.height;
  const scale = (c.fit === 'fill' ? Math.max(sx, sy) : Math.min(sx, sy)) * c.zoom;
  const width = image.width * scale;
  const height = image.height * scale;
  // `+ 0` turns -0 (a zero slack times a focus) into 0.
  return { left: (frame.width - width) * c.focusX + 0, top: (frame.height - height) * c.focusY + 0, width, height, scale };
}

/** The part of the image the frame shows, in image pixels. */
export function visibleCrop(frame: Size, image: Size, crop: PhotoCrop): { x: number; y: number; width: number; height: number } {
  const p = placeImage(frame, image, crop);
  const x0 = Math.max(0, -p.left) / p.scale;
  const y0 = Math.max(0, -p.top) / p.scale;
  const x1 = Math.min(p.width, frame.width - p.left) / p.scale;
  const y1 = Math.min(p.height, frame.height - p.top) / p.scale;
  return { x: x0, y: y0, width: Math.max(0, x1 - x0), height: Math.max(0, y1 - y0) };
}

/**
 * Effective resolution at placed size: image pixels per inch of paper. The
 * visible crop's pixels over its placed inches, which is the same at every
 * point (the scale is uniform). Frame size in CSS px at 100 %.
 */
export function effectivePpiPx(frame: Size, image: Size, crop: PhotoCrop): number {
  return CSS_PX_PER_INCH / placeImage(frame, image, crop).scale;
}

export type PpiLevel = 'ok' | 'warn' | 'error';

/** The preflight's verdict on a resolution: below 100 ppi an error, below 150 a warning (shared/preflight). */
export function ppiLevel(ppi: number, limits: { warnPpi: number; errorPpi: number } = DEFAULT_LIMITS): PpiLevel {
  if (ppi < limits.errorPpi) return 'error';
  if (ppi < limits.warnPpi) return 'warn';
  return 'ok';
}

/**
 * The focal point after dragging the image by (dx, dy) frame px from where
 * it was at `start`: the image follows the pointer until its edge meets the
 * frame's. An axis where the image is exactly the frame's size keeps its focus.
 */
export function pannedFocus(frame: Size, image: Size, start: PhotoCrop, dx: number, dy: number): { focusX: number; focusY: number } {
  const p = placeImage(frame, image, start);
  // left = slack × focus, so the focus that puts the image's edge at `offset` is offset / slack.
  const axis = (slack: number, offset: number, focus: number) => {
    if (Math.abs(slack) < 1e-9) return focus;
    return round4(Math.min(1, Math.max(0, offset / slack)));
  };
  return {
    focusX: axis(frame.width - p.width, p.left + dx, start.focusX),
    focusY: axis(frame.height - p.height, p.top + dy, start.focusY),
  };
}

/** Zoom after `steps` wheel notches (positive zooms in), 10 % a notch, kept within range. */
export function wheelZoom(zoom: number, steps: number): number {
  return round4(normalizeCrop({ fit: 'fill', zoom: zoom * Math.pow(1.1, steps), focusX: 0.5, focusY: 0.5 }).zoom);
}

// Stored crops stay short and compare equal after a round trip through JSON.
function round4(v: number): number {
  return Math.round(v * 10_000) / 10_000;
}
