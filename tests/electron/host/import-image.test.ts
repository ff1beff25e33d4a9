import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../electron/node/host/host-service';
import { MAX_IMAGE_PIXELS } from '../../../electron/node/host/import-image';
import { createIpcHandlers } from '../../../electron/node/ipc/ipc-handlers';
import type { ElectronUi } from '../../../electron/node/ipc/ipc-handlers';
import { readBanmianFile } from '../../../electron/node/storage/index';
import type { ImportedImage } from '../../../shared/host/host-api';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { Result } from '../../../shared/result';
import { PROJECT_ROOT } from '../../e2e/support/web';
import { writeSampleFile } from '../../e2e/support/sample-document';

const dir = mkdtempSync(join(tmpdir(), 'bm-import-image-'));
const PHOTO = join(PROJECT_ROOT, 'fixtures', 'photos', 'forest-path.jpg');
const photoBytes = readFileSync(PHOTO);
let host: HostService;
let handle: string;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([head, body, crc]);
}

/** A PNG whose header claims width × height pixels, with a few hundred bytes of data: a decompression bomb's shape. */
function pngClaiming(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(2, 9); // RGB
  const idat = deflateSync(Buffer.alloc(64 * 1024)); // zeros: the start of an all-black image
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

const assetCount = () => host.sessions.get(handle)!.assets.size;

beforeAll(async () => {
  host = new HostService();
  const opened = await host.openPath((await writeSampleFile(dir)).path);
  if (!opened.ok) throw new Error(opened.error.message);
  handle = opened.value.handle;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host importImage', () => {
  it('adds a 2560 × 1600 JPEG once by content hash, the original bytes kept', async () => {
    const r = await host.importImageFrom(handle, { name: '森林小路.jpg', bytes: photoBytes });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const hash = createHash('sha256').update(photoBytes).digest('hex');
    expect(r.value).toMatchObject({ name: '森林小路.jpg', hash, pixelWidth: 2560, pixelHeight: 1600 });
    expect(r.value.asset).toMatchObject({ hash, mime: 'image/jpeg', path: `assets/${hash}.jpg`, pixelWidth: 2560, pixelHeight: 1600, bytes: photoBytes.length });
    const stored = host.sessions.get(handle)!.assets.get(hash)!;
    expect(Buffer.from(stored.bytes).equals(photoBytes)).toBe(true);
    const count = assetCount();
    const again = await host.importImageFrom(handle, { path: PHOTO });
    expect(again.ok && again.value.hash).toBe(hash);
    expect(assetCount()).toBe(count);
  });

  describe('hostile files are refused in one line, and the document gains nothing', () => {
    let before: number;
    beforeEach(() => {
      before = assetCount();
    });
    const refused = (r: Result<ImportedImage>, code: string, pattern: RegExp) => {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(pattern);
      expect(r.error.message).not.toContain('\n');
      expect(assetCount()).toBe(before);
    };

    it('a truncated JPEG', async () => {
      const cut = photoBytes.subarray(0, Math.floor(photoBytes.length / 2));
      refused(await host.importImageFrom(handle, { name: 'cut.jpg', bytes: cut }), 'DAMAGED_IMAGE', /^cut\.jpg is damaged \(.*premature end/i);
    });

    it('a text file named .jpg', async () => {
      const text = Buffer.from('这不是图片，是一段文字。\n');
      refused(await host.importImageFrom(handle, { name: 'notes.jpg', bytes: text }), 'NOT_AN_IMAGE', /^notes\.jpg is not an image/);
    });

    it('a PNG header claiming 30000 × 30000 pixels (a decompression bomb), before decoding it', async () => {
      const bomb = pngClaiming(30_000, 30_000);
      expect(bomb.length).toBeLessThan(2000);
      const started = performance.now();
      refused(await host.importImageFrom(handle, { name: 'bomb.png', bytes: bomb }), 'TOO_LARGE', /^bomb\.png is 30000 × 30000 pixels \(900 MP\); at most 120 MP/);
      // Refused from the header: decoding 900 MP would take seconds and gigabytes.
      expect(performance.now() - started).toBeLessThan(1000);
    });

    it('a PNG just over the pixel limit', async () => {
      const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 1;
      refused(await host.importImageFrom(handle, { name: 'big.png', bytes: pngClaiming(side, side) }), 'TOO_LARGE', /pixels/);
    });

    it('a GIF (readable, but not a format for print)', async () => {
      const gif = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } }).gif().toBuffer();
      refused(await host.importImageFrom(handle, { name: 'anim.gif', bytes: gif }), 'UNSUPPORTED_IMAGE', /^anim\.gif is a GIF image; only JPEG and PNG/);
    });

    it('an empty file and a missing path', async () => {
      refused(await host.importImageFrom(handle, { name: 'empty.jpg', bytes: new Uint8Array(0) }), 'EMPTY_FILE', /^empty\.jpg is empty$/);
      refused(await host.importImageFrom(handle, { path: join(dir, 'nowhere.jpg') }), 'IO_ERROR', /^cannot read nowhere\.jpg: ENOENT$/);
    });
  });

  it('gives the displayed size of a photo turned by its EXIF orientation', async () => {
    const turned = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#36c' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const r = await host.importImageFrom(handle, { name: 'portrait.jpg', bytes: turned });
    expect(r.ok && [r.value.pixelWidth, r.value.pixelHeight]).toEqual([200, 300]);
    // The asset entry keeps the stored size: the file format checks it against the bytes.
    expect(r.ok && [r.value.asset.pixelWidth, r.value.asset.pixelHeight]).toEqual([300, 200]);
  });

  it('saves a placed image into the .banmian with its page, and the file reopens with it', async () => {
    const r = await host.importImageFrom(handle, { name: 'forest.jpg', bytes: photoBytes });
    if (!r.ok) throw new Error(r.error.message);
    const page = schema.node('page', { settings: settingsFromPreset('duikai') }, [
      schema.node('photo', { id: 'p1', col: 0, line: 0, cols: 3, lines: 30, asset: r.value.hash, pixelWidth: 2560, pixelHeight: 1600, zoom: 1.5, focusX: 0.2 }, [
        schema.node('caption', null, [schema.text('林间小路')]),
      ]),
    ]);
    const out = join(dir, 'saved.banmian');
    const saved = await host.save(handle, [page.toJSON()], out);
    expect(saved.ok).toBe(true);
    const file = await readBanmianFile(out);
    if (!file.ok) throw new Error(file.error.message);
    // Only the image a page shows is written (the turned test image above is not).
    expect(file.value.assets.map((a) => a.entry.hash)).toEqual([r.value.hash]);
    expect(Buffer.from(file.value.assets[0]!.bytes).equals(photoBytes)).toBe(true);
    const photo = (file.value.pages[0] as { content: { attrs: Record<string, unknown> }[] }).content[0]!.attrs;
    expect(photo).toMatchObject({ asset: r.value.hash, zoom: 1.5, focusX: 0.2, fit: 'fill' });
  });

  it('refuses an unknown document', async () => {
    const r = await host.importImageFrom('no-such-handle', { name: 'a.jpg', bytes: photoBytes });
    expect(!r.ok && r.error.code).toBe('NO_SUCH_DOCUMENT');
  });
});

