/**
 * Sample `.banmian` files for host and end-to-end tests, written through the
 * real storage: a story with headline, byline and body, and optionally a
 * photo whose image is larger than the screen proxy.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AssetData } from '../../../electron/node/storage/index';
import { writeBanmianFile } from '../../../electron/node/storage/index';
import { assetPath } from '../../../shared/format/manifest';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { PagePresetName } from '../../../shared/page/settings';

export const SAMPLE_HEADLINE = '马拉松赛道上的萧山力量';
export const SAMPLE_BODY = '本报讯 昨天，2022杭州马拉松鸣枪开跑，三万余名跑者从黄龙体育中心出发，途经萧山，奔向终点。沿途市民自发为选手加油鼓劲。';

/** A JPEG of `width` × `height` pixels: a smooth gradient (small, but real pixels). */
export async function gradientJpeg(width: number, height: number): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = (x * 255) / width;
      raw[i + 1] = (y * 255) / height;
      raw[i + 2] = 128;
    }
  }
  return sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

export async function jpegAsset(bytes: Buffer, name = 'photo.jpg'): Promise<AssetData> {
  const meta = await sharp(bytes).metadata();
  const hash = createHash('sha256').update(bytes).digest('hex');
  return {
    entry: { hash, mime: 'image/jpeg', path: assetPath(hash, 'image/jpeg'), pixelWidth: meta.width!, pixelHeight: meta.height!, bytes: bytes.byteLength, originalName: name },
    bytes,
  };
}

/** The JSON of a page with one story and, when given, a photo of `asset`. */
export function samplePageJson(options: { preset?: PagePresetName; asset?: AssetData; headline?: string; body?: string } = {}): unknown {
  const blocks = [
    schema.node('story', { id: 'lead', col: 0, line: 0, cols: 4, lines: 40 }, [
      schema.node('headgroup', null, [schema.node('headline', null, [schema.text(options.headline ?? SAMPLE_HEADLINE)])]),
      schema.node('byline', null, [schema.text('记者 张三 通讯员 李四')]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text(options.body ?? SAMPLE_BODY)])]),
    ]),
  ];
  if (options.asset) {
    const { hash, pixelWidth, pixelHeight } = options.asset.entry;
    blocks.push(
      schema.node('photo', { id: 'photo1', col: 4, line: 0, cols: 4, lines: 30, asset: hash, pixelWidth, pixelHeight }, [
        schema.node('caption', null, [schema.text('选手们奔跑在萧山赛段')]),
        schema.node('credit', null, [schema.text('记者 王五 摄')]),
      ]),
    );
  }
  return schema.node('page', { settings: settingsFromPreset(options.preset ?? 'duikai') }, blocks).toJSON();
}

/** Writes a sample file into `dir` and returns its path. */
export async function writeSampleFile(
  dir: string,
  options: { name?: string; photo?: { width: number; height: number }; preset?: PagePresetName; body?: string } = {},
): Promise<{ path: string; asset: AssetData | null; pages: unknown[] }> {
  const asset = options.photo ? await jpegAsset(await gradientJpeg(options.photo.width, options.photo.height)) : null;
  const pages = [samplePageJson({ preset: options.preset, asset: asset ?? undefined, body: options.body })];
  const path = join(dir, options.name ?? 'sample.banmian');
  const written = await writeBanmianFile(path, { pages, assets: asset ? [asset] : [] });
  if (!written.ok) throw new Error(`cannot write the sample file: ${written.error.message}`);
  return { path, asset, pages };
}
