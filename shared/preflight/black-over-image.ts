/**
 * Black text over pictures: where a black label or teaser lies over a
 * photo's picture area, and what the picture's own ink there adds up to once
 * the text's 100 % K overprints it (OPM 1: the text's zero C, M, Y leave the
 * picture's, its K replaces the picture's K, so the sum is the picture's
 * C + M + Y + 100 %). The overlaps are geometry of the page alone; the ink is
 * measured by the host from the picture's pixels through the output profile.
 *
 * Rectangles are where the blocks are drawn: a block in a boxed story is drawn
 * clear of the box's inset (shared/layout/box-wrap.ts), a photo's picture and
 * a label's text with it.
 */
import type { Node } from 'prosemirror-model';
import { boxWrapInsets } from '../layout/box-wrap';
import type { EdgeInsets } from '../layout/box-wrap';
import { gridBoxRect, gridMetrics } from '../page/geometry';
import type { PageSettings } from '../page/settings';
import { PX_PER_MM } from '../page/units';

/** A rectangle in mm from the trim's top-left corner. */
export interface RectMm {
  xMm: number;
  yMm: number;
  widthMm: number;
  heightMm: number;
}

/** One black text block over one picture. */
export interface BlackOverPicture {
  textId: string;
  /** `label` or `teaser`. */
  textKind: string;
  photoId: string;
  /** The picture's asset hash. */
  asset: string;
  /** Where the text box and the picture area overlap. */
  overlap: RectMm;
  /** The picture area: the photo frame less its caption lines. */
  picture: RectMm;
  /** How the image sits in the picture area (the photo node's crop). */
  crop: { fit: string; zoom: number; focusX: number; focusY: number };
}

/** What the host measured under one overlap. */
export interface InkUnderText {
  /** Highest C + M + Y of the picture under the text, percent, over 0.5 mm squares. */
  pictureCmyPct: number;
  /** That plus the text's 100 % K: the total area coverage where a letter lands there. */
  totalPct: number;
}

/** Key of a measurement: the text block and the photo. */
export function inkKey(textId: string, photoId: string): string {
  return `${textId}|${photoId}`;
}

/** Where `node` is drawn: its grid box less what a boxed story around it takes (`insets`, px). */
function rectOf(node: Node, settings: PageSettings, insets: EdgeInsets | undefined): RectMm {
  const metrics = gridMetrics(settings);
  const a = node.attrs as Record<string, number>;
  const r = gridBoxRect(metrics, { col: a['col']!, line: a['line']!, cols: a['cols']!, lines: a['lines']! });
  const e = insets ?? { left: 0, top: 0, right: 0, bottom: 0 };
  return {
    xMm: (metrics.typeLeftPx + r.x + e.left) / PX_PER_MM,
    yMm: (metrics.typeTopPx + r.y + e.top) / PX_PER_MM,
    widthMm: Math.max(0, r.width - e.left - e.right) / PX_PER_MM,
    heightMm: Math.max(0, r.height - e.top - e.bottom) / PX_PER_MM,
  };
}

/**
 * Every black label (not reversed) and teaser overlapping a picture by more
 * than 0.1 mm each way, in document order. Stories wrap around pictures and
 * are not counted.
 */
export function blackTextOverPictures(doc: Node): BlackOverPicture[] {
  const settings = doc.attrs['settings'] as PageSettings;
  const linePx = gridMetrics(settings).linePx;
  const pictures: { id: string; asset: string; rect: RectMm; crop: BlackOverPicture['crop'] }[] = [];
  const texts: { id: string; kind: string; rect: RectMm }[] = [];
  const insets = boxWrapInsets(doc);
  doc.forEach((node, _offset, index) => {
    const kind = node.type.name;
    const a = node.attrs as Record<string, unknown>;
    if (kind === 'photo' && String(a['asset'] ?? '') !== '') {
      const rect = rectOf(node, settings, insets.get(index));
      const heightMm = rect.heightMm - ((a['captionLines'] as number) * linePx) / PX_PER_MM;
      if (heightMm <= 0) return;
      const crop = { fit: String(a['fit']), zoom: Number(a['zoom']), focusX: Number(a['focusX']), focusY: Number(a['focusY']) };
      pictures.push({ id: String(a['id'] ?? ''), asset: String(a['asset']), rect: { ...rect, heightMm }, crop });
    } else if ((kind === 'label' && a['variant'] !== 'solid' && a['swatch'] === 'black') || kind === 'teaser') {
      texts.push({ id: String(a['id'] ?? ''), kind, rect: rectOf(node, settings, insets.get(index)) });
    }
  });
  const found: BlackOverPicture[] = [];
  for (const t of texts) {
    for (const p of pictures) {
      const x0 = Math.max(t.rect.xMm, p.rect.xMm);
      const y0 = Math.max(t.rect.yMm, p.rect.yMm);
      const x1 = Math.min(t.rect.xMm + t.rect.widthMm, p.rect.xMm + p.rect.widthMm);
      const y1 = Math.min(t.rect.yMm + t.rect.heightMm, p.rect.yMm + p.rect.heightMm);
      if (x1 - x0 <= 0.1 || y1 - y0 <= 0.1) continue;
      found.push({
        textId: t.id,
        textKind: t.kind,
        photoId: p.id,
        asset: p.asset,
        overlap: { xMm: x0, yMm: y0, widthMm: x1 - x0, heightMm: y1 - y0 },
        picture: p.rect,
        crop: p.crop,
      });
    }
  }
  return found;
}
