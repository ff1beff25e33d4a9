/**
 * Lengths as CSS writes them for the page: px rounded to Chromium's layout
 * unit, and points. Every element placed on the page is sized through these,
 * on screen and in print.
 */

/** px, rounded to Chromium's 1/64 px layout unit, as a CSS length. */
export function px(value: number): string {
  return `${Math.round(value * 64) / 64}px`;
}

/** CSS px for a point size (1pt = 4/3 px). */
export function ptPx(pt: number): string {
  return px((pt * 4) / 3);
}
