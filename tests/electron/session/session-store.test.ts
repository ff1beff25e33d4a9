import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../electron/node/session/session-store';
import type { SessionStorage } from '../../../electron/node/session/session-store';
import { assetReferences, referencedAssetHashes } from '../../../electron/node/session/referenced-assets';
import type { AssetData, FileContent, LoadedFile } from '../../../electron/node/storage/index';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

const hash = (c: string) => c.repeat(64);

function asset(c: string): AssetData {
  return {
    entry: { hash: hash(c), mime: 'image/jpeg', path: `assets/${hash(c)}.jpg`, pixelWidth: 10, pixelHeight: 10, bytes: 3 },
    bytes: new Uint8Array([1, 2, 3]),
  };
}

function photo(id: string, assetHash: string) {
  return {
    type: 'photo',
    attrs: { id, col: 0, line: 0, cols: 2, lines: 10, asset: assetHash },
    content: [{ type: 'caption', content: [{ type: 'text', text: '图' }] }],
  };
}

function page(...blocks: unknown[]) {
  return { type: 'page', attrs: { settings: settingsFromPreset('duikai') }, content: blocks };
}

/** Storage in memory: files are path → content; reads of unknown paths fail like the real one. */
function memoryStorage(files: Record<string, LoadedFile | Result<LoadedFile>> = {}) {
  const written: { path: string; content: FileContent }[] = [];
  const storage: SessionStorage = {
    async read(path) {
      const f = files[path];
      if (!f) return fail('NOT_FOUND', `no such file: ${path}`);
      return 'ok' in f ? f : ok(f);
    },
    async write(path, content) {
      written.push({ path, content });
      return ok({ bytes: 1234 });
    },
  };
  return { storage, written };
}

describe('SessionStore', () => {
  it('opens a file into a new session holding its pages and assets', async () => {
    const { storage } = memoryStorage({ '/d/a.banmian': { pages: [page(photo('p1', hash('a')))], assets: [asset('a')], warnings: ['w'] } });
    const store = new SessionStore(storage);
    const opened = await store.openPath('/d/a.banmian');
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(opened.value.handle).toMatch(/^[0-9a-f-]{36}$/);
    expect(opened.value.path).toBe('/d/a.banmian');
    expect(opened.value.name).toBe('a.banmian');
    expect([...opened.value.assets.keys()]).toEqual([hash('a')]);
    expect(opened.value.warnings).toEqual(['w']);
    expect(store.get(opened.value.handle)).toBe(opened.value);
  });

  it('gives a one-line failure for a bad file and leaves the other sessions untouched', async () => {
    const { storage } = memoryStorage({
      '/d/good.banmian': { pages: [page()], assets: [], warnings: [] },
      '/d/bad.banmian': fail('INVALID_FILE', 'pages/0.json: page.attrs.settings.grid.columns:\n  must be ≤ 40'),
    });
    const store = new SessionStore(storage);
    const good = await store.openPath('/d/good.banmian');
    const bad = await store.openPath('/d/bad.banmian');
    expect(bad).toEqual({ ok: false, error: { code: 'INVALID_FILE', message: 'pages/0.json: page.attrs.settings.grid.columns: must be ≤ 40' } });
    const missing = await store.openPath('/d/missing.banmian');
    expect(missing.ok).toBe(false);
    expect(store.all()).toHaveLength(1);
    expect(good.ok && store.get(good.value.handle)?.path).toBe('/d/good.banmian');
  });

  it('turns a storage exception into a failure, not a crash', async () => {
    const store = new SessionStore({
      read: () => Promise.reject(new Error('boom')),
      write: () => Promise.reject(new Error('disk on fire')),
    });
    const opened = await store.openPath('/x.banmian');
    expect(opened).toEqual({ ok: false, error: { code: 'READ_FAILED', message: 'cannot open x.banmian: boom' } });
    const s = store.create({ path: '/x.banmian', pages: [page()] });
    const saved = await store.save(s.handle, [page()]);
    expect(saved).toEqual({ ok: false, error: { code: 'WRITE_FAILED', message: 'cannot save x.banmian: disk on fire' } });
  });

  it('saves only the assets some photo still refers to', async () => {
    const { storage, written } = memoryStorage({
      '/d/a.banmian': { pages: [page(photo('p1', hash('a')), photo('p2', hash('b')))], assets: [asset('a'), asset('b'), asset('c')], warnings: [] },
    });
    const store = new SessionStore(storage);
    const opened = await store.openPath('/d/a.banmian');
    if (!opened.ok) throw new Error('open failed');
    const handle = opened.value.handle;
    // p2 was deleted in the editor; c was never used.
    const saved = await store.save(handle, [page(photo('p1', hash('a')))]);
    expect(saved).toEqual({ ok: true, value: { path: '/d/a.banmian', name: 'a.banmian', bytes: 1234 } });
    expect(written[0]!.content.assets.map((a) => a.entry.hash)).toEqual([hash('a')]);
    // The session keeps b: an undo can bring the photo back.
    const again = await store.save(handle, [page(photo('p1', hash('a')), photo('p2', hash('b')))]);
    expect(again.ok).toBe(true);
    expect(written[1]!.content.assets.map((a) => a.entry.hash)).toEqual([hash('a'), hash('b')]);
  });

  it('saves as to a new path, after which the document is that file and clean', async () => {
    const { storage, written } = memoryStorage();
    const store = new SessionStore(storage);
    const s = store.create({ path: null, pages: [page()] });
    s.dirty = true;
    expect(s.name).toBe('未命名.banmian');
    expect(await store.save(s.handle, [page()])).toEqual({ ok: false, error: { code: 'NO_PATH', message: expect.any(String) } });
    expect(written).toHaveLength(0);
    const saved = await store.save(s.handle, [page()], '/d/new.banmian');
    expect(saved.ok).toBe(true);
    expect(s.path).toBe('/d/new.banmian');
    expect(s.name).toBe('new.banmian');
    expect(s.dirty).toBe(false);
  });

  it('refuses to save invalid pages or a photo whose image the document does not hold', async () => {
    const { storage, written } = memoryStorage();
    const store = new SessionStore(storage);
    const s = store.create({ path: '/d/a.banmian', pages: [page()] });
    const invalid = await store.save(s.handle, [{ type: 'page', attrs: {} }]);
    expect(invalid.ok || invalid.error.code).toBe('INVALID_PAGES');
    const missing = await store.save(s.handle, [page(photo('p9', hash('d')))]);
    expect(missing.ok || missing.error).toEqual({ code: 'MISSING_ASSET', message: expect.stringContaining('photo "p9"') });
    expect(await store.save('nope', [page()])).toEqual({ ok: false, error: { code: 'NO_SUCH_DOCUMENT', message: expect.any(String) } });
    expect(written).toHaveLength(0);
  });
});

describe('referenced assets', () => {
  it('finds the asset of every photo, at any depth, in order, with its block id', () => {
    const pages = [page(photo('p1', hash('a')), { type: 'story', attrs: { id: 's' } }, photo('p2', '')), page(photo('p3', hash('b')), photo('p4', hash('a')))];
    expect(assetReferences(pages)).toEqual([
      { hash: hash('a'), blockId: 'p1' },
      { hash: hash('b'), blockId: 'p3' },
      { hash: hash('a'), blockId: 'p4' },
    ]);
    expect([...referencedAssetHashes(pages)]).toEqual([hash('a'), hash('b')]);
  });
});
