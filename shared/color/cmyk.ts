/**
 * Process colours: the four inks of offset printing, each in percent of full
 * coverage (0–100). Total area coverage (TAC) is the sum of the four.
 */

/** A process colour in percent per ink (0–100 each). */
export interface Cmyk {
  c: number;
  m: number;
  y: number;
  k: number;
}

/** An sRGB colour, 8 bits per channel (0–255 each), as CSS and Chromium's PDF write it. */
export interface Rgb8 {
  r: number;
  g: number;
  b: number;
}

/** Total area coverage of a process colour, in percent (0–400). */
export function totalCoverage(c: Cmyk): number {
  return c.c + c.m + c.y + c.k;
}

/** Whether the colour puts ink on the black plate only, at full strength. */
export function isSolidBlack(c: Cmyk): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 100;
}

/** Whether the colour puts no ink at all (paper white). */
export function isPaper(c: Cmyk): boolean {
  return c.c === 0 && c.m === 0 && c.y === 0 && c.k === 0;
}

export function cmykEquals(a: Cmyk, b: Cmyk): boolean {
  return a.c === b.c && a.m === b.m && a.y === b.y && a.k === b.k;
}

/** `C0 M100 Y100 K0`, the way printers write a process colour. */
export function formatCmyk(c: Cmyk): string {
  const f = (v: number) => String(Math.round(v * 100) / 100);
  return `C${f(c.c)} M${f(c.m)} Y${f(c.y)} K${f(c.k)}`;
}

/** `#rrggbb`. */
export function rgbToHex(c: Rgb8): string {
  const h = (v: number) => v.toString(16).padStart(2, '0');
  return `#${h(c.r)}${h(c.g)}${h(c.b)}`;
}

/** A key that identifies an 8-bit RGB triple, e.g. for lookup tables. */
export function rgbKey(c: Rgb8): number {
  return (c.r << 16) | (c.g << 8) | c.b;
}
