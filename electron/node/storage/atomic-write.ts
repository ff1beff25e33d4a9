/**
 * Replacing a file so that a crash at any moment leaves either the old or the
 * new version on disk, never a mix:
 *
 * 1. write the new bytes to a temp file in the same folder (same file system,
 *    so the rename below is atomic), fsync it;
 * 2. keep the current version as the backup `<name>~` (hard link, or a copy
 *    where links are not supported), itself replaced by rename;
 * 3. rename the temp file over the target; fsync the folder so the rename
 *    survives a power cut.
 *
 * Temp files are `.<name>.<pid>-<random>.tmp`; ones left by a process that
 * no longer runs (killed mid-save) are removed by the next save.
 *
 * This is the project's one atomic writer: saves and the recovery journal
 * keep a backup; an export does not, and passes its abort signal, checked
 * before the temp file is created and again just before the rename, so a
 * cancelled export leaves no file and the target as it was.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { STORAGE_ERRORS } from './limits';

export interface AtomicWriteOptions {
  /** Keep the replaced version as `<path>~`. */
  backup: boolean;
  /**
   * Stops the write at its safe points (before the temp file, before the
   * rename): the result is then code `CANCELLED`, the temp file is gone and
   * the target untouched. An abort after the rename is too late: the write is done.
   */
  signal?: AbortSignal;
}

/** The backup path kept next to a saved file. */
export function backupPath(path: string): string {
  return `${path}~`;
}

function tempPrefix(target: string): string {
  return `.${basename(target)}.`;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const TEMP_NAME = /^\..+\.(\d+)-[0-9a-f]{12}\.tmp$/;

/**
 * Removes temp files of ours (`.<name>.<pid>-<12 hex>.tmp`) left in `dir` by
 * processes that no longer run, i.e. saves killed half-way.
 */
export async function removeDeadTemps(dir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && !processAlive(pid)) await fs.rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

async function fsyncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a folder; the rename is still atomic.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

async function existingMode(path: string): Promise<number | null> {
  try {
    const stat = await fs.stat(path);
    return stat.isFile() ? stat.mode & 0o7777 : null;
  } catch {
    return null;
  }
}

async function keepBackup(target: string, dir: string): Promise<void> {
  const backup = backupPath(target);
  const temp = join(dir, `${tempPrefix(backup)}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.link(target, temp);
  } catch {
    await fs.copyFile(target, temp);
  }
  await fs.rename(temp, backup);
}

function ioFailure(e: unknown, path: string, signal: AbortSignal | undefined): Result<never> {
  if (signal?.aborted) return fail('CANCELLED', `the write of ${basename(path)} was cancelled`);
  const err = e as NodeJS.ErrnoException;
  const why = err.code === 'ENOSPC' ? 'the disk is full' : err.code === 'EACCES' || err.code === 'EPERM' ? 'permission denied' : err.message;
  return fail(err.code === 'ENOENT' ? STORAGE_ERRORS.notFound : STORAGE_ERRORS.io, `cannot write ${path}: ${why}`);
}

/** Resolves a symlinked target so the link keeps pointing at the saved file. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await fs.realpath(path);
  } catch {
    return path;
  }
}

export async function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions): Promise<Result<{ bytes: number }>> {
  const target = await resolveTarget(path);
  const dir = dirname(target);
  const temp = join(dir, `${tempPrefix(target)}${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  await removeDeadTemps(dir);
  const mode = await existingMode(target);
  let handle: fs.FileHandle | undefined;
  try {
    options.signal?.throwIfAborted();
    handle = await fs.open(temp, 'wx', mode ?? 0o644);
    await handle.writeFile(bytes);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== null && options.backup) await keepBackup(target, dir);
    options.signal?.throwIfAborted();
    await fs.rename(temp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return ioFailure(e, path, options.signal);
  }
  await fsyncDir(dir);
  return ok({ bytes: bytes.byteLength });
}
