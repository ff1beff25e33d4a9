/**
 * Photo commands: placing an image as a new photo block, putting an image
 * into an existing frame, and cropping (fit / fill, zoom, focal point).
 * Each is one transaction and one undo step; each returns false when it
 * does not apply (no such photo, nothing would change).
 */
import type { Node } from 'prosemirror-model';
import { NodeSelection } from 'prosemirror-state';
import type { Command, Transaction } from 'prosemirror-state';
import type { GridBox } from '../../page/geometry';
import { gridMetrics } from '../../page/geometry';
import type { PageSettings } from '../../page/settings';
import { placedEnd, usedBlockIds } from '../bin';
import { schema } from '../schema';
import { asGesture, clampBox, findBlock } from './blocks';
import { uniqueBlockId } from './duplicate-block';
import { activeScope } from '../../edition/page-scope';

/** An image as a photo node refers to it: the asset hash and its displayed pixel size. */
export interface PhotoImage {
  hash: string;
  pixelWidth: number;
  pixelHeight: number;
  /** Short description (defaults to empty). */
  alt?: string;
}

/** How the image sits in its frame. */
export interface PhotoCrop {
  /** `fill` covers the frame (cropping), `fit` shows the whole image. */
  fit: 'fill' | 'fit';
  /** Scale relative to `fit`/`fill`, at least 1 (zooming out of `fill` would leave gaps). */
  zoom: number;
  /** Focal point, 0–1 across and down: the image point that stays at that fraction of the frame. */
  focusX: number;
  focusY: number;
}

/** Largest zoom a crop may have (8× into the fill crop is far below any usable resolution). */
export const MAX_PHOTO_ZOOM = 8;
/** Grid lines a new photo block gives its caption and credit. */
export const NEW_PHOTO_CAPTION_LINES = 2;
/** Columns a newly placed photo spans by default (a typical 对开 news photo). */
export const NEW_PHOTO_COLS = 3;

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function checkImage(image: PhotoImage): void {
  if (!/^[0-9a-f]{64}$/.test(image.hash)) throw new RangeError(`photo asset hash must be 64 hex digits, got "${image.hash}"`);
  for (const k of ['pixelWidth', 'pixelHeight'] as const) {
    if (!Number.isInteger(image[k]) || image[k] < 1) throw new RangeError(`photo ${k} must be a positive integer, got ${image[k]}`);
  }
}

/**
 * The box of a new photo with its top-left at a grid cell: `cols` wide and
 * as many lines as the image needs at that width, plus the caption lines,
 * kept inside the grid.
 */
export function newPhotoBox(settings: PageSettings, image: PhotoImage, at: { col: number; line: number; cols?: number }): GridBox {
  const m = gridMetrics(settings);
  const grid = settings.grid;
  const cols = clamp(Math.round(at.cols ?? NEW_PHOTO_COLS), 1, grid.columns);
  const widthPx = cols * m.columnPx + (cols - 1) * m.gutterPx;
  const imageLines = Math.max(1, Math.round((widthPx * image.pixelHeight) / image.pixelWidth / m.linePx));
  return clampBox(grid, { col: at.col, line: at.line, cols, lines: imageLines + NEW_PHOTO_CAPTION_LINES });
}

/** A new photo node (empty caption and credit for the editor to type into). */
export function photoNode(id: string, box: GridBox, image: PhotoImage): Node {
  return schema.nodes['photo']!.create(
    {
      id,
      ...box,
      asset: image.hash,
      pixelWidth: image.pixelWidth,
      pixelHeight: image.pixelHeight,
      alt: image.alt ?? '',
      captionLines: Math.min(NEW_PHOTO_CAPTION_LINES, box.lines - 1),
    },
    [schema.nodes['caption']!.create(), schema.nodes['credit']!.create()],
  );
}

/**
 * Places an image as a new photo block at a grid cell (default size from
 * {@link newPhotoBox}), on top of the other blocks, and selects it.
 */
