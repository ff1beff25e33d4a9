/**
 * Named colour swatches: the inks a page may use, each defined by its exact
 * process colour (CMYK, what the plates get) and by an sRGB *stand-in*, the
 * colour the screen shows and Chromium writes into its PDF.
 *
 * Chromium only knows RGB. The print pipeline recognises a swatch by its
 * stand-in and writes the swatch's CMYK values instead, exactly, with no
 * colour conversion. For that to work every stand-in (and every tint of it)
 * must be a distinct 8-bit RGB triple within a book — {@link buildSwatchIndex}
 * checks this and `tests/shared/color/swatches.test.ts` proves it for every
 * shipped book.
 *
 * Tints are whole percentages (1–100) of a swatch: every ink scaled by the
 * percentage, and the stand-in mixed with paper white by the same amount.
 *
 * How the renderer uses this: set the custom properties of
 * {@link swatchCustomProperties} on the page root (e.g. `style` of the page
 * element) and write colours as `var(--bm-swatch-red)`, or call
 * {@link standInCss} for a tint (`standInCss(book, 'black', 30)` → `rgb(179 179 179)`).
 * Never write an ink colour as a literal: a literal that is not a stand-in is
 * converted through the output profile and prints as a four-colour mix.
 */
import type { Cmyk, Rgb8 } from './cmyk';
import { rgbKey, rgbToHex } from './cmyk';

/** One named ink colour of a swatch book. */
export interface Swatch {
  /** Stable identifier, used in documents (e.g. a label's `swatch` attribute). */
  name: string;
  /** What the editor sees, zh-CN first. */
  label: { zh: string; en: string };
  /** Exact process colour sent to the plates. */
  cmyk: Cmyk;
  /** The sRGB colour the screen shows and Chromium writes; unique within a book. */
  standIn: Rgb8;
}

/** The swatches of one paper (edition family). */
export interface SwatchBook {
  id: string;
  /** Paper names (as in the page's edition info) this book is the default for. */
  papers: readonly string[];
  swatches: readonly Swatch[];
}

/**
 * The registration colour: ink on every plate, used only for printer's marks
 * (crop and registration marks), never on the page.
 */
export const REGISTRATION: Cmyk = { c: 100, m: 100, y: 100, k: 100 };

/** A swatch from its name, labels, CMYK percentages and 8-bit stand-in. */
function swatch(name: string, zh: string, en: string, [c, m, y, k]: readonly [number, number, number, number], [r, g, b]: readonly [number, number, number]): Swatch {
  return { name, label: { zh, en }, cmyk: { c, m, y, k }, standIn: { r, g, b } };
}

// Pure black on screen, so black text the renderer did not style explicitly
// still maps to K100 (not to a four-colour rich black).
const BLACK = swatch('black', '黑', 'Black', [0, 0, 0, 100], [0, 0, 0]);

const PAPER = swatch('paper', '纸白', 'Paper', [0, 0, 0, 0], [255, 255, 255]);

/**
 * 萧山日报's red: M100 Y100, the "报红" of Chinese dailies (labels such as
 * 今日视点, the masthead, rules). Shown as #E60012, the usual screen
 * rendering of M100 Y100 in Chinese prepress.
 */
const NEWS_RED = swatch('red', '报红', 'Red', [0, 100, 100, 0], [230, 0, 18]);

/** A dark blue for info boxes and 导读 panels: C100 M60. */
const NEWS_BLUE = swatch('blue', '报蓝', 'Blue', [100, 60, 0, 0], [0, 94, 172]);

/** The default book, for 萧山日报 and any paper without its own. */
export const DEFAULT_SWATCH_BOOK: SwatchBook = {
  id: 'xiaoshan-daily',
  papers: ['萧山日报'],
  swatches: [BLACK, PAPER, NEWS_RED, NEWS_BLUE],
};

export const SWATCH_BOOKS: readonly SwatchBook[] = [DEFAULT_SWATCH_BOOK];

/** The swatch book of a paper, by its name as printed; the default when it has none. */
export function swatchBookFor(paperName: string): SwatchBook {
  return SWATCH_BOOKS.find((b) => b.papers.includes(paperName)) ?? DEFAULT_SWATCH_BOOK;
}

export function findSwatch(book: SwatchBook, name: string): Swatch | undefined {
  return book.swatches.find((s) => s.name === name);
}

