/**
 * Reading and writing `.banmian` files (see docs/file-format.md and
 * shared/format/manifest.ts). Everything that touches a page file on disk
 * goes through here: validation on load, atomic replace on save.
 */
import type { AssetEntry } from '../../../shared/format/manifest';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';

/** An image asset with its bytes. */
export interface AssetData {
  entry: AssetEntry;
  bytes: Uint8Array;
}

/** A page file as loaded: validated page JSON and its assets. */
export interface LoadedFile {
  /** One validated ProseMirror page JSON per page, in order. */
  pages: unknown[];
  assets: AssetData[];
  /** Findings that did not stop the load (warnings), one line each. */
  warnings: string[];
}

export interface FileContent {
  pages: unknown[];
  assets: readonly AssetData[];
}

/** Reads and fully validates a `.banmian` file. Never throws for bad input. */
export async function readBanmianFile(_path: string): Promise<Result<LoadedFile>> {
  return fail('NOT_IMPLEMENTED', 'storage is being written');
}

/**
 * Writes a `.banmian` file atomically: temp file in the same folder, fsync,
 * rename over the old one; the previous version is kept as `<name>~`.
 */
export async function writeBanmianFile(_path: string, _content: FileContent): Promise<Result<{ bytes: number }>> {
  return fail('NOT_IMPLEMENTED', 'storage is being written');
}

/** Reads an image from disk as an asset (hash, size, type), validating it. */
export async function assetFromImageFile(_path: string): Promise<Result<AssetData>> {
  return fail('NOT_IMPLEMENTED', 'storage is being written');
}
