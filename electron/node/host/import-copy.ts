/**
 * Copy intake for the story bin: a file (by path, or bytes the renderer
 * sent) is read and recognised in the import worker, its pictures become
 * assets of the document's session, and its stories come back as blocks of
 * the page schema in JSON for the renderer to put in the bin.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { assetPath } from '../../../shared/format/manifest';
import type { ImportedCopy } from '../../../shared/host/host-api';
import { draftsToBlocks } from '../../../shared/intake/to-prosemirror';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { OffThreadOptions } from '../intake/import-off-thread';
import { importFileOffThread } from '../intake/import-off-thread';
import type { DocumentSession } from '../session/document-session';

/**
 * Most stories one import may put in the bin. A page takes a dozen or two; a
 * day's wire file a few hundred. More is not copy for one page (a database
 * dump, a whole year's archive) and would bury the bin: refused, with the count.
 */
export const MAX_BIN_IMPORT_STORIES = 500;

/** Where the copy comes from. */
export type CopySource = { path: string } | { name: string; bytes: Uint8Array };

/** File names from the renderer: no folders, no control characters, a sane length. */
export function safeFileName(name: string): string {
  const base = basename(name.replaceAll('\\', '/')).replace(/[\u0000-\u001f\u007f]/g, '').slice(-200);
  return base === '' || base === '.' || base === '..' ? 'copy.txt' : base;
}

async function importSource(source: CopySource, options: OffThreadOptions): Promise<ReturnType<typeof importFileOffThread>> {
  if ('path' in source) return importFileOffThread(source.path, options);
  if (source.bytes.length === 0) return fail('EMPTY', 'the file is empty');
  // The worker reads files: the upload goes to a private temporary folder under its own name (the extension says how to read it).
  const dir = await mkdtemp(join(tmpdir(), 'banmian-copy-'));
  try {
    const path = join(dir, safeFileName(source.name));
    await writeFile(path, source.bytes);
    return await importFileOffThread(path, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Imports copy into a document's session. Never throws for bad input; failures are one line each. */
export async function importCopy(session: DocumentSession, source: CopySource, options: OffThreadOptions = {}): Promise<Result<ImportedCopy>> {
  const started = performance.now();
  // Every refusal names the file: several may be dropped at once.
  const name = 'path' in source ? basename(source.path) : safeFileName(source.name);
  let imported;
  try {
    imported = await importSource(source, options);
  } catch (e) {
    return fail('READ_FAILED', `${name}: the file could not be read: ${(e as Error).message}`);
  }
  if (!imported.ok) return fail(imported.error.code, `${name}: ${imported.error.message}`);
  const file = imported.value;
  const count = file.result.stories.length;
  if (count > MAX_BIN_IMPORT_STORIES) {
    return fail(
      'TOO_MANY_STORIES',
      `${file.name} holds ${count} stories; one import takes at most ${MAX_BIN_IMPORT_STORIES} (split the file, or import the day's copy only)`,
    );
  }
  const bySrc = new Map(file.images.map((i) => [i.src, i]));
  const blocks = draftsToBlocks(file.result.stories, {
    decisions: file.result.decisions,
    assetFor: (photo) => {
      const image = photo.image && bySrc.get(photo.image.src);
      return image ? { asset: image.hash, pixelWidth: image.pixelWidth, pixelHeight: image.pixelHeight } : null;
    },
  }).map((b) => b.toJSON() as unknown);
  const assets = file.images.map((i) => {
    const entry = {
      hash: i.hash,
      mime: i.mime,
      path: assetPath(i.hash, i.mime),
      pixelWidth: i.pixelWidth,
      pixelHeight: i.pixelHeight,
      bytes: i.bytes.length,
      originalName: `${file.name}#${i.src}`,
    };
    // The session keeps the bytes: the renderer shows them by hash and saving writes them.
    if (!session.assets.has(i.hash)) session.assets.set(i.hash, { entry, bytes: i.bytes });
    return entry;
  });
  return ok({ name: file.name, blocks, storyCount: count, assets, warnings: file.warnings, elapsedMs: performance.now() - started });
}
