/**
 * Builds a zip in memory, deterministically: the same entries in the same
 * order give the same bytes, in every runtime.
 *
 * Why not yazl: yazl computes CRC-32 in JavaScript (buffer-crc32), which cost
 * 100–200 ms per 4 MB edition here, on the thread that also runs the UI in
 * Electron; `zlib.crc32` is native. And entries are stored, not deflated:
 * deflate output differs between zlib builds (Node's and Electron's), so
 * stored entries are what makes "identical content, identical bytes" hold
 * between the CLI and the app. Images are already compressed; page JSON is
 * small next to them. The reader (yauzl) accepts stored and deflated entries.
 *
 * The layout is plain PKZIP 2.0: local header + data per entry, the central
 * directory, the end record. No zip64 (files are limited far below 4 GiB),
 * no extra fields, fixed dates (1980-01-01 00:00) and mode (0644), UTF-8 names.
 */
import zlib from 'node:zlib';

export interface ZipEntryData {
  name: string;
  bytes: Uint8Array;
}

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const UTF8_NAMES = 0x0800;
const VERSION_NEEDED = 20;
const VERSION_MADE_BY = (3 << 8) | 20; // Unix, spec 2.0: external attributes hold the mode
const FILE_MODE = 0o100644;
const MAX_ZIP32 = 0xffffffff;

let crcTable: Uint32Array | undefined;

/**
 * The fields the local header and the central directory share, from
 * "version needed" to the name's length (24 bytes from `at`): a stored,
 * UTF-8 named entry of `size` bytes at the fixed DOS time.
 */
function writeEntryFields(buf: Buffer, at: number, crc: number, size: number, nameLength: number): void {
  buf.writeUInt16LE(VERSION_NEEDED, at);
  buf.writeUInt16LE(UTF8_NAMES, at + 2);
  buf.writeUInt16LE(0, at + 4); // stored
  buf.writeUInt16LE(DOS_TIME, at + 6);
  buf.writeUInt16LE(DOS_DATE, at + 8);
  buf.writeUInt32LE(crc, at + 10);
  buf.writeUInt32LE(size, at + 14);
  buf.writeUInt32LE(size, at + 18);
  buf.writeUInt16LE(nameLength, at + 22);
}

/** CRC-32 (zip polynomial); native where the runtime has it (Node ≥ 20.15). */
export function crc32(bytes: Uint8Array): number {
  const native = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;
  if (native) return native(bytes) >>> 0;
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = crcTable[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function encodeZip(entries: readonly ZipEntryData[]): Buffer {
  if (entries.length > 0xffff) throw new RangeError(`too many zip entries: ${entries.length}`);
  const parts: Uint8Array[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.bytes.byteLength;
    if (size > MAX_ZIP32 || offset > MAX_ZIP32) throw new RangeError(`zip entry too large for zip32: ${entry.name}`);
    const crc = crc32(entry.bytes);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    writeEntryFields(local, 4, crc, size, name.length);
    // extra length: 0

    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION_MADE_BY, 4);
    writeEntryFields(header, 6, crc, size, name.length);
    // extra length, comment length, disk number, internal attributes: 0
    header.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    parts.push(local, name, entry.bytes);
    offset += local.length + name.length + size;
  }
  const centralBytes = Buffer.concat(central);
  if (offset > MAX_ZIP32) throw new RangeError('zip too large for zip32');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, centralBytes, end]);
}
