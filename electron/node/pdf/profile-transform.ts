/**
 * sRGB → the output profile's CMYK: the one colour transform of print files
 * (photos, vector colours, preflight's ink measure under text).
 *
 * It is LittleCMS's own sRGB → profile transform, as sharp runs it when only
 * `withIccProfile(profile)` is asked (the pipeline's sRGB in, the profile as
 * output, no colourspace step). Asking for `toColourspace('cmyk')` as well —
 * what exports did before decision 0034 — first converts to libvips' built-in
 * CMYK profile and only then through the output profile: a CMYK → CMYK detour
 * that gamut-clips to the wrong press and re-separates, giving rgb(128 128
 * 128) as 43/34/33/55 where the profile says 35/25/25/50, and clear blues a
 * black they do not have. The direct transform is the profile's own
 * separation (its GCR, black and ink limits), and 5–8× cheaper (a megapixel
 * of distinct colours: 0.12–0.16 s instead of 0.7–1.2 s, load 21).
 *
 * sharp asks LittleCMS for the perceptual intent on this step. The shipped
 * IFRA26 profile has no separate perceptual mapping (its perceptual table
 * equals the relative colorimetric one; tests/electron/pdf/profile-transform.
 * test.ts checks values LittleCMS gives with either intent); a plant's own
 * profile with a perceptual table gets that table.
 */
import type { Sharp } from 'sharp';

/** `image` (sRGB, or anything sharp imports to sRGB) separated through the output profile: 4 channels, CMYK. */
export function throughOutputProfile(image: Sharp, profilePath: string): Sharp {
  return image.withIccProfile(profilePath, { attach: false });
}
