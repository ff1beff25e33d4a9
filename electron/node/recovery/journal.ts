/**
 * The recovery journal: unsaved pages written aside every few seconds, so a
 * crash or a power cut loses seconds of work, not an afternoon.
 *
 * Layout of the recovery folder (see docs/file-format.md):
 *
 * - `entries/<id>.json`, one per open document, `id` = the first 32 hex digits
 *   of SHA-256 of the host's document handle. Two lines: a small JSON header
 *   `{journal, id, path, name, savedAt}` (so listing never parses pages), then
 *   the JSON body `{pages, assets}` with asset entries (no bytes).
 * - `assets/<sha256>.<jpg|png>`: image bytes, stored once however many
 *   entries use them, so journalling a page costs its JSON, not its photos.
 *
 * Every file is written through the atomic save (temp, fsync, rename, fsync
 * folder). Reading validates exactly like opening a `.banmian` file. A damaged
 * entry is skipped with a warning and never stops the others. The folder is
 * bounded: past `maxEntries` or `maxBytes`, the oldest entries are dropped.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { AssetEntry } from '../../../shared/format/manifest';
import { assetEntrySchema } from '../../../shared/format/manifest';
import type { RecoveredEntry } from '../../../shared/host/host-api';
import { MAX_JSON_DEPTH } from '../../../shared/model/page-json';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData } from '../storage/assets';
import { verifyAsset } from '../storage/assets';
import { removeDeadTemps, writeFileAtomic } from '../storage/atomic-write';
import { gatherPageBins } from '../../../shared/format/migrate-2-to-3';
import { validatePages } from '../storage/content';
import { parseJsonEntry } from '../storage/decode';
import { LIMITS, STORAGE_ERRORS } from '../storage/limits';
import type { LoadedFile } from '../storage/types';

export const JOURNAL_VERSION = 1;
const HEADER_MAX_BYTES = 16 * 1024;
const ID = /^[0-9a-f]{32}$/;

export interface JournalWrite {
  /** The host's document handle; one entry per handle, replaced on each write. */
  handle: string;
  /** The file the document belongs to, or null when never saved. */
  path: string | null;
  /** Name for the recovery list (the file name, or 未命名). */
  name: string;
  pages: unknown[];
  assets: readonly AssetData[];
}

/** A journalled document as read back: validated like a loaded file. */
export interface RecoveredFile extends LoadedFile {
  id: string;
  path: string | null;
  name: string;
  savedAt: number;
}

export interface Journal {
  readonly dir: string;
  /** Journals a document; a no-op when nothing changed since its last write. */
  write(entry: JournalWrite): Promise<Result<{ id: string; written: boolean }>>;
  /** Journalled documents, newest first; damaged entries are skipped with a warning. */
  list(): Promise<Result<RecoveredEntry[]>>;
  /** Reads and validates one entry. */
  read(id: string): Promise<Result<RecoveredFile>>;
  /** Removes an entry (after a save, or when the editor declines it) and images nobody uses. */
  discard(id: string): Promise<Result<void>>;
}

export interface JournalOptions {
  /** Most entries kept (default 20). */
  maxEntries?: number;
  /** Most bytes kept, entries plus images (default 512 MiB). */
  maxBytes?: number;
  /** Where warnings go (default: stderr). */
  onWarning?: (message: string) => void;
  /** Clock (tests). */
  now?: () => number;
}

/** The journal id of a document handle. */
export function journalId(handle: string): string {
  return createHash('sha256').update(handle).digest('hex').slice(0, 32);
}

interface Header {
  journal: number;
  id: string;
  path: string | null;
  name: string;
  savedAt: number;
}

function parseHeader(line: string, id: string): Header | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  const h = value as Record<string, unknown>;
  const pathOk = h['path'] === null || (typeof h['path'] === 'string' && h['path'].length <= 4096);
  if (h['journal'] !== JOURNAL_VERSION || h['id'] !== id || !pathOk) return null;
  if (typeof h['name'] !== 'string' || h['name'].length > 500) return null;
  if (typeof h['savedAt'] !== 'number' || !Number.isFinite(h['savedAt'])) return null;
  return { journal: JOURNAL_VERSION, id, path: h['path'] as string | null, name: h['name'], savedAt: h['savedAt'] };
}

function assetFile(entry: AssetEntry): string {
  // entry.path is `assets/<hash>.<ext>`, validated by the manifest schema.
  return entry.path;
}

