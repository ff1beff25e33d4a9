/**
 * Placing a photo: an image file (by path from a dialog, or bytes the
 * renderer sent) is validated by sharp and added to the document's session
 * as an asset, stored once by content hash. The original bytes are kept as
 * they came (save and print use them); the screen gets a proxy later.
 *
 * Validation, in order, each failure one line naming the file and adding
 * nothing: size on disk, header (JPEG or PNG, a sane pixel size, at most
 * {@link MAX_IMAGE_PIXELS} so a small file claiming 30000 × 30000 pixels is
 * refused before any decoding), then a decode of every byte (a truncated or
 * damaged file fails here).
 */
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import type { AssetMime } from '../../../shared/format/manifest';
import type { ImportedImage } from '../../../shared/host/host-api';
import { MAX_IMAGE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { DocumentSession } from '../session/document-session';
import { assetEntry } from '../storage/assets';
import { safeFileName } from './import-copy';

/**
 * Most pixels an image to place may have: 120 megapixels, above any press
 * camera (a 100 MP medium-format frame is 11 648 × 8 736) and far below what
 * would take gigabytes to decode.
 */
export const MAX_IMAGE_PIXELS = 120_000_000;
/** Longest side accepted (a panorama may be long and thin, still within the pixel limit). */
export const MAX_IMAGE_SIDE = 30_000;

/** Stable error codes of a refused image. */
export const IMAGE_ERRORS = {
  empty: 'EMPTY_FILE',
  tooLarge: 'TOO_LARGE',
  notImage: 'NOT_AN_IMAGE',
  unsupported: 'UNSUPPORTED_IMAGE',
  damaged: 'DAMAGED_IMAGE',
  io: 'IO_ERROR',
} as const;

/** Where the image comes from. */
export type ImageSource = { path: string } | { name: string; bytes: Uint8Array };

type SharpFactory = (input: Uint8Array, options?: SharpOptions) => Sharp;
let sharpModule: Promise<SharpFactory> | undefined;

// libvips takes most of a second to load on a busy machine: only when a photo is placed.
function loadSharp(): Promise<SharpFactory> {
  sharpModule ??= import('sharp').then((m) => m.default as unknown as SharpFactory);
  return sharpModule;
}

const MIME_BY_FORMAT: Record<string, AssetMime> = { jpeg: 'image/jpeg', png: 'image/png' };

/** sharp's messages can run to several lines; the UI shows one. */
function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}

async function readSource(source: ImageSource): Promise<Result<{ name: string; bytes: Uint8Array }>> {
  if (!('path' in source)) return ok({ name: safeFileName(source.name), bytes: source.bytes });
  const name = basename(source.path);
  try {
    const stat = await fs.stat(source.path);
    if (!stat.isFile()) return fail(IMAGE_ERRORS.io, `${name} is not a file`);
    if (stat.size > MAX_IMAGE_UPLOAD_BYTES) return fail(IMAGE_ERRORS.tooLarge, `${name} is larger than ${MAX_IMAGE_UPLOAD_BYTES / 1024 / 1024} MiB`);
    return ok({ name, bytes: new Uint8Array(await fs.readFile(source.path)) });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail(IMAGE_ERRORS.io, `cannot read ${name}: ${err.code ?? err.message}`);
  }
}

/** The checked image: its type, stored size and displayed (oriented) size. */
export interface CheckedImage {
  mime: AssetMime;
  width: number;
  height: number;
  orientedWidth: number;
  orientedHeight: number;
}

/** Validates image bytes fully; never throws. `name` only labels the messages. */
export async function checkImage(name: string, bytes: Uint8Array): Promise<Result<CheckedImage>> {
  if (bytes.byteLength === 0) return fail(IMAGE_ERRORS.empty, `${name} is empty`);
  if (bytes.byteLength > MAX_IMAGE_UPLOAD_BYTES) return fail(IMAGE_ERRORS.tooLarge, `${name} is larger than ${MAX_IMAGE_UPLOAD_BYTES / 1024 / 1024} MiB`);
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    // Header only; the pixel limit here is sharp's own guard, ours follows with a clearer message.
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return fail(IMAGE_ERRORS.notImage, `${name} is not an image sharp can read (JPEG and PNG can be placed)`);
  }
  const mime = meta.format ? MIME_BY_FORMAT[meta.format] : undefined;
  if (!mime) {
    return fail(IMAGE_ERRORS.unsupported, `${name} is a ${(meta.format ?? 'unknown').toUpperCase()} image; only JPEG and PNG can be placed (convert it first)`);
  }
  const { width, height } = meta;
  if (!width || !height) return fail(IMAGE_ERRORS.damaged, `${name} has no pixel size`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    return fail(
      IMAGE_ERRORS.tooLarge,
      `${name} is ${width} × ${height} pixels (${Math.round((width * height) / 1e6)} MP); at most ${MAX_IMAGE_PIXELS / 1e6} MP and ${MAX_IMAGE_SIDE} px a side can be placed`,
    );
  }
  try {
    // Every byte is decoded (a small thumbnail keeps the memory low): a truncated or damaged file fails here, not in print.
    await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'truncated' }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
  } catch (e) {
    return fail(IMAGE_ERRORS.damaged, `${name} is damaged (${firstLine((e as Error).message)})`);
  }
  // EXIF orientations 5–8 turn the picture a quarter: what the browser shows (and prints) is turned too.
  const turned = (meta.orientation ?? 1) >= 5;
  return ok({ mime, width, height, orientedWidth: turned ? height : width, orientedHeight: turned ? width : height });
}

/**
 * Validates an image and adds it to the session's assets (once per content
 * hash). Never throws for bad input; the session is untouched on failure.
 */
export async function importImage(session: DocumentSession, source: ImageSource): Promise<Result<ImportedImage>> {
  const read = await readSource(source);
  if (!read.ok) return read;
  const { name, bytes } = read.value;
  const checked = await checkImage(name, bytes);
  if (!checked.ok) return checked;
  const { orientedWidth, orientedHeight } = checked.value;
  const fresh = assetEntry(bytes, checked.value, name);
  const existing = session.assets.get(fresh.hash);
  const asset = existing?.entry ?? fresh;
  if (!existing) session.assets.set(asset.hash, { entry: asset, bytes });
  return ok({ name, hash: asset.hash, pixelWidth: orientedWidth, pixelHeight: orientedHeight, asset });
}
