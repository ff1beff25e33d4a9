/**
 * Hostile and broken files: each is refused with one line (code + message),
 * the file is not modified, nothing is written anywhere, the process goes on.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import type { AssetData } from '../../../electron/node/storage';
import { LIMITS } from '../../../electron/node/storage/limits';
import { crc32 } from '../../../electron/node/storage/zip-write';
import { deflatedZip, fileEntries, manifestFor, rawZip } from './hostile';
import { assetFromBytes, noiseImage, samplePage, tempDir } from './sample';

let tmp: ReturnType<typeof tempDir>;
let photo: AssetData;
beforeEach(async () => {
  tmp = tempDir('banmian-hostile-');
  photo ??= await assetFromBytes(await noiseImage(32, 24, 7));
});
afterEach(() => tmp.remove());

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Writes `bytes` as a .banmian, loads it, checks nothing changed; returns the error. */
async function refuse(bytes: Buffer | string): Promise<{ code: string; message: string }> {
  const file = join(tmp.dir, 'hostile.banmian');
  writeFileSync(file, bytes);
  const before = sha(readFileSync(file));
  const r = await readBanmianFile(file);
  expect(sha(readFileSync(file))).toBe(before);
  expect(readdirSync(tmp.dir)).toEqual(['hostile.banmian']);
  if (r.ok) throw new Error('the file was accepted');
  expect(r.error.message).not.toMatch(/\n/);
  expect(r.error.message.length).toBeLessThan(300);
  return r.error;
}

const page = () => samplePage(1) as { attrs: { settings: { grid: Record<string, unknown> } }; content: { attrs: Record<string, unknown> }[] };