describe('importImage over IPC', () => {
  let imagePath: string | null = null;
  const ui: ElectronUi = {
    chooseOpenPath: async () => null,
    chooseCopyPath: async () => null,
    chooseImagePath: async () => imagePath,
    chooseSavePath: async () => null,
    saved: () => undefined,
    saveAbandoned: () => undefined,
  };
  const handlers = () => createIpcHandlers(host, ui);

  it('takes dropped bytes, validated like everything from the renderer', async () => {
    const r = (await handlers().importImage({ owner: 1 }, [{ handle, file: { name: 'forest.jpg', bytes: new Uint8Array(photoBytes) } }])) as Result<ImportedImage>;
    expect(r.ok && r.value.pixelWidth).toBe(2560);
    const bad = (await handlers().importImage({ owner: 1 }, [{ handle, file: { name: 'x.jpg', bytes: 'not bytes' } }])) as Result<unknown>;
    expect(!bad.ok && bad.error.code).toBe('BAD_REQUEST');
    const path = (await handlers().importImage({ owner: 1 }, [{ handle, path: '/etc/passwd' }])) as Result<unknown>;
    expect(!path.ok && path.error.code).toBe('BAD_REQUEST');
  });

  it('asks the dialog without a file; null when cancelled; a hostile file chosen there is refused', async () => {
    imagePath = null;
    expect(await handlers().importImage({ owner: 1 }, [{ handle }])).toEqual({ ok: true, value: null });
    const fake = join(dir, 'fake.jpg');
    writeFileSync(fake, 'plain text');
    imagePath = fake;
    const r = (await handlers().importImage({ owner: 1 }, [{ handle }])) as Result<unknown>;
    expect(!r.ok && r.error.message).toMatch(/^fake\.jpg is not an image/);
    imagePath = PHOTO;
    const ok = (await handlers().importImage({ owner: 1 }, [{ handle }])) as Result<ImportedImage>;
    expect(ok.ok && ok.value.name).toBe('forest-path.jpg');
  });
});
