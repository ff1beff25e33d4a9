/**
 * sRGB → the shipped IFRA26 profile gives what LittleCMS itself gives for that
 * transform (cmsCreateTransform(sRGB, TYPE_RGB_8, IFRA26, TYPE_CMYK_8) with the
 * relative colorimetric intent, and with the perceptual one: the profile has
 * no separate perceptual mapping), for photos and vector colours alike. Before
 * decision 0034 both went through libvips' built-in CMYK first: rgb(128 128
 * 128) came out 110/87/83/141 (43/34/33/55 %) instead of 89/65/63/128, and
 * rgb(0 128 255) took a black of 39 it does not have.
 */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { buildSwatchIndex, DEFAULT_SWATCH_BOOK } from '../../../shared/color/swatches';
import { ColourConverter } from '../../../electron/node/pdf/colour-convert';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import { throughOutputProfile } from '../../../electron/node/pdf/profile-transform';
import { separateRgbPixels } from '../../../electron/node/pdf/separate-colours';

/** sRGB in, LittleCMS 2's CMYK out (0–255 per ink), through banmian-ifra26-newsprint.icc. */
const LCMS: [number[], number[]][] = [
  [[128, 128, 128], [89, 65, 63, 128]],
  [[255, 0, 0], [0, 243, 255, 0]],
  [[0, 128, 255], [255, 106, 0, 0]],
  [[200, 150, 100], [0, 82, 235, 66]],
  [[255, 255, 255], [0, 0, 0, 0]],
];

const profile = shippedProfilePath();

describe('sRGB through the output profile', () => {
  it('gives LittleCMS values for pixels', async () => {
    const raw = Buffer.from(LCMS.flatMap(([rgb]) => rgb));
    const out = await throughOutputProfile(sharp(raw, { raw: { width: LCMS.length, height: 1, channels: 3 } }), profile).raw().toBuffer({ resolveWithObject: true });
    expect(out.info.channels).toBe(4);
    expect([...out.data]).toEqual(LCMS.flatMap(([, cmyk]) => cmyk));
  });

  it('gives them for a photo separated colour by colour', async () => {
    const rgb = Uint8Array.from(LCMS.flatMap(([rgb]) => rgb));
    const sep = await separateRgbPixels(rgb, LCMS.length, 1, 3, profile);
    expect([...sep.data]).toEqual(LCMS.flatMap(([, cmyk]) => cmyk));
  });

  it('gives them for vector colours the profile converts (not greys or swatches)', async () => {
    const converter = new ColourConverter(buildSwatchIndex(DEFAULT_SWATCH_BOOK), profile);
    const colours = LCMS.map(([[r, g, b]]) => ({ r: r!, g: g!, b: b! })).filter((c) => !converter.isDirect(c));
    expect(colours.length).toBeGreaterThanOrEqual(2);
    await converter.prepare(colours);
    const pct = (v: number) => Math.round((v / 255) * 1000) / 10;
    for (const c of colours) {
      const expected = LCMS.find(([rgb]) => rgb[0] === c.r && rgb[1] === c.g && rgb[2] === c.b)![1].map(pct);
      const got = converter.resolve(c);
      expect(got.rule).toBe('profile');
      expect([got.cmyk.c, got.cmyk.m, got.cmyk.y, got.cmyk.k]).toEqual(expected);
    }
  });
});
