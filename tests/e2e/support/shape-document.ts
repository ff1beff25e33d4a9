/**
 * A page with a story that flows around a photo placed inside it, written
 * through the real storage (writeBanmianFile + assetFromImageFile with a
 * photo from fixtures/photos): the story is 3 grid columns × 60 lines, its
 * head spans all three; the photo (with caption and credit) takes the top
 * 24 lines of its right two columns under the head, so the body is an L:
 * the left column full height, the right two under the photo. Other photo
 * boxes give the other shapes (a U, two decks).
 */
import { join } from 'node:path';
import { assetFromImageFile, writeBanmianFile } from '../../../electron/node/storage/index';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { PROJECT_ROOT } from './web';

export const SHAPE_STORY = { id: 'shaped', col: 0, line: 10, cols: 3, lines: 60 } as const;
export const SHAPE_PHOTO = { id: 'inset', col: 1, line: 15, cols: 2, lines: 24 } as const;
/** Head group (4 lines) and byline (1 line). */
export const SHAPE_HEAD_LINES = 5;

/** Body paragraphs: distinct sentences, numbered so every character can be found once. */
export function shapeParagraphs(count: number): string[] {
  const base = [
    '萧山区持续推进城乡风貌整治提升，一批未来社区和未来乡村建设项目落地见效，居民生活品质不断提高。',
    '今年以来，全区聚焦产业平台能级提升，新引进亿元以上项目数量创历史新高，为高质量发展注入动能。',
    '在湘湖畔，越来越多的市民选择骑行和徒步，绿道串起了山水与城市，也串起了人们对美好生活的向往。',
    '记者走访发现，街道社区通过数字化手段，把服务送到群众家门口，办事时间从半天缩短到十几分钟。',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`第${i + 1}段。${base[i % base.length]!}`);
  return out;
}

/** Where the photo sits in the story (page grid units): the L by default. */
export type PhotoBox = { col: number; line: number; cols: number; lines: number };

/** A body part: a paragraph's text, or a crosshead (小标题, 2 lines). */
export type BodyPart = string | { crosshead: string };

export function shapePageJson(asset: { hash: string; pixelWidth: number; pixelHeight: number }, paragraphs: BodyPart[], photoBox: PhotoBox = SHAPE_PHOTO): unknown {
  const story = schema.node('story', { ...SHAPE_STORY }, [
    schema.node('headgroup', null, [schema.node('headline', { lines: 4 }, [schema.text('湘湖畔的新风景')])]),
    schema.node('byline', null, [schema.text('记者 张三')]),
    schema.node(
      'body',
      null,
      paragraphs.map((p) =>
        typeof p === 'string' ? schema.node('paragraph', null, [schema.text(p)]) : schema.node('crosshead', { lines: 2 }, [schema.text(p.crosshead)]),
      ),
    ),
  ]);
  const photo = schema.node('photo', { ...SHAPE_PHOTO, ...photoBox, asset: asset.hash, pixelWidth: asset.pixelWidth, pixelHeight: asset.pixelHeight }, [
    schema.node('caption', null, [schema.text('湘湖边的傍晚')]),
    schema.node('credit', null, [schema.text('记者 王五 摄')]),
  ]);
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [story, photo]).toJSON();
}

/** Writes the page into `dir` (the photo at `photoBox`); returns its path and the body paragraphs. */
export async function writeShapeFile(dir: string, paragraphCount = 30, photoBox: PhotoBox = SHAPE_PHOTO): Promise<{ path: string; paragraphs: string[] }> {
  const paragraphs = shapeParagraphs(paragraphCount);
  return { path: await writeShapeBody(dir, paragraphs, photoBox), paragraphs };
}

/** Writes the page with the body `parts` into `dir` (the photo at `photoBox`); returns its path. */
export async function writeShapeBody(dir: string, parts: BodyPart[], photoBox: PhotoBox = SHAPE_PHOTO): Promise<string> {
  const asset = await assetFromImageFile(join(PROJECT_ROOT, 'fixtures', 'photos', 'lakeside-evening.jpg'));
  if (!asset.ok) throw new Error(`cannot read the photo: ${asset.error.message}`);
  const path = join(dir, 'shape.banmian');
  const { hash, pixelWidth, pixelHeight } = asset.value.entry;
  const written = await writeBanmianFile(path, { pages: [shapePageJson({ hash, pixelWidth, pixelHeight }, parts, photoBox)], assets: [asset.value] });
  if (!written.ok) throw new Error(`cannot write the shape file: ${written.error.message}`);
  return path;
}
