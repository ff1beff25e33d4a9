/**
 * Zoom of the page view. The page is laid out at true scale (100 %) and the
 * zoom is a transform, so line breaks never depend on the zoom.
 */

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 4;

/** The steps Mod-+ and Mod-− walk through. */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

export function clampZoom(zoom: number): number {
  if (!Number.isFinite(zoom)) throw new RangeError(`zoom must be finite, got ${zoom}`);
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

// A zoom within this of a step counts as on it (fit zooms are arbitrary fractions).
const EPS = 1e-6;

/** The next step above `zoom` (stays at the maximum). */
export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((s) => s > zoom + EPS) ?? MAX_ZOOM;
}

/** The next step below `zoom` (stays at the minimum). */
export function zoomOut(zoom: number): number {
  for (let i = ZOOM_STEPS.length - 1; i >= 0; i--) {
    const s = ZOOM_STEPS[i]!;
    if (s < zoom - EPS) return s;
  }
  return MIN_ZOOM;
}

/**
 * The zoom at which a page of `page` px fits in a viewport of `viewport` px
 * with `padding` px free on every side, clamped to the zoom range.
 */
export function fitZoom(
  page: { width: number; height: number },
  viewport: { width: number; height: number },
  padding = 16,
): number {
  if (page.width <= 0 || page.height <= 0) throw new RangeError(`page size must be positive, got ${page.width}×${page.height}`);
  const w = Math.max(1, viewport.width - 2 * padding);
  const h = Math.max(1, viewport.height - 2 * padding);
  return clampZoom(Math.min(w / page.width, h / page.height));
}

/** Zoom as a person reads it: `67%`. */
export function zoomPercent(zoom: number): string {
  return `${Math.round(zoom * 100)}%`;
}