describe('readBanmianFile on hostile files', () => {
  it('refuses an empty file, random bytes, a text file and a truncated zip', async () => {
    expect(await refuse(Buffer.alloc(0))).toMatchObject({ code: 'EMPTY_FILE' });
    expect(await refuse(Buffer.from('这不是 zip')).then((e) => e.code)).toBe('NOT_A_BANMIAN_FILE');
    const good = rawZip(fileEntries(manifestFor(1), [samplePage(1)]));
    for (const cut of [10, good.length >> 1, good.length - 5]) {
      const e = await refuse(good.subarray(0, cut));
      expect(e.code).toBe('NOT_A_BANMIAN_FILE');
    }
  });

  it('refuses a zip without a manifest, and a manifest of another format', async () => {
    expect((await refuse(rawZip([{ name: 'word/document.xml', data: '<w/>' }]))).message).toMatch(/no manifest\.json/);
    const e = await refuse(rawZip([{ name: 'manifest.json', data: '{"format":"other","version":1}' }]));
    expect(e.message).toMatch(/not a Banmian file/);
  });

  it('refuses zip-slip and absolute entry names before reading anything', async () => {
    for (const name of ['../evil.json', 'pages/../../evil.json', '/etc/passwd', 'C:/x.json', 'pages\\1.json', 'a/./b', 'x\u0000y']) {
      const e = await refuse(rawZip([...fileEntries(manifestFor(1), [samplePage(1)]), { name, data: 'x' }]));
      expect(e.code).toBe('UNSAFE_ENTRY');
    }
  });

  it('refuses zip bombs by declared size, by total and by entry count, fast', async () => {
    const started = performance.now();
    const zeros = Buffer.alloc(LIMITS.pageBytes + 1);
    let e = await refuse(deflatedZip([{ name: 'manifest.json', data: Buffer.from('{}') }, { name: 'pages/1.json', data: zeros }]));
    expect(e).toMatchObject({ code: 'TOO_LARGE' });
    expect(e.message).toMatch(/pages\/1\.json.*limit/);
    e = await refuse(deflatedZip([{ name: 'manifest.json', data: Buffer.alloc(LIMITS.manifestBytes + 1, 32) }]));
    expect(e.code).toBe('TOO_LARGE');
    // 17 entries of 64 MiB of zeros: 1.1 GiB declared, about 1 MB on disk; none may be inflated.
    const big = Buffer.alloc(LIMITS.pageBytes - 1);
    const packed = { deflated: zlib.deflateRawSync(big), crc: crc32(big) };
    const many = Array.from({ length: 17 }, (_, i) => ({ name: `pages/${i + 1}.json`, data: big, ...packed }));
    e = await refuse(deflatedZip(many));
    expect(e.message).toMatch(/exceeds .* bytes uncompressed/);
    const count = Array.from({ length: LIMITS.entries + 1 }, (_, i) => ({ name: `x/${i}`, data: '' }));
    expect((await refuse(rawZip(count))).message).toMatch(/entries; at most/);
    expect(performance.now() - started).toBeLessThan(20_000);
  });

  it('refuses an entry whose real size differs from its declared size', async () => {
    const zip = rawZip(fileEntries(manifestFor(1), [samplePage(1)]));
    // Lower the declared size of the manifest in both headers (stored: both sizes).
    const lie = Buffer.from(zip);
    for (let at = lie.indexOf('PK\u0003\u0004'); at >= 0; at = -1) lie.writeUInt32LE(10, at + 22);
    const central = lie.indexOf('PK\u0001\u0002');
    lie.writeUInt32LE(10, central + 24);
    await refuse(lie);
  });

  it('refuses damaged bytes inside an entry (CRC)', async () => {
    const zip = Buffer.from(rawZip(fileEntries(manifestFor(1), [samplePage(1)])));
    const at = zip.indexOf('"type"');
    zip[at + 2] = 'X'.charCodeAt(0);
    expect((await refuse(zip)).message).toMatch(/CRC/);
  });

  it('refuses a newer format version naming it, and a version 0 it cannot migrate', async () => {
    const v4 = await refuse(rawZip(fileEntries({ ...manifestFor(1), version: 4 }, [samplePage(1)])));
    expect(v4).toMatchObject({ code: 'UNSUPPORTED_VERSION' });
    expect(v4.message).toMatch(/version 4 was written by a newer Banmian/);
    const v0 = await refuse(rawZip(fileEntries({ ...manifestFor(1), version: 0 }, [samplePage(1)])));
    expect(v0.message).toMatch(/version 0 is too old/);
    expect((await refuse(rawZip(fileEntries({ ...manifestFor(1), version: 1e300 }, [samplePage(1)])))).message).toMatch(/version/);
  });

  it('refuses wrong types, enormous and negative numbers with where they are', async () => {
    const cases: [unknown, unknown, RegExp][] = [
      [{ ...manifestFor(1), pages: 'pages/1.json' }, samplePage(1), /lists no pages/],
      [{ ...manifestFor(1), extra: true }, samplePage(1), /manifest\.json: .*extra/],
      [{ ...manifestFor(1), edition: undefined }, samplePage(1), /manifest\.json: edition: /],
      [{ ...manifestFor(1), edition: { paperName: '萧山日报', date: '2022-1-1', label: '' } }, samplePage(1), /manifest\.json: edition\.date: date must be YYYY-MM-DD/],
      [{ ...manifestFor(1), edition: { paperName: '萧山日报', date: '2022-11-21', label: '', folio: 3 } }, samplePage(1), /manifest\.json: edition: .*folio/],
      [{ ...manifestFor(1), edition: { paperName: 'x'.repeat(201), date: '2022-11-21', label: '' } }, samplePage(1), /edition\.paperName/],
      [manifestFor(1), { ...page(), attrs: { ...page().attrs, status: 'printed' } }, /pages\/1\.json: \.attrs\.status/],
      [manifestFor(1), { ...page(), attrs: { ...page().attrs, colour: 7 } }, /pages\/1\.json: \.attrs\.colour/],
      [manifestFor(1), { ...page(), attrs: { settings: { ...page().attrs.settings, grid: { ...page().attrs.settings.grid, lines: 1e308 } } } }, /grid\.lines/],
      [manifestFor(1), { ...page(), attrs: { settings: { ...page().attrs.settings, grid: { ...page().attrs.settings.grid, columns: -3 } } } }, /grid\.columns/],
      [manifestFor(1), { ...page(), content: [{ ...page().content[0], attrs: { ...page().content[0]!.attrs, col: -1 } }] }, /outside/],
      [manifestFor(1), { ...page(), content: [{ ...page().content[0], attrs: { ...page().content[0]!.attrs, lines: '40' } }] }, /pages\/1\.json/],
      [manifestFor(1), 'a page', /pages\/1\.json/],
      [manifestFor(1), [], /pages\/1\.json/],
      [manifestFor(2), samplePage(1), /pages\/2\.json is listed in manifest\.json but missing/],
    ];
    for (const [manifest, p, re] of cases) {
      const e = await refuse(rawZip(fileEntries(manifest, [p])));
      expect(e.message).toMatch(re);
    }
  });

  it('refuses deeply nested JSON without overflowing the stack', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const e = await refuse(rawZip([...fileEntries(manifestFor(1), []), { name: 'pages/1.json', data: deep }]));
    expect(e.message).toMatch(/nested deeper/);
    const deepManifest = `{"format":"banmian","version":1,"x":${'{"a":'.repeat(50)}1${'}'.repeat(50)}}`;
    expect((await refuse(rawZip([{ name: 'manifest.json', data: deepManifest }]))).message).toMatch(/nested deeper/);
    expect((await refuse(rawZip([{ name: 'manifest.json', data: Buffer.from([0xff, 0xfe, 0x7b]) }]))).message).toMatch(/UTF-8/);
  });

  it('refuses duplicate block ids, duplicate entries and duplicate pages', async () => {
    const p = page();
    const dup = { ...p, content: [p.content[0], { ...p.content[0], attrs: { ...p.content[0]!.attrs, col: 5, cols: 2 } }] };
    expect((await refuse(rawZip(fileEntries(manifestFor(1), [dup])))).message).toMatch(/duplicate block id "s1"/);
    const entries = fileEntries(manifestFor(1), [samplePage(1)]);
    expect((await refuse(rawZip([...entries, entries[1]!]))).message).toMatch(/twice/);
    expect((await refuse(rawZip(fileEntries({ ...manifestFor(1), pages: ['pages/1.json', 'pages/1.json'] }, [samplePage(1)])))).message).toMatch(/twice/);
  });

  it('refuses missing, damaged, mislabelled and undecodable images', async () => {
    const pageWithPhoto = samplePage(1, photo);
    expect((await refuse(rawZip(fileEntries(manifestFor(1, [photo]), [pageWithPhoto], [])))).message).toMatch(/is missing/);
    const damaged = Buffer.from(photo.bytes);
    damaged[damaged.length >> 1] = (damaged[damaged.length >> 1] ?? 0) ^ 1;
    expect((await refuse(rawZip(fileEntries(manifestFor(1, [photo]), [pageWithPhoto], [{ ...photo, bytes: damaged }])))).message).toMatch(/do not match its hash/);
    const wrongSize = { ...photo, entry: { ...photo.entry, pixelWidth: 33 } };
    expect((await refuse(rawZip(fileEntries(manifestFor(1, [wrongSize]), [pageWithPhoto], [wrongSize])))).message).toMatch(/32×24 pixels, the manifest says 33×24/);
    const garbage = await assetFromBytes(await noiseImage(8, 8, 1));
    const junk = Buffer.from('not an image at all');
    const junkHash = sha(junk);
    const fake = { entry: { ...garbage.entry, hash: junkHash, path: `assets/${junkHash}.jpg`, bytes: junk.length }, bytes: junk };
    expect((await refuse(rawZip(fileEntries(manifestFor(1, [fake]), [samplePage(1, fake)], [fake])))).code).toBe('INVALID_ASSET');
    expect((await refuse(rawZip(fileEntries(manifestFor(1), [pageWithPhoto])))).message).toMatch(/uses an image that is not in the file/);
  });

  it('loads a file with an unknown extra entry, with a warning', async () => {
    const file = join(tmp.dir, 'extra.banmian');
    writeFileSync(file, rawZip([...fileEntries(manifestFor(1), [samplePage(1)]), { name: 'notes/readme.txt', data: 'hi' }]));
    const r = await readBanmianFile(file);
    expect(r.ok && r.value.warnings).toEqual(['ignored unknown entry "notes/readme.txt"']);
  });

  it('accepts deflated entries (files zipped by other tools)', async () => {
    const file = join(tmp.dir, 'deflated.banmian');
    writeFileSync(file, deflatedZip(fileEntries(manifestFor(1, [photo]), [samplePage(1, photo)], [photo])));
    const r = await readBanmianFile(file);
    expect(r.ok).toBe(true);
    // …and a save writes the canonical stored form.
    if (r.ok) expect((await writeBanmianFile(join(tmp.dir, 'n.banmian'), r.value)).ok).toBe(true);
  });
});