function checkTint(tint: number): void {
  if (!Number.isInteger(tint) || tint < 1 || tint > 100) {
    throw new RangeError(`tint must be a whole percentage 1–100, got ${tint}`);
  }
}

/** The process colour of a tint of a swatch: every ink scaled by `tint` %. */
export function tintCmyk(swatch: Swatch, tint = 100): Cmyk {
  checkTint(tint);
  // Round to 0.01 % so 30 % of 100 is exactly 30, not 30.000000000000004.
  const s = (v: number) => Math.round(v * tint) / 100;
  return { c: s(swatch.cmyk.c), m: s(swatch.cmyk.m), y: s(swatch.cmyk.y), k: s(swatch.cmyk.k) };
}

/** The stand-in of a tint: the swatch's stand-in mixed with paper white. */
export function tintStandIn(swatch: Swatch, tint = 100): Rgb8 {
  checkTint(tint);
  const mix = (v: number) => Math.round(255 - ((255 - v) * tint) / 100);
  return { r: mix(swatch.standIn.r), g: mix(swatch.standIn.g), b: mix(swatch.standIn.b) };
}

/** CSS colour of a swatch or tint, e.g. `rgb(230 0 18)`. */
export function standInCss(book: SwatchBook, name: string, tint = 100): string {
  const swatch = findSwatch(book, name);
  if (!swatch) throw new RangeError(`no swatch "${name}" in book ${book.id}`);
  const c = tintStandIn(swatch, tint);
  return `rgb(${c.r} ${c.g} ${c.b})`;
}

/** CSS custom property name of a swatch (and tint), e.g. `--bm-swatch-red-30`. */
export function swatchPropertyName(name: string, tint = 100): string {
  return tint === 100 ? `--bm-swatch-${name}` : `--bm-swatch-${name}-${tint}`;
}

/** Tints given a custom property of their own; any other tint goes through {@link standInCss}. */
export const COMMON_TINTS = [10, 20, 30, 40, 50, 60, 70, 80, 90] as const;

/**
 * CSS custom properties for a book: `--bm-swatch-<name>` for each swatch and
 * `--bm-swatch-<name>-<tint>` for the {@link COMMON_TINTS}, as `#rrggbb`.
 */
export function swatchCustomProperties(book: SwatchBook): Record<string, string> {
  const props: Record<string, string> = {};
  for (const s of book.swatches) {
    props[swatchPropertyName(s.name)] = rgbToHex(s.standIn);
    if (s.name === 'paper') continue;
    for (const t of COMMON_TINTS) props[swatchPropertyName(s.name, t)] = rgbToHex(tintStandIn(s, t));
  }
  return props;
}

/** What an RGB colour of Chromium's PDF stands for. */
export interface SwatchMatch {
  swatch: Swatch;
  tint: number;
  cmyk: Cmyk;
}

/** Stand-in → swatch lookup for one book. */
export type SwatchIndex = ReadonlyMap<number, SwatchMatch>;

/**
 * Index of every stand-in of a book (each swatch at every whole tint).
 * Throws a `RangeError` if two stand-ins collide: the book is unusable then,
 * because the PDF could not tell the two inks apart.
 */
export function buildSwatchIndex(book: SwatchBook): SwatchIndex {
  const index = new Map<number, SwatchMatch>();
  for (const swatch of book.swatches) {
    // Paper has no tints: any tint of no ink is still no ink.
    const tints = swatch.name === 'paper' ? [100] : Array.from({ length: 100 }, (_, i) => i + 1);
    for (const tint of tints) {
      const key = rgbKey(tintStandIn(swatch, tint));
      const taken = index.get(key);
      if (taken) {
        throw new RangeError(
          `swatch book ${book.id}: ${swatch.name} ${tint}% and ${taken.swatch.name} ${taken.tint}% share the stand-in ${rgbToHex(tintStandIn(swatch, tint))}`,
        );
      }
      index.set(key, { swatch, tint, cmyk: tintCmyk(swatch, tint) });
    }
  }
  return index;
}

/** The swatch (and tint) an 8-bit RGB colour stands for, if any. */
export function swatchForRgb(index: SwatchIndex, rgb: Rgb8): SwatchMatch | undefined {
  return index.get(rgbKey(rgb));
}
