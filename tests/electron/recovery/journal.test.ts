import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJournal, defaultRecoveryDir, journalId } from '../../../electron/node/recovery';
import { assetFromBytes, noiseImage, samplePage, tempDir } from '../storage/sample';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-journal-');
});
afterEach(() => tmp.remove());

function clock(start = 1_700_000_000_000) {
  let t = start;
  return () => (t += 1000);
}

describe('journal', () => {
  it('writes, lists newest first, reads back validated pages and images, discards', async () => {
    const warnings: string[] = [];
    const journal = createJournal(tmp.dir, { now: clock(), onWarning: (m) => warnings.push(m) });
    const photo = await assetFromBytes(await noiseImage(40, 30, 1));
    const a = await journal.write({ handle: 'doc-a', path: '/news/a.banmian', name: 'a.banmian', pages: [samplePage(1, photo)], assets: [photo] });
    const b = await journal.write({ handle: 'doc-b', path: null, name: '未命名', pages: [samplePage(2)], assets: [] });
    expect(a.ok && b.ok).toBe(true);
    const list = await journal.list();
    if (!list.ok) throw new Error(list.error.message);
    expect(list.value.map((e) => [e.name, e.path])).toEqual([
      ['未命名', null],
      ['a.banmian', '/news/a.banmian'],
    ]);
    expect(list.value[0]!.savedAt).toBeGreaterThan(list.value[1]!.savedAt);
    const read = await journal.read(journalId('doc-a'));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.pages).toEqual([samplePage(1, photo)]);
    expect(Buffer.from(read.value.assets[0]!.bytes).equals(Buffer.from(photo.bytes))).toBe(true);
    expect((await journal.discard(journalId('doc-a'))).ok).toBe(true);
    // The photo is no longer used by any entry: its bytes are gone too.
    expect(readdirSync(join(tmp.dir, 'assets'))).toEqual([]);
    expect((await journal.list()).ok && (await journal.list())).toMatchObject({ value: [{ name: '未命名' }] });
    expect(warnings).toEqual([]);
  });

  it('replaces a document’s entry, skips unchanged writes, stores an image once', async () => {
    const journal = createJournal(tmp.dir, { now: clock() });
    const photo = await assetFromBytes(await noiseImage(40, 30, 2));
    const doc = { handle: 'h', path: null, name: 'x', pages: [samplePage(1, photo)], assets: [photo] };
    expect(await journal.write(doc)).toMatchObject({ ok: true, value: { written: true } });
    expect(await journal.write(doc)).toMatchObject({ ok: true, value: { written: false } });
    await journal.write({ ...doc, handle: 'h2' });
    await journal.write({ ...doc, pages: [samplePage(1, photo, '改了')] });
    expect(readdirSync(join(tmp.dir, 'entries')).sort()).toEqual([`${journalId('h')}.json`, `${journalId('h2')}.json`].sort());
    expect(readdirSync(join(tmp.dir, 'assets'))).toEqual([photo.entry.path.slice(7)]);
    const read = await journal.read(journalId('h'));
    expect(read.ok && JSON.stringify(read.value.pages)).toContain('改了');
  });

  it('skips a damaged entry with a warning and keeps the others', async () => {
    const warnings: string[] = [];
    const journal = createJournal(tmp.dir, { now: clock(), onWarning: (m) => warnings.push(m) });
    await journal.write({ handle: 'good', path: null, name: 'good', pages: [samplePage(1)], assets: [] });
    await journal.write({ handle: 'bad', path: null, name: 'bad', pages: [samplePage(2)], assets: [] });
    const badFile = join(tmp.dir, 'entries', `${journalId('bad')}.json`);
    writeFileSync(badFile, readFileSync(badFile).subarray(0, 20));
    writeFileSync(join(tmp.dir, 'entries', `${'f'.repeat(32)}.json`), '{"journal":1,"id":"ffffffffffffffffffffffffffffffff","path":null,"name":"x","savedAt":1}\n{"pages":[{"type":"page"}],"assets":[]}');
    const list = await journal.list();
    expect(list.ok && list.value.map((e) => e.name).sort()).toEqual(['good', 'x']);
    expect(warnings).toEqual([`skipped damaged recovery entry ${journalId('bad')}`]);
    const bad = await journal.read(journalId('bad'));
    expect(!bad.ok && bad.error.message).toMatch(/damaged/);
    const invalid = await journal.read('f'.repeat(32));
    expect(!invalid.ok && invalid.error.code).toBe('INVALID_PAGE');
    expect((await journal.read('../../etc/passwd')).ok).toBe(false);
    expect((await journal.discard('../x')).ok).toBe(false);
  });

  it('recovers the pages when an image was damaged on disk, with a warning', async () => {
    const journal = createJournal(tmp.dir, { now: clock() });
    const photo = await assetFromBytes(await noiseImage(40, 30, 3));
    await journal.write({ handle: 'h', path: null, name: 'x', pages: [samplePage(1, photo)], assets: [photo] });
    const file = join(tmp.dir, photo.entry.path);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0xff;
    writeFileSync(file, bytes);
    const read = await journal.read(journalId('h'));
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.pages).toEqual([samplePage(1, photo)]);
    expect(read.value.assets).toEqual([]);
    expect(read.value.warnings[0]).toMatch(/do not match its hash/);
    expect(read.value.warnings[1]).toMatch(/uses an image that is not in the file/);
  });

  it('stays within its bounds by dropping the oldest entries', async () => {
    const journal = createJournal(tmp.dir, { now: clock(), maxEntries: 3, onWarning: () => undefined });
    for (let i = 0; i < 6; i++) await journal.write({ handle: `h${i}`, path: null, name: `n${i}`, pages: [samplePage(1)], assets: [] });
    const list = await journal.list();
    expect(list.ok && list.value.map((e) => e.name)).toEqual(['n5', 'n4', 'n3']);
    const small = createJournal(join(tmp.dir, 'small'), { now: clock(), maxBytes: 20_000, onWarning: () => undefined });
    const photo = await assetFromBytes(await noiseImage(80, 80, 4));
    expect(photo.bytes.byteLength).toBeGreaterThan(5_000);
    for (let i = 0; i < 4; i++) {
      const p = await assetFromBytes(await noiseImage(80, 80, 10 + i));
      await small.write({ handle: `h${i}`, path: null, name: `n${i}`, pages: [samplePage(1, p)], assets: [p] });
    }
    const kept = await small.list();
    expect(kept.ok && kept.value[0]!.name).toBe('n3');
    expect(kept.ok && kept.value.length).toBeLessThan(4);
    const files = readdirSync(join(tmp.dir, 'small', 'assets'));
    expect(files.length).toBe(kept.ok ? kept.value.length : -1);
  });
});

describe('defaultRecoveryDir', () => {
  it('follows BANMIAN_RECOVERY_DIR, then XDG_STATE_HOME, then ~/.local/state', () => {
    expect(defaultRecoveryDir({ BANMIAN_RECOVERY_DIR: '/r', XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/r');
    expect(defaultRecoveryDir({ XDG_STATE_HOME: '/s' }, '/home/u')).toBe('/s/banmian/recovery');
    expect(defaultRecoveryDir({ XDG_STATE_HOME: 'relative' }, '/home/u')).toBe('/home/u/.local/state/banmian/recovery');
    expect(defaultRecoveryDir({}, '/home/u')).toBe('/home/u/.local/state/banmian/recovery');
  });
});
