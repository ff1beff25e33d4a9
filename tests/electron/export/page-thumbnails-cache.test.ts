/**
 * Page thumbnails' caches without a browser (a printer that counts its
 * captures): a draft request takes a cached thumbnail of either layout, a
 * print request only the print's; the disk keeps them for the next host (an
 * edition opened again draws nothing), and a damaged file is a miss.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PageThumbnails } from '../../../electron/node/export/page-thumbnails';
import type { PdfPrinter, PrintRequest } from '../../../electron/node/export/printer';
import { defaultThumbnailDir, ThumbnailDiskCache } from '../../../electron/node/export/thumbnail-disk-cache';
import type { DocumentSession } from '../../../electron/node/session/document-session';
import { readBanmianFile } from '../../../electron/node/storage/index';

const file = await readBanmianFile(join(import.meta.dirname, '../../../fixtures/reference-edition.banmian'));
if (!file.ok) throw new Error(file.error.message);
const pages = file.value.pages.slice(0, 3);

/** A printer whose capture answers one small image per print page and says how it was asked. */
function countingPrinter(): PdfPrinter & { asked: { draft: boolean; pages: number }[]; bind(s: unknown): void } {
  let session: { printPages: unknown[] | null } | null = null;
  const asked: { draft: boolean; pages: number }[] = [];
  const printer = {
    asked,
    bind(s: unknown) {
      session = s as { printPages: unknown[] | null };
    },
    print: () => Promise.reject(new Error('not here')),
    capture: (request: PrintRequest) => {
      const n = session?.printPages?.length ?? 0;
      asked.push({ draft: request.draft === true, pages: n });
      return Promise.resolve(Array.from({ length: n }, () => ({ jpegBase64: 'AAAA', width: 240, height: 335 })));
    },
    lastLayout: () => ({ overset: [] }),
    close: () => Promise.resolve(),
  };
  return printer;
}

function fakeSession(printer: { bind(s: unknown): void }): DocumentSession {
  const session = { handle: 'h1', printPages: null };
  printer.bind(session);
  return session as unknown as DocumentSession;
}

describe('page thumbnails: draft and print layouts, memory and disk', () => {
  it('draws a draft by default, takes a print thumbnail for a draft request, never a draft for a print request', async () => {
    const printer = countingPrinter();
    const session = fakeSession(printer);
    const thumbs = new PageThumbnails();
    const draft = await thumbs.render(session, pages, 240, printer);
    if (!draft.ok) throw new Error(draft.error.message);
    expect(draft.value.map((t) => t.layout)).toEqual(['draft', 'draft', 'draft']);
    expect(printer.asked).toEqual([{ draft: true, pages: 3 }]);
    const printed = await thumbs.render(session, pages, 240, printer, { layout: 'print' });
    if (!printed.ok) throw new Error(printed.error.message);
    expect(printed.value.map((t) => t.layout)).toEqual(['print', 'print', 'print']);
    expect(printer.asked).toEqual([
      { draft: true, pages: 3 },
      { draft: false, pages: 3 },
    ]);
    // Now that the print's are there, a draft request takes them: nothing drawn.
    const again = await thumbs.render(session, pages, 240, printer);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.value.map((t) => t.layout)).toEqual(['print', 'print', 'print']);
    expect(printer.asked).toHaveLength(2);
  });

  it('keeps thumbnails on disk: a new host (the edition opened again) draws nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-thumbs-disk-'));
    const first = countingPrinter();
    const drawn = await new PageThumbnails({ disk: new ThumbnailDiskCache(dir), build: 'b1' }).render(fakeSession(first), pages, 240, first);
    if (!drawn.ok) throw new Error(drawn.error.message);
    // Writes are not awaited by render: let them land.
    await new Promise((r) => setTimeout(r, 100));
    expect(readdirSync(dir).filter((n) => n.endsWith('.json'))).toHaveLength(3);

    const second = countingPrinter();
    const reopened = await new PageThumbnails({ disk: new ThumbnailDiskCache(dir), build: 'b1' }).render(fakeSession(second), pages, 240, second);
    if (!reopened.ok) throw new Error(reopened.error.message);
    expect(second.asked).toEqual([]);
    expect(reopened.value).toEqual(drawn.value);

    // Another renderer build draws anew (its hashes differ).
    const third = countingPrinter();
    await new PageThumbnails({ disk: new ThumbnailDiskCache(dir), build: 'b2' }).render(fakeSession(third), pages, 240, third);
    expect(third.asked).toEqual([{ draft: true, pages: 3 }]);
  });

  it('treats a damaged or foreign file as a miss, and names files only by hex hashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-thumbs-disk-'));
    const disk = new ThumbnailDiskCache(dir);
    const hash = 'ab'.repeat(16);
    writeFileSync(join(dir, `${hash}.json`), '{ not json');
    expect(await disk.get(hash)).toBeNull();
    writeFileSync(join(dir, `${hash}.json`), JSON.stringify({ hash: 'cd'.repeat(16), image: 'x', width: 1, height: 1, layout: 'print', oversetBlocks: 0, oversetChars: 0 }));
    expect(await disk.get(hash)).toBeNull();
    expect(await disk.get('../../etc/passwd')).toBeNull();
    const thumb = { hash, image: 'data:image/jpeg;base64,AAAA', width: 240, height: 335, layout: 'print' as const, oversetBlocks: 1, oversetChars: 12 };
    await disk.put(thumb);
    expect(await disk.get(hash)).toEqual(thumb);
  });

  it('keeps at most its limit of files, the least recently used going first', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-thumbs-disk-'));
    const disk = new ThumbnailDiskCache(dir, 2);
    const thumb = (i: number) => ({ hash: String(i).repeat(32).slice(0, 32), image: 'x', width: 1, height: 1, layout: 'draft' as const, oversetBlocks: 0, oversetChars: 0 });
    // The folder is pruned on the first write and every 50th after it.
    for (let i = 1; i <= 3; i++) writeFileSync(join(dir, `${thumb(i).hash}.json`), JSON.stringify(thumb(i)));
    await disk.put(thumb(4));
    expect(readdirSync(dir).sort()).toHaveLength(2);
  });

  it('lives in the state folder', () => {
    expect(defaultThumbnailDir({ XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/s/banmian/thumbnails');
    expect(defaultThumbnailDir({}, '/home/u')).toBe('/home/u/.local/state/banmian/thumbnails');
    expect(defaultThumbnailDir({ BANMIAN_THUMBNAIL_DIR: '/t', XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/t');
  });
});
