/**
 * Image assets: identified by the SHA-256 of their bytes, JPEG or PNG only,
 * pixel size read by sharp. Importing decodes the whole image once (a
 * damaged image is refused at the door); loading a file checks the hash and
 * the header, which is enough to know the bytes are the ones imported.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename } from 'node:path';
import type { Metadata, Sharp, SharpOptions } from 'sharp';
import type { AssetEntry, AssetMime } from '../../../shared/format/manifest';
import { assetPath } from '../../../shared/format/manifest';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { LIMITS, quoteName, STORAGE_ERRORS } from './limits';

/** An image asset with its bytes. */
export interface AssetData {
  entry: AssetEntry;
  bytes: Uint8Array;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

type SharpFactory = (input: Uint8Array, options: SharpOptions) => Sharp;
let sharpModule: Promise<SharpFactory> | undefined;

// sharp loads libvips, which takes most of a second on a busy machine: load it
// on first use, so saving, the CLI and the journal never pay for it.
function loadSharp(): Promise<SharpFactory> {
  sharpModule ??= import('sharp').then((m) => m.default as unknown as SharpFactory);
  return sharpModule;
}

const MIME_BY_FORMAT: Record<string, AssetMime> = { jpeg: 'image/jpeg', png: 'image/png' };

interface Probe {
  mime: AssetMime;
  width: number;
  height: number;
}

/** Reads an image header; fails with one line for anything not a sane JPEG/PNG. */
export async function probeImage(bytes: Uint8Array, label: string): Promise<Result<Probe>> {
  let meta: Metadata;
  try {
    const sharp = await loadSharp();
    meta = await sharp(bytes, { limitInputPixels: LIMITS.assetPixels }).metadata();
  } catch (e) {
    return fail(STORAGE_ERRORS.invalidAsset, `${label} is not a readable image (${(e as Error).message})`);
  }
  const mime = meta.format ? MIME_BY_FORMAT[meta.format] : undefined;
  if (!mime) {
    const what = meta.format ? `a ${meta.format.toUpperCase()} image` : 'not an image';
    return fail(STORAGE_ERRORS.invalidAsset, `${label} is ${what}; only JPEG and PNG images can be placed`);
  }
  const { width, height } = meta;
  if (!width || !height || width < 1 || height < 1 || width > 100_000 || height > 100_000) {
    return fail(STORAGE_ERRORS.invalidAsset, `${label} has an impossible size ${width}×${height}`);
  }
  if (width * height > LIMITS.assetPixels) {
    return fail(STORAGE_ERRORS.tooLarge, `${label} has ${width}×${height} pixels; the limit is ${LIMITS.assetPixels}`);
  }
  return ok({ mime, width, height });
}

/** Reads an image from disk as an asset (hash, size, type), validating it fully. */
export async function assetFromImageFile(path: string): Promise<Result<AssetData>> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return fail(STORAGE_ERRORS.notFound, `${path} is not a file`);
    if (stat.size === 0) return fail(STORAGE_ERRORS.empty, `${path} is empty`);
    if (stat.size > LIMITS.assetBytes) return fail(STORAGE_ERRORS.tooLarge, `${path} is larger than ${LIMITS.assetBytes} bytes`);
    bytes = await fs.readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return fail(err.code === 'ENOENT' ? STORAGE_ERRORS.notFound : STORAGE_ERRORS.io, `cannot read ${path}: ${err.code ?? err.message}`);
  }
  const name = basename(path);
  const probe = await probeImage(bytes, quoteName(name));
  if (!probe.ok) return probe;
  try {
    // Decode every pixel once, so a truncated or damaged image never enters a page.
    const sharp = await loadSharp();
    await sharp(bytes, { limitInputPixels: LIMITS.assetPixels, failOn: 'error' }).raw().toBuffer({ resolveWithObject: false });
  } catch (e) {
    return fail(STORAGE_ERRORS.invalidAsset, `${quoteName(name)} is damaged (${(e as Error).message})`);
  }
  return ok({ entry: assetEntry(bytes, probe.value, name), bytes });
}

/** The manifest entry of an image's bytes: stored once by content hash, under a path the hash decides. */
export function assetEntry(bytes: Uint8Array, image: { mime: AssetMime; width: number; height: number }, name: string): AssetEntry {
  const hash = sha256Hex(bytes);
  return {
    hash,
    mime: image.mime,
    path: assetPath(hash, image.mime),
    pixelWidth: image.width,
    pixelHeight: image.height,
    bytes: bytes.byteLength,
    originalName: name.slice(0, 500),
  };
}

/**
 * Checks that asset bytes are what their entry says: hash, length, path,
 * type and pixel size. Used on load (untrusted) and before a save.
 */
export async function verifyAsset(entry: AssetEntry, bytes: Uint8Array, options: { probe: boolean }): Promise<Result<void>> {
  const label = entry.path;
  if (entry.path !== assetPath(entry.hash, entry.mime)) {
    return fail(STORAGE_ERRORS.invalidAsset, `asset ${quoteName(entry.path)} does not match its hash and type`);
  }
  if (bytes.byteLength !== entry.bytes) {
    return fail(STORAGE_ERRORS.invalidAsset, `${label} is ${bytes.byteLength} bytes, the manifest says ${entry.bytes}`);
  }
  if (sha256Hex(bytes) !== entry.hash) {
    return fail(STORAGE_ERRORS.invalidAsset, `${label} is damaged: its bytes do not match its hash`);
  }
  if (!options.probe) return ok(undefined);
  const probe = await probeImage(bytes, label);
  if (!probe.ok) return probe;
  const { mime, width, height } = probe.value;
  if (mime !== entry.mime) return fail(STORAGE_ERRORS.invalidAsset, `${label} is ${mime}, the manifest says ${entry.mime}`);
  if (width !== entry.pixelWidth || height !== entry.pixelHeight) {
    return fail(
      STORAGE_ERRORS.invalidAsset,
      `${label} is ${width}×${height} pixels, the manifest says ${entry.pixelWidth}×${entry.pixelHeight}`,
    );
  }
  return ok(undefined);
}
