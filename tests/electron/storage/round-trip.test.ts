import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assetFromImageFile, backupPath, readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { assetFromBytes, noiseImage, samplePage, tempDir } from './sample';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

describe('storage', () => {
  it('round-trips: load → check → save → bytes equal', async () => {
    const photo = await assetFromBytes(await noiseImage(64, 48, 1));
    const a = join(tmp.dir, 'a.banmian');
    const b = join(tmp.dir, 'b.banmian');
    const written = await writeBanmianFile(a, { pages: [samplePage(1, photo), samplePage(2)], assets: [photo] });
    expect(written.ok).toBe(true);
    const loaded = await readBanmianFile(a);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.pages).toHaveLength(2);
    expect(loaded.value.assets.map((x) => x.entry.hash)).toEqual([photo.entry.hash]);
    expect(loaded.value.warnings).toEqual([]);
    expect((await writeBanmianFile(b, loaded.value)).ok).toBe(true);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('writes identical bytes for identical content whatever the key order or asset order', async () => {
    const p1 = await assetFromBytes(await noiseImage(20, 20, 1));
    const p2 = await assetFromBytes(await noiseImage(20, 20, 2, 'png'), 'x.png');
    const page = samplePage(1, p1) as { attrs: { settings: Record<string, unknown> } };
    const shuffled = JSON.parse(JSON.stringify(page)) as typeof page;
    shuffled.attrs.settings = Object.fromEntries(Object.entries(shuffled.attrs.settings).reverse());
    const a = join(tmp.dir, 'a.banmian');
    const b = join(tmp.dir, 'b.banmian');
    await writeBanmianFile(a, { pages: [page], assets: [p1, p2] });
    await writeBanmianFile(b, { pages: [shuffled], assets: [p2, p1, p2] });
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('keeps the previous version as name~ and leaves no temp file', async () => {
    const file = join(tmp.dir, 'page.banmian');
    await writeBanmianFile(file, { pages: [samplePage(1)], assets: [] });
    const first = readFileSync(file);
    await writeBanmianFile(file, { pages: [samplePage(1, undefined, '改过的正文')], assets: [] });
    expect(readFileSync(backupPath(file)).equals(first)).toBe(true);
    expect(readFileSync(file).equals(first)).toBe(false);
    expect(readdirSync(tmp.dir).sort()).toEqual(['page.banmian', 'page.banmian~']);
  });

  it('refuses to write an invalid page and writes nothing', async () => {
    const file = join(tmp.dir, 'bad.banmian');
    const page = samplePage(1) as { content: { attrs: { col: number } }[] };
    page.content[0]!.attrs.col = 7;
    const r = await writeBanmianFile(file, { pages: [page], assets: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^pages\/1\.json: .*outside the 8×120 grid/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(tmp.dir)).toEqual([]);
  });

  it('refuses to write a photo whose image is not given', async () => {
    const photo = await assetFromBytes(await noiseImage(8, 8, 3));
    const r = await writeBanmianFile(join(tmp.dir, 'x.banmian'), { pages: [samplePage(1, photo)], assets: [] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_ASSET');
  });
});

describe('assetFromImageFile', () => {
  it('hashes the bytes and reads the pixel size of a JPEG and a PNG', async () => {
    const jpg = join(tmp.dir, '照片.jpg');
    writeFileSync(jpg, await noiseImage(30, 20, 5));
    const r = await assetFromImageFile(jpg);
    if (!r.ok) throw new Error(r.error.message);
    const expected = await assetFromBytes(readFileSync(jpg), '照片.jpg');
    expect(r.value.entry).toEqual(expected.entry);
    const png = join(tmp.dir, 'b.png');
    writeFileSync(png, await noiseImage(7, 9, 5, 'png'));
    const p = await assetFromImageFile(png);
    expect(p.ok && p.value.entry.mime).toBe('image/png');
    expect(p.ok && [p.value.entry.pixelWidth, p.value.entry.pixelHeight]).toEqual([7, 9]);
  });

  it('refuses other formats, damaged images and non-images with one line', async () => {
    const sharp = (await import('sharp')).default;
    const webp = join(tmp.dir, 'a.webp');
    writeFileSync(webp, await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).webp().toBuffer());
    const w = await assetFromImageFile(webp);
    expect(!w.ok && w.error.message).toMatch(/is a WEBP image; only JPEG and PNG/);
    const truncated = join(tmp.dir, 't.jpg');
    const full = await noiseImage(200, 200, 9);
    writeFileSync(truncated, full.subarray(0, full.length >> 1));
    const t = await assetFromImageFile(truncated);
    expect(t.ok).toBe(false);
    const text = join(tmp.dir, 'n.jpg');
    writeFileSync(text, 'hello');
    const n = await assetFromImageFile(text);
    expect(!n.ok && n.error.code).toBe('INVALID_ASSET');
    for (const r of [w, t, n]) expect(!r.ok && r.error.message.includes('\n')).toBe(false);
  });
});
