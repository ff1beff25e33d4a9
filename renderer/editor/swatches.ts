/**
 * Screen colours of named swatches: the sRGB stand-ins of the page's swatch
 * book (shared/color/swatches.ts), which the print pipeline maps back to the
 * swatch's exact CMYK, tints included. Never write an ink as a literal.
 */
import { DEFAULT_SWATCH_BOOK, findSwatch, standInCss } from '../../shared/color/swatches';
import type { SwatchBook } from '../../shared/color/swatches';

/**
 * The CSS colour of a swatch at a whole-percent tint (1–100); unknown names
 * print black rather than vanish, and a tint out of range is clamped.
 */
export function swatchColor(name: string, tint = 100, book: SwatchBook = DEFAULT_SWATCH_BOOK): string {
  const t = Math.min(100, Math.max(1, Math.round(Number.isFinite(tint) ? tint : 100)));
  return standInCss(book, findSwatch(book, name) ? name : 'black', t);
}

/** Swatches an editor may pick for ink (paper white is not an ink). */
export function inkSwatches(book: SwatchBook = DEFAULT_SWATCH_BOOK): readonly { name: string; label: { zh: string; en: string } }[] {
  return book.swatches.filter((s) => s.name !== 'paper');
}