export function placePhoto(image: PhotoImage, at: { col: number; line: number; cols?: number }): Command {
  checkImage(image);
  if (!Number.isFinite(at.col) || !Number.isFinite(at.line)) throw new RangeError(`placePhoto needs a finite cell, got col ${at.col}, line ${at.line}`);
  return (state, dispatch) => {
    const scope = activeScope(state);
    const settings = scope.page.attrs['settings'] as PageSettings;
    if (dispatch) {
      const box = newPhotoBox(settings, image, at);
      const id = uniqueBlockId(state.doc, 'photo', usedBlockIds(state.doc));
      const node = photoNode(id, box, image);
      const tr = state.tr;
      // The photo goes at the page's end, on top of the others.
      const pos = placedEnd(scope);
      tr.insert(pos, node);
      tr.setSelection(NodeSelection.create(tr.doc, pos));
      dispatch(asGesture(tr, { structural: true }).scrollIntoView());
    }
    return true;
  };
}

function photoAt(state: { doc: Node }, id: string): { node: Node; pos: number } | null {
  const found = findBlock(state.doc, id);
  return found && found.node.type.name === 'photo' ? found : null;
}

/**
 * Puts an image into an existing photo frame (empty or full), keeping the
 * frame's box, fit and caption; the crop starts over (zoom 1, centred).
 */
export function setPhotoImage(id: string, image: PhotoImage): Command {
  checkImage(image);
  return (state, dispatch) => {
    const found = photoAt(state, id);
    if (!found) return false;
    const a = found.node.attrs;
    if (a['asset'] === image.hash && a['zoom'] === 1 && a['focusX'] === 0.5 && a['focusY'] === 0.5) return false;
    if (dispatch) {
      const tr = state.tr;
      const attrs: Record<string, unknown> = { asset: image.hash, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight, zoom: 1, focusX: 0.5, focusY: 0.5 };
      if (image.alt !== undefined) attrs['alt'] = image.alt;
      setAttrs(tr, found.pos, found.node, attrs);
      tr.setSelection(NodeSelection.create(tr.doc, found.pos));
      dispatch(asGesture(tr));
    }
    return true;
  };
}

/** The crop of a photo node, with out-of-range stored values brought into range. */
export function photoCrop(node: Node): PhotoCrop {
  const a = node.attrs as Record<string, unknown>;
  const n = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  return normalizeCrop({ fit: a['fit'] === 'fit' ? 'fit' : 'fill', zoom: n(a['zoom'], 1), focusX: n(a['focusX'], 0.5), focusY: n(a['focusY'], 0.5) });
}

/** A crop brought into range: zoom 1–{@link MAX_PHOTO_ZOOM}, focus 0–1. */
export function normalizeCrop(crop: PhotoCrop): PhotoCrop {
  return {
    fit: crop.fit,
    zoom: clamp(crop.zoom, 1, MAX_PHOTO_ZOOM),
    focusX: clamp(crop.focusX, 0, 1),
    focusY: clamp(crop.focusY, 0, 1),
  };
}

/**
 * Changes a photo's crop (the given parts; the rest stay) in one undo step.
 * Values are brought into range. False for an empty frame, a non-photo, or
 * when nothing would change.
 */
export function setPhotoCrop(id: string, change: Partial<PhotoCrop>): Command {
  for (const k of ['zoom', 'focusX', 'focusY'] as const) {
    const v = change[k];
    if (v !== undefined && !Number.isFinite(v)) throw new RangeError(`photo ${k} must be finite, got ${v}`);
  }
  if (change.fit !== undefined && change.fit !== 'fill' && change.fit !== 'fit') throw new RangeError(`photo fit must be fill or fit, got ${String(change.fit)}`);
  return (state, dispatch) => {
    const found = photoAt(state, id);
    if (!found || found.node.attrs['asset'] === '') return false;
    const current = photoCrop(found.node);
    const next = normalizeCrop({ ...current, ...change });
    const stored = found.node.attrs;
    const changed = (Object.keys(next) as (keyof PhotoCrop)[]).filter((k) => stored[k] !== next[k]);
    if (changed.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      setAttrs(tr, found.pos, found.node, Object.fromEntries(changed.map((k) => [k, next[k]])));
      dispatch(asGesture(tr));
    }
    return true;
  };
}

function setAttrs(tr: Transaction, pos: number, node: Node, attrs: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(attrs)) if (node.attrs[k] !== v) tr.setNodeAttribute(pos, k, v);
}