export function createJournal(dir: string, options: JournalOptions = {}): Journal {
  const maxEntries = options.maxEntries ?? 20;
  const maxBytes = options.maxBytes ?? 512 * 1024 * 1024;
  const warn = options.onWarning ?? ((m: string) => process.stderr.write(`banmian recovery: ${m}\n`));
  const now = options.now ?? Date.now;
  const entriesDir = join(dir, 'entries');
  const assetsDir = join(dir, 'assets');
  const lastDigest = new Map<string, string>();
  // One operation at a time: garbage collection must not race a write.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const entryPath = (id: string) => join(entriesDir, `${id}.json`);

  async function readHeader(id: string): Promise<Header | null> {
    let handle: fs.FileHandle | undefined;
    try {
      handle = await fs.open(entryPath(id), 'r');
      const buf = Buffer.alloc(HEADER_MAX_BYTES);
      const { bytesRead } = await handle.read(buf, 0, HEADER_MAX_BYTES, 0);
      const text = buf.subarray(0, bytesRead).toString('utf8');
      const nl = text.indexOf('\n');
      return nl < 0 ? null : parseHeader(text.slice(0, nl), id);
    } catch {
      return null;
    } finally {
      await handle?.close().catch(() => undefined);
    }
  }

  async function ids(): Promise<string[]> {
    try {
      return (await fs.readdir(entriesDir)).filter((n) => ID.test(n.slice(0, -5)) && n.endsWith('.json')).map((n) => n.slice(0, -5));
    } catch {
      return [];
    }
  }

  async function listHeaders(): Promise<{ header: Header; bytes: number }[]> {
    const out: { header: Header; bytes: number }[] = [];
    for (const id of await ids()) {
      const header = await readHeader(id);
      if (!header) {
        warn(`skipped damaged recovery entry ${id}`);
        continue;
      }
      const bytes = await fs.stat(entryPath(id)).then((s) => s.size, () => 0);
      out.push({ header, bytes });
    }
    return out.sort((a, b) => b.header.savedAt - a.header.savedAt);
  }

  /** Reads an entry's body; used by read() and by garbage collection. */
  async function readBody(id: string): Promise<Result<{ header: Header; pages: unknown[]; assets: AssetEntry[] }>> {
    let text: string;
    try {
      const stat = await fs.stat(entryPath(id));
      if (stat.size > LIMITS.pageBytes * 4) return fail(STORAGE_ERRORS.tooLarge, `recovery entry ${id} is too large`);
      text = await fs.readFile(entryPath(id), 'utf8');
    } catch {
      return fail(STORAGE_ERRORS.notFound, `no recovery entry ${id}`);
    }
    const nl = text.indexOf('\n');
    const header = nl < 0 ? null : parseHeader(text.slice(0, nl), id);
    if (!header) return fail(STORAGE_ERRORS.invalid, `recovery entry ${id} is damaged (header)`);
    const body = parseJsonEntry(Buffer.from(text.slice(nl + 1), 'utf8'), `recovery entry ${id}`, MAX_JSON_DEPTH + 2);
    if (!body.ok) return body;
    const b = body.value as { pages?: unknown; assets?: unknown };
    if (!Array.isArray(b.pages) || !Array.isArray(b.assets)) return fail(STORAGE_ERRORS.invalid, `recovery entry ${id} is damaged (body)`);
    const assets: AssetEntry[] = [];
    for (const a of b.assets) {
      const parsed = assetEntrySchema.safeParse(a);
      if (!parsed.success) return fail(STORAGE_ERRORS.invalid, `recovery entry ${id} lists an invalid image`);
      assets.push(parsed.data);
    }
    return ok({ header, pages: b.pages, assets });
  }

  async function collectGarbage(): Promise<void> {
    const used = new Set<string>();
    for (const id of await ids()) {
      const body = await readBody(id);
      if (body.ok) for (const a of body.value.assets) used.add(a.path.slice('assets/'.length));
    }
    let names: string[] = [];
    try {
      names = await fs.readdir(assetsDir);
    } catch {
      return;
    }
    for (const name of names) {
      if (!used.has(name) && /^[0-9a-f]{64}\.(jpg|png)$/.test(name)) await fs.rm(join(assetsDir, name), { force: true });
    }
    await removeDeadTemps(assetsDir);
    await removeDeadTemps(entriesDir);
  }

  async function enforceBounds(keep: string): Promise<void> {
    const headers = await listHeaders();
    let assetBytes = 0;
    try {
      for (const name of await fs.readdir(assetsDir)) assetBytes += (await fs.stat(join(assetsDir, name))).size;
    } catch {
      // no images yet
    }
    let total = assetBytes + headers.reduce((s, h) => s + h.bytes, 0);
    let count = headers.length;
    let dropped = false;
    // Oldest first; never the entry just written.
    for (const { header, bytes } of [...headers].reverse()) {
      if (count <= maxEntries && total <= maxBytes) break;
      if (header.id === keep) continue;
      await fs.rm(entryPath(header.id), { force: true });
      lastDigest.delete(header.id);
      warn(`dropped the oldest recovery entry "${header.name}" to stay within bounds`);
      count--;
      total -= bytes;
      dropped = true;
    }
    if (dropped) await collectGarbage();
  }

  return {
    dir,

    write(entry) {
      return serial(async () => {
        const id = journalId(entry.handle);
        const body = JSON.stringify({ pages: entry.pages, assets: entry.assets.map((a) => a.entry) });
        if (body.length > LIMITS.pageBytes * 4) return fail(STORAGE_ERRORS.tooLarge, 'the document is too large to journal');
        const digest = createHash('sha256').update(`${entry.path}\n${entry.name}\n${body}`).digest('hex');
        if (lastDigest.get(id) === digest) return ok({ id, written: false });
        try {
          await fs.mkdir(entriesDir, { recursive: true });
          await fs.mkdir(assetsDir, { recursive: true });
        } catch (e) {
          return fail(STORAGE_ERRORS.io, `cannot create the recovery folder ${dir}: ${(e as Error).message}`);
        }
        for (const asset of entry.assets) {
          const target = join(dir, assetFile(asset.entry));
          const verified = await verifyAsset(asset.entry, asset.bytes, { probe: false });
          if (!verified.ok) return verified;
          const existing = await fs.stat(target).then((s) => s.size, () => -1);
          if (existing === asset.entry.bytes) continue;
          const written = await writeFileAtomic(target, asset.bytes, { backup: false });
          if (!written.ok) return written;
        }
        const header: Header = { journal: JOURNAL_VERSION, id, path: entry.path, name: entry.name.slice(0, 500), savedAt: now() };
        const written = await writeFileAtomic(entryPath(id), Buffer.from(`${JSON.stringify(header)}\n${body}`, 'utf8'), { backup: false });
        if (!written.ok) return written;
        lastDigest.set(id, digest);
        await enforceBounds(id);
        return ok({ id, written: true });
      });
    },

    list() {
      return serial(async () => {
        const headers = await listHeaders();
        return ok(headers.map(({ header }) => ({ id: header.id, path: header.path, name: header.name, savedAt: header.savedAt })));
      });
    },

    read(id) {
      return serial(async (): Promise<Result<RecoveredFile>> => {
        if (!ID.test(id)) return fail(STORAGE_ERRORS.notFound, 'no such recovery entry');
        const body = await readBody(id);
        if (!body.ok) return body;
        const assets: AssetData[] = [];
        const lost: string[] = [];
        for (const entry of body.value.assets) {
          // A lost image costs that image, never the recovered text.
          let bytes: Buffer;
          try {
            bytes = await fs.readFile(join(dir, assetFile(entry)));
          } catch {
            lost.push(`recovered image ${entry.path} is missing`);
            continue;
          }
          const verified = await verifyAsset(entry, bytes, { probe: true });
          if (verified.ok) assets.push({ entry, bytes });
          else lost.push(verified.error.message);
        }
        const known = new Set(assets.map((a) => a.entry.hash));
        // An entry written before the story bin was the edition's has a bin per page: gathered, as a file's migration does.
        const children = gatherPageBins(body.value.pages);
        const labels = children.map((_, i) => `recovered page ${i + 1}`);
        const pages = validatePages(children, labels, known, 'warn');
        if (!pages.ok) return pages;
        const { header } = body.value;
        return ok({ id, path: header.path, name: header.name, savedAt: header.savedAt, pages: pages.value.pages, assets, warnings: [...lost, ...pages.value.warnings] });
      });
    },

    discard(id) {
      return serial(async (): Promise<Result<void>> => {
        if (!ID.test(id)) return fail(STORAGE_ERRORS.notFound, 'no such recovery entry');
        try {
          await fs.rm(entryPath(id), { force: true });
        } catch (e) {
          return fail(STORAGE_ERRORS.io, `cannot remove recovery entry ${id}: ${(e as Error).message}`);
        }
        lastDigest.delete(id);
        await collectGarbage();
        return ok(undefined);
      });
    },
  };
}
