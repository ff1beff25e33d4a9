/**
 * RGB → CMYK for the vector colours of Chromium's PDF. The rules, in order:
 *
 * 1. A swatch stand-in (or a tint of one) becomes the swatch's exact CMYK:
 *    no conversion, so `rgb(230 0 18)` prints as C0 M100 Y100 K0.
 * 2. A neutral grey (r = g = b) goes to the black plate only, K = 1 − v:
 *    grey text and rules must not print as a four-colour mix that would
 *    misregister on newsprint.
 * 3. Anything else goes through the output ICC profile (sRGB → profile,
 *    LittleCMS's direct transform, profile-transform.ts). The profile's
 *    separation (GCR, ink limit) decides the inks, so the total area
 *    coverage stays within the profile's limit.
 *
 * Conversion through lcms is asynchronous and batched: call {@link prepare}
 * with every colour first, then {@link ColourConverter.cmykFor} is synchronous.
 */
import sharp from 'sharp';
import type { Cmyk, Rgb8 } from '../../../shared/color/cmyk';
import { rgbKey } from '../../../shared/color/cmyk';
import type { SwatchIndex } from '../../../shared/color/swatches';
import { swatchForRgb } from '../../../shared/color/swatches';
import { throughOutputProfile } from './profile-transform';

/** How a colour was resolved, for reports and tests. */
export type ColourRule = 'swatch' | 'grey' | 'profile';

export interface ResolvedColour {
  cmyk: Cmyk;
  rule: ColourRule;
}

/** Quantises a PDF colour component (0–1) to the 8-bit value Chromium started from. */
export function to8(v: number): number {
  return Math.max(0, Math.min(255, Math.round(v * 255)));
}

export function rgbFromUnit(r: number, g: number, b: number): Rgb8 {
  return { r: to8(r), g: to8(g), b: to8(b) };
}

export class ColourConverter {
  private readonly converted = new Map<number, Cmyk>();

  constructor(
    private readonly swatches: SwatchIndex,
    private readonly profilePath: string,
  ) {}

  /** Rule 1 or 2 if one applies; these need no profile. */
  private direct(rgb: Rgb8): ResolvedColour | undefined {
    const match = swatchForRgb(this.swatches, rgb);
    if (match) return { cmyk: match.cmyk, rule: 'swatch' };
    if (rgb.r === rgb.g && rgb.g === rgb.b) {
      return { cmyk: { c: 0, m: 0, y: 0, k: Math.round((1 - rgb.r / 255) * 1000) / 10 }, rule: 'grey' };
    }
    return undefined;
  }

  /** Converts, through the profile, every colour that neither a swatch nor the grey rule covers. */
  async prepare(colours: Iterable<Rgb8>): Promise<void> {
    const todo = new Map<number, Rgb8>();
    for (const c of colours) {
      const key = rgbKey(c);
      if (!this.converted.has(key) && !this.direct(c)) todo.set(key, c);
    }
    if (todo.size === 0) return;
    const list = [...todo.values()];
    const raw = Buffer.alloc(list.length * 3);
    list.forEach((c, i) => raw.set([c.r, c.g, c.b], i * 3));
    const out = await throughOutputProfile(sharp(raw, { raw: { width: list.length, height: 1, channels: 3 } }), this.profilePath)
      .raw()
      .toBuffer();
    if (out.length !== list.length * 4) throw new Error(`colour conversion returned ${out.length} bytes for ${list.length} colours`);
    const pct = (v: number) => Math.round((v / 255) * 1000) / 10;
    list.forEach((c, i) => {
      this.converted.set(rgbKey(c), { c: pct(out[i * 4]!), m: pct(out[i * 4 + 1]!), y: pct(out[i * 4 + 2]!), k: pct(out[i * 4 + 3]!) });
    });
  }

  /** Whether a colour is a swatch stand-in or neutral (needs no profile). */
  isDirect(rgb: Rgb8): boolean {
    return this.direct(rgb) !== undefined;
  }

  resolve(rgb: Rgb8): ResolvedColour {
    const d = this.direct(rgb);
    if (d) return d;
    const cmyk = this.converted.get(rgbKey(rgb));
    if (!cmyk) throw new RangeError(`colour rgb(${rgb.r} ${rgb.g} ${rgb.b}) was not prepared`);
    return { cmyk, rule: 'profile' };
  }

  cmykFor(rgb: Rgb8): Cmyk {
    return this.resolve(rgb).cmyk;
  }
}
