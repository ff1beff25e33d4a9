/**
 * Reading and writing `.banmian` files (see docs/file-format.md and
 * shared/format/manifest.ts). Everything that touches a page file on disk
 * goes through here: validation on load, atomic replace on save.
 */
import { promises as fs } from 'node:fs';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { writeFileAtomic } from './atomic-write';
import type { DecodeOptions } from './decode';
import { decodeBanmian } from './decode';
import { encodeBanmian } from './encode';
import { LIMITS, STORAGE_ERRORS } from './limits';
import type { FileContent, LoadedFile } from './types';

export type { AssetData, FileContent, LoadedFile } from './types';
export { assetFromImageFile } from './assets';
export { backupPath } from './atomic-write';
export { LIMITS, STORAGE_ERRORS } from './limits';

/** Reads and fully validates a `.banmian` file. Never throws for bad input; never writes. */
export async function readBanmianFile(path: string, options: DecodeOptions = {}): Promise<Result<LoadedFile>> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) return fail(STORAGE_ERRORS.notFound, `${path} is not a file`);
    if (stat.size === 0) return fail(STORAGE_ERRORS.empty, 'the file is empty (0 bytes)');
    if (stat.size > LIMITS.fileBytes) return fail(STORAGE_ERRORS.tooLarge, `the file is larger than ${LIMITS.fileBytes} bytes`);
    bytes = await fs.readFile(path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return fail(STORAGE_ERRORS.notFound, `no such file: ${path}`);
    return fail(STORAGE_ERRORS.io, `cannot read ${path}: ${err.code ?? err.message}`);
  }
  if (bytes.byteLength === 0) return fail(STORAGE_ERRORS.empty, 'the file is empty (0 bytes)');
  try {
    return await decodeBanmian(bytes, options);
  } catch (e) {
    // A bug of ours must not take the app down with it; the file stays untouched.
    return fail(STORAGE_ERRORS.invalid, `cannot read the file: ${(e as Error).message}`);
  }
}

/**
 * Writes a `.banmian` file atomically: temp file in the same folder, fsync,
 * rename over the old one; the previous version is kept as `<name>~`.
 * Refuses (writes nothing) when a page does not validate.
 */
export async function writeBanmianFile(path: string, content: FileContent): Promise<Result<{ bytes: number }>> {
  let encoded: Result<Buffer>;
  try {
    encoded = await encodeBanmian(content);
  } catch (e) {
    return fail(STORAGE_ERRORS.invalid, `cannot encode the file: ${(e as Error).message}`);
  }
  if (!encoded.ok) return encoded;
  return writeFileAtomic(path, encoded.value, { backup: true });
}
