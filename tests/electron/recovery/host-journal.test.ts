import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournal, hostJournal, journalId } from '../../../electron/node/recovery';
import type { AssetData } from '../../../electron/node/storage';
import { assetFromBytes, noiseImage, samplePage, tempDir } from '../storage/sample';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-host-journal-');
});
afterEach(() => tmp.remove());

describe('hostJournal', () => {
  it('journals the session’s image bytes by hash and gives them back', async () => {
    const photo = await assetFromBytes(await noiseImage(20, 10, 1));
    const session = new Map<string, AssetData>([[photo.entry.hash, photo]]);
    const journal = hostJournal(createJournal(tmp.dir), (handle, hash) => (handle === 'h1' ? session.get(hash) : undefined));
    const written = await journal.write({ handle: 'h1', path: null, name: '未命名', pages: [samplePage(1, photo)], assetHashes: [photo.entry.hash] });
    expect(written).toEqual({ ok: true, value: undefined });
    const list = await journal.list();
    expect(list.ok && list.value.map((e) => e.id)).toEqual([journalId('h1')]);
    const record = await journal.read(journalId('h1'));
    if (!record.ok) throw new Error(record.error.message);
    expect(record.value.assetHashes).toEqual([photo.entry.hash]);
    expect(Buffer.from(record.value.assets[0]!.bytes).equals(Buffer.from(photo.bytes))).toBe(true);
    expect(record.value.pages).toEqual([samplePage(1, photo)]);
  });

  it('recovers the text when an image could not be looked up', async () => {
    const photo = await assetFromBytes(await noiseImage(20, 10, 2));
    const journal = hostJournal(createJournal(tmp.dir), () => undefined);
    await journal.write({ handle: 'h', path: '/a.banmian', name: 'a.banmian', pages: [samplePage(1, photo)], assetHashes: [photo.entry.hash] });
    const record = await journal.read(journalId('h'));
    if (!record.ok) throw new Error(record.error.message);
    expect(record.value.pages).toEqual([samplePage(1, photo)]);
    expect(record.value.assets).toEqual([]);
    expect(record.value.warnings.join()).toMatch(/not in the file/);
    expect((await journal.discard(journalId('h'))).ok).toBe(true);
    expect(await journal.list()).toEqual({ ok: true, value: [] });
  });
});
