/**
 * Measures the ink a picture puts under black text that overprints it
 * (shared/preflight/black-over-image.ts): the picture's pixels where the text
 * lies, separated through the output profile as the print file will be,
 * averaged over 0.5 mm squares (the scale of a letter's stroke and of the
 * coverage measurement in tests/e2e/pdfx-seed), the highest C + M + Y of any
 * square, plus the text's 100 % K.
 */
import type { Node } from 'prosemirror-model';
import sharp from 'sharp';
import type { BlackOverPicture, InkUnderText } from '../../../shared/preflight/black-over-image';
import { blackTextOverPictures, inkKey } from '../../../shared/preflight/black-over-image';
import { throughOutputProfile } from '../pdf/profile-transform';

/** Side of the squares the coverage is averaged over, mm. */
export const SQUARE_MM = 0.5;

/** Where the image's pixels fall under the overlap: a pixel rectangle, and the image's mm per pixel. */
export function overlapPixels(o: Pick<BlackOverPicture, 'overlap' | 'picture' | 'crop'>, image: { width: number; height: number }) {
  // The same placement as the renderer's (renderer/photo/crop-geometry.ts placeImage), in mm.
  const sx = o.picture.widthMm / image.width;
  const sy = o.picture.heightMm / image.height;
  const scale = (o.crop.fit === 'fit' ? Math.min(sx, sy) : Math.max(sx, sy)) * (o.crop.zoom > 0 ? o.crop.zoom : 1);
  const left = (o.picture.widthMm - image.width * scale) * o.crop.focusX;
  const top = (o.picture.heightMm - image.height * scale) * o.crop.focusY;
  const ax = o.overlap.xMm - o.picture.xMm;
  const ay = o.overlap.yMm - o.picture.yMm;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const x0 = clamp(Math.floor((ax - left) / scale), image.width);
  const x1 = clamp(Math.ceil((ax + o.overlap.widthMm - left) / scale), image.width);
  const y0 = clamp(Math.floor((ay - top) / scale), image.height);
  const y1 = clamp(Math.ceil((ay + o.overlap.heightMm - top) / scale), image.height);
  return { left: x0, top: y0, width: x1 - x0, height: y1 - y0, mmPerPx: scale };
}

/** The highest C + M + Y (percent) of any SQUARE_MM square of a CMYK raster. */
export function highestCmy(raw: Uint8Array, width: number, height: number, squarePx: number): number {
  const n = Math.max(1, Math.round(squarePx));
  let best = 0;
  for (let by = 0; by < height; by += n) {
    for (let bx = 0; bx < width; bx += n) {
      let sum = 0;
      let count = 0;
      for (let y = by; y < Math.min(height, by + n); y++) {
        for (let x = bx; x < Math.min(width, bx + n); x++) {
          const i = (y * width + x) * 4;
          sum += raw[i]! + raw[i + 1]! + raw[i + 2]!;
          count++;
        }
      }
      best = Math.max(best, (sum / count / 255) * 100);
    }
  }
  return best;
}

/** The picture's ink under one overlap; null when the image cannot be read. */
export async function measureOverlap(bytes: Uint8Array, o: BlackOverPicture, profilePath: string): Promise<InkUnderText | null> {
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height) return null;
  // EXIF orientations 5–8 turn the picture a quarter: the displayed size swaps.
  const turned = (meta.orientation ?? 1) >= 5;
  const image = turned ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
  const px = overlapPixels(o, image);
  // The text lies over a part of the frame the picture does not reach: only the text's K prints there.
  if (px.width < 1 || px.height < 1) return { pictureCmyPct: 0, totalPct: 100 };
  const grey = meta.channels !== undefined && meta.channels <= 2 && meta.space !== 'cmyk';
  // Grey pictures go to the black plate only (as post-processing separates them): no C, M or Y.
  if (grey) return { pictureCmyPct: 0, totalPct: 100 };
  let pipeline = sharp(bytes).rotate().extract(px);
  pipeline = meta.space === 'cmyk' ? pipeline.pipelineColourspace('cmyk').toColourspace('cmyk') : throughOutputProfile(pipeline, profilePath);
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 4) return null;
  const cmy = highestCmy(data, info.width, info.height, SQUARE_MM / px.mmPerPx);
  return { pictureCmyPct: cmy, totalPct: cmy + 100 };
}

/**
 * Measurements for every black text over a picture on each page, by
 * shared inkKey; an overlap whose image is missing or unreadable is left out
 * (preflight then warns, as without a measurement).
 */
export async function measureInkUnderText(opts: {
  docs: readonly Node[];
  images: ReadonlyMap<string, Uint8Array>;
  profilePath: string;
  signal?: AbortSignal;
}): Promise<Map<string, InkUnderText>[]> {
  const out: Map<string, InkUnderText>[] = [];
  for (const doc of opts.docs) {
    const page = new Map<string, InkUnderText>();
    for (const o of blackTextOverPictures(doc)) {
      opts.signal?.throwIfAborted();
      const bytes = opts.images.get(o.asset);
      if (!bytes) continue;
      const ink = await measureOverlap(bytes, o, opts.profilePath).catch(() => null);
      if (ink) page.set(inkKey(o.textId, o.photoId), ink);
    }
    out.push(page);
  }
  return out;
}
