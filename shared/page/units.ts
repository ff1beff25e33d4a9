/**
 * Typographic units used across Banmian.
 *
 * Lengths on paper are stored in millimetres (paper, margins) or points (type
 * sizes, line pitch). The screen lays the page out in CSS pixels at true scale,
 * where 1 pt = 4/3 px and 1 mm = 96/25.4 px.
 */

/** Points per millimetre (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;
/** CSS pixels per point at 100 % zoom. */
export const PX_PER_PT = 4 / 3;
/** CSS pixels per millimetre at 100 % zoom. */
export const PX_PER_MM = 96 / 25.4;

export function mmToPt(mm: number): number {
  return mm * PT_PER_MM;
}

export function ptToMm(pt: number): number {
  return pt / PT_PER_MM;
}

export function ptToPx(pt: number): number {
  return pt * PX_PER_PT;
}

export function mmToPx(mm: number): number {
  return mm * PX_PER_MM;
}

/**
 * Chromium positions boxes in LayoutUnits of 1/64 px. Lengths that must add up
 * exactly (the line pitch times a line count) are snapped to that unit so the
 * screen, the print and our own arithmetic agree to the last unit.
 */
export function snapToLayoutUnit(px: number): number {
  return Math.round(px * 64) / 64;
}

/**
 * The Chinese 号 (hao) type sizes in points, as used by Chinese newsrooms.
 * Keys are the names an editor uses; values are points.
 */
export const HAO_SIZES = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
} as const satisfies Record<string, number>;

export type HaoName = keyof typeof HAO_SIZES;

/** The 号 name of a point size, when it is exactly one of them. */
export function haoNameOf(pt: number): HaoName | null {
  for (const [name, size] of Object.entries(HAO_SIZES)) {
    if (Math.abs(size - pt) < 1e-9) return name as HaoName;
  }
  return null;
}
