// Separating each distinct colour once gives exactly the whole-image pipeline's bytes.
import { join } from 'node:path';
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import { separateImage, separateRgbPixels } from '../../../electron/node/pdf/separate-colours';
import { throughOutputProfile } from '../../../electron/node/pdf/profile-transform';
import { readBanmianFile } from '../../../electron/node/storage/index';

const profile = shippedProfilePath();

/** What print conversion did before: the whole image through the sRGB → profile transform. */
async function wholeImage(image: Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const out = await throughOutputProfile(image, profile).raw().toBuffer({ resolveWithObject: true });
  return { data: out.data, width: out.info.width, height: out.info.height };
}

async function expectSame(open: () => Sharp): Promise<void> {
  const expected = await wholeImage(open());
  const got = await separateImage(open, profile);
  expect([got.width, got.height]).toEqual([expected.width, expected.height]);
  expect(got.data.length).toBe(expected.data.length);
  // Byte for byte; a mismatch reports where rather than dumping megabytes.
  const first = got.data.findIndex((v, i) => v !== expected.data[i]);
  expect(first).toBe(-1);
}

/** A noisy photo-like image: many distinct colours. */
function noisy(width: number, height: number): Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: 120, g: 90, b: 200 }, noise: { type: 'gaussian', mean: 128, sigma: 60 } } });
}

describe('separating each distinct colour once', () => {
  it('equals the whole-image pipeline for a noisy JPEG', async () => {
    const jpeg = await noisy(640, 480).jpeg({ quality: 90 }).toBuffer();
    await expectSame(() => sharp(jpeg));
  });

  it('equals it for a JPEG with an embedded (Display P3) profile', async () => {
    const jpeg = await noisy(500, 300).withIccProfile('p3').jpeg({ quality: 85 }).toBuffer();
    expect((await sharp(jpeg).metadata()).icc).toBeDefined();
    await expectSame(() => sharp(jpeg));
  });

  it('equals it for a PNG, raw pixels and a resized pipeline', async () => {
    const png = await noisy(300, 200).png().toBuffer();
    await expectSame(() => sharp(png));
    const raw = await noisy(257, 129).raw().toBuffer();
    await expectSame(() => sharp(raw, { raw: { width: 257, height: 129, channels: 3 } }));
    await expectSame(() => sharp(png).resize(150, 100, { fit: 'fill', kernel: 'lanczos3' }));
  });

  it('equals it for an image with an alpha channel (the whole-image pipeline is used)', async () => {
    const png = await noisy(120, 80).ensureAlpha(0.5).png().toBuffer();
    await expectSame(() => sharp(png));
  });

  it('equals it for the reference page’s photos', async () => {
    const read = await readBanmianFile(join(import.meta.dirname, '../../../fixtures/seed-front-page.banmian'));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.assets.length).toBeGreaterThan(0);
    for (const asset of read.value.assets) await expectSame(() => sharp(asset.bytes));
  }, 120_000);

  it('gives the whole-image bytes for black, white, primaries and a repeated colour', async () => {
    // A row of raw pixels: the extremes, the primaries, near-extremes, black again.
    const px = Buffer.from([0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255, 0, 0, 0, 255, 1, 2, 3, 254, 253, 252, 0, 0, 0]);
    const got = await separateRgbPixels(px, 8, 1, 3, profile);
    const expected = await wholeImage(sharp(px, { raw: { width: 8, height: 1, channels: 3 } }));
    expect([...got.data]).toEqual([...expected.data]);
    // The same colour twice gives the same CMYK.
    expect([...got.data.subarray(0, 4)]).toEqual([...got.data.subarray(28, 32)]);
  });
});
