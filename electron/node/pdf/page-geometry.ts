/**
 * Page boxes of the print PDF (ISO 32000 §14.11.2), in points:
 * TrimBox = the paper exactly, BleedBox = trim + bleed on every side,
 * MediaBox = bleed box plus room for crop marks, registration marks and the
 * slug line when marks are on (else MediaBox = BleedBox).
 */
import { mmToPt } from '../../../shared/page/units';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PrintGeometry {
  media: Box;
  bleed: Box;
  trim: Box;
  /** Distance from trim to where the marks start: 1 mm outside the bleed, at least 3 mm from the trim. */
  markOffsetPt: number;
  markLengthPt: number;
}

/** Room outside the trim for marks and slug, mm. */
export const MARKS_MARGIN_MM = 16;
export const MARK_LENGTH_MM = 5;

export function printGeometry(paper: { width: number; height: number }, bleedMm: number, marks: boolean): PrintGeometry {
  if (!(bleedMm >= 0 && bleedMm <= 20)) throw new RangeError(`bleed must be 0–20 mm, got ${bleedMm}`);
  const w = mmToPt(paper.width);
  const h = mmToPt(paper.height);
  const b = mmToPt(bleedMm);
  // Marks never reach into the bleed: they would print on the sheet's image.
  const markOffsetPt = mmToPt(Math.max(bleedMm + 1, 3));
  const margin = marks ? Math.max(mmToPt(MARKS_MARGIN_MM), markOffsetPt + mmToPt(MARK_LENGTH_MM + 8)) : b;
  const trim = { x: margin, y: margin, width: w, height: h };
  return {
    media: { x: 0, y: 0, width: w + 2 * margin, height: h + 2 * margin },
    bleed: { x: margin - b, y: margin - b, width: w + 2 * b, height: h + 2 * b },
    trim,
    markOffsetPt,
    markLengthPt: mmToPt(MARK_LENGTH_MM),
  };
}

export function boxArray(b: Box): number[] {
  const r = (v: number) => Math.round(v * 10000) / 10000;
  return [r(b.x), r(b.y), r(b.x + b.width), r(b.y + b.height)];
}
