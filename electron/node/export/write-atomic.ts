/**
 * Writing an output file so a reader never sees half of it: a temp file in
 * the same folder, flushed, then renamed over the target. A failure leaves
 * the old file (if any) as it was and no temp file behind.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `bytes` to `path` through a temp file. With a `signal` aborted before
 * the rename, the temp file is removed and the abort reason thrown: the
 * target is never touched.
 */
export async function writeFileAtomically(path: string, bytes: Uint8Array, options: { signal?: AbortSignal } = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    options.signal?.throwIfAborted();
    handle = await fs.open(temp, 'wx', 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = null;
    options.signal?.throwIfAborted();
    await fs.rename(temp, path);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw e;
  }
}
