/** Sample content for storage tests: real pages and real images made with sharp. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { folioNameChinese } from '../../../shared/edition/folio';
import type { AssetData } from '../../../electron/node/storage';
import { assetPath } from '../../../shared/format/manifest';
import { sha256Hex } from '../../../electron/node/storage/assets';

/** A page with a story and, when given, a photo showing `asset`. */
export function samplePage(n: number, asset?: AssetData, text = '萧山日报讯 马拉松'): unknown {
  const blocks = [
    schema.node('story', { id: `s${n}`, col: 0, line: 0, cols: 4, lines: 40 }, [
      schema.node('headgroup', null, [schema.node('headline', null, [schema.text(`第${n}版 标题`)])]),
      schema.node('byline', null, [schema.text('本报记者 张三')]),
      schema.node('body', null, [
        schema.node('paragraph', null, [schema.text(`${text}，第${n}段。`)]),
        schema.node('paragraph', null, [schema.text('二段正文，', [schema.mark('strong')]), schema.text('后文。')]),
      ]),
    ]),
  ];
  if (asset) {
    blocks.push(
      schema.node(
        'photo',
        { id: `p${n}`, col: 4, line: 0, cols: 4, lines: 30, asset: asset.entry.hash, pixelWidth: asset.entry.pixelWidth, pixelHeight: asset.entry.pixelHeight },
        [schema.node('caption', null, [schema.text('图片说明')]), schema.node('credit', null, [schema.text('记者 李四 摄')])],
      ),
    );
  }
  return schema.node('page', { settings: settingsFromPreset('duikai', { paperName: '萧山日报', date: '2022-11-21', pageNumber: n, section: '要闻', editionName: folioNameChinese(n) }) }, blocks).toJSON();
}

/** Random-noise image bytes (noise does not compress: size grows with pixels). */
export async function noiseImage(width: number, height: number, seed: number, format: 'jpeg' | 'png' = 'jpeg'): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  let x = seed * 2654435761 || 1;
  for (let i = 0; i < raw.length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  const img = sharp(raw, { raw: { width, height, channels: 3 } });
  return format === 'jpeg' ? img.jpeg({ quality: 90 }).toBuffer() : img.png().toBuffer();
}

/** An asset from image bytes, built independently of the code under test. */
export async function assetFromBytes(bytes: Buffer, name = 'photo.jpg'): Promise<AssetData> {
  const meta = await sharp(bytes).metadata();
  const mime = meta.format === 'png' ? 'image/png' : 'image/jpeg';
  const hash = sha256Hex(bytes);
  return {
    entry: { hash, mime, path: assetPath(hash, mime), pixelWidth: meta.width!, pixelHeight: meta.height!, bytes: bytes.byteLength, originalName: name },
    bytes,
  };
}

/** A fresh temp folder and its remover. */
export function tempDir(prefix = 'banmian-storage-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
