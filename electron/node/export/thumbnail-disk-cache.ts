/**
 * Page thumbnails kept on disk, in the state folder
 * (`$BANMIAN_THUMBNAIL_DIR`, else `$XDG_STATE_HOME/banmian/thumbnails`, else
 * `~/.local/state/banmian/thumbnails`): one JSON file per thumbnail, named by
 * its hash (the page's content, the width and the renderer build). An edition
 * opened again shows its plan at once instead of laying every page out in
 * print mode. Best effort: a file that cannot be read or written is a miss.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { stateFolder } from '../state-folder';
import type { PageThumbnail } from '../../../shared/host/host-methods';
import { pageThumbnailSchema } from '../../../shared/host/host-methods';

/** Files kept at most (about 30 KB each): many editions' plans. */
export const THUMBNAIL_DISK_LIMIT = 2000;

/** Where thumbnails are kept between runs. */
export function defaultThumbnailDir(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  return stateFolder('thumbnails', 'BANMIAN_THUMBNAIL_DIR', env, home);
}

/** A short hash of the built renderer's entry (its bundles' names carry their content hashes): a new build draws anew. */
export function rendererBuildId(indexHtml: string): string {
  return createHash('sha256').update(indexHtml).digest('hex').slice(0, 12);
}

export class ThumbnailDiskCache {
  #writes = 0;

  constructor(
    readonly dir: string,
    private readonly limit = THUMBNAIL_DISK_LIMIT,
  ) {}

  #file(hash: string): string | null {
    // Hashes are hex; anything else never names a file.
    return /^[0-9a-f]{16,64}$/.test(hash) ? join(this.dir, `${hash}.json`) : null;
  }

  /** The thumbnail kept under `hash`, or null. */
  async get(hash: string): Promise<PageThumbnail | null> {
    const file = this.#file(hash);
    if (!file) return null;
    try {
      const parsed = pageThumbnailSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      if (!parsed.success || parsed.data.hash !== hash) return null;
      // Used: the oldest-used files go first when the folder is full.
      const now = new Date();
      void utimes(file, now, now).catch(() => undefined);
      return parsed.data;
    } catch {
      return null;
    }
  }

  /** Keeps `thumb` (written whole, then renamed: a reader never sees half a file). */
  async put(thumb: PageThumbnail): Promise<void> {
    const file = this.#file(thumb.hash);
    if (!file) return;
    try {
      await mkdir(this.dir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(thumb));
      await rename(tmp, file);
      if (++this.#writes % 50 === 1) await this.#prune();
    } catch {
      // A full or read-only disk: the memory cache still holds it.
    }
  }

  /** Deletes the least recently used files beyond the limit. */
  async #prune(): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.endsWith('.json'));
    if (names.length <= this.limit) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(this.dir, n)).catch(() => null))?.mtimeMs ?? 0 })));
    dated.sort((a, b) => a.t - b.t);
    for (const { n } of dated.slice(0, dated.length - this.limit)) await unlink(join(this.dir, n)).catch(() => undefined);
  }
}
