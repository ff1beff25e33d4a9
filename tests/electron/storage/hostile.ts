/** Builders of malformed `.banmian` files for the hostile-file and fuzz tests. */
import zlib from 'node:zlib';
import { crc32, encodeZip } from '../../../electron/node/storage/zip-write';
import type { ZipEntryData } from '../../../electron/node/storage/zip-write';
import { stableJson } from '../../../electron/node/storage/encode';
import type { AssetData } from '../../../electron/node/storage';

/** A stored zip with exactly these entries (no name checks: zip-slip names pass). */
export function rawZip(entries: { name: string; data: string | Uint8Array }[]): Buffer {
  const list: ZipEntryData[] = entries.map((e) => ({ name: e.name, bytes: typeof e.data === 'string' ? Buffer.from(e.data) : e.data }));
  return encodeZip(list);
}

/**
 * A zip whose entries are deflated (as other zip tools write them). Entries
 * may pass `deflated` (raw deflate of `data`) to reuse one bomb many times.
 */
export function deflatedZip(entries: { name: string; data: Uint8Array; deflated?: Buffer; crc?: number }[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = e.deflated ?? zlib.deflateRawSync(e.data);
    const crc = e.crc ?? crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.data.byteLength, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE(0x0800, 8);
    head.writeUInt16LE(8, 10);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(packed.length, 20);
    head.writeUInt32LE(e.data.byteLength, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    central.push(head, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

/** The manifest a valid file with these pages and assets would have. */
export function manifestFor(pageCount: number, assets: readonly AssetData[] = []): Record<string, unknown> {
  return {
    format: 'banmian',
    version: 3,
    generator: 'banmian',
    edition: { paperName: '萧山日报', date: '2022-11-21', label: '' },
    pages: Array.from({ length: pageCount }, (_, i) => `pages/${i + 1}.json`),
    assets: assets.map((a) => a.entry),
  };
}

/** Entries of a file from parts that may each be broken on purpose. */
export function fileEntries(manifest: unknown, pages: unknown[], assets: readonly AssetData[] = []): { name: string; data: Uint8Array }[] {
  return [
    { name: 'manifest.json', data: stableJson(manifest) },
    ...pages.map((p, i) => ({ name: `pages/${i + 1}.json`, data: stableJson(p) })),
    ...assets.map((a) => ({ name: a.entry.path, data: a.bytes })),
  ];
}
