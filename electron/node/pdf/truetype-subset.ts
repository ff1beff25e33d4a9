/**
 * Just enough TrueType to embed the slug line's font: WOFF 1.0 → sfnt,
 * cmap lookup, advance widths, and a glyph subset (unused glyphs emptied,
 * composite components kept) for a CIDFontType2 with Identity CIDToGIDMap.
 * The fonts are the app's own (@fontsource/noto-sans-sc, OFL).
 */
import { inflateSync } from 'node:zlib';

export interface Sfnt {
  tables: Map<string, Buffer>;
}

/** Unpacks a WOFF 1.0 file (zlib-compressed tables) into its sfnt tables. */
export function decodeWoff(woff: Buffer): Sfnt {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new RangeError('not a WOFF 1.0 font');
  const numTables = woff.readUInt16BE(12);
  const tables = new Map<string, Buffer>();
  for (let i = 0; i < numTables; i++) {
    const at = 44 + i * 20;
    const tag = woff.toString('latin1', at, at + 4);
    const offset = woff.readUInt32BE(at + 4);
    const compLength = woff.readUInt32BE(at + 8);
    const origLength = woff.readUInt32BE(at + 12);
    const data = woff.subarray(offset, offset + compLength);
    tables.set(tag, compLength < origLength ? inflateSync(data) : Buffer.from(data));
  }
  return { tables };
}

function table(font: Sfnt, tag: string): Buffer {
  const t = font.tables.get(tag);
  if (!t) throw new RangeError(`font has no ${tag} table`);
  return t;
}

/** Unicode → glyph id, from a format 4 or 12 cmap subtable. */
export function glyphIds(font: Sfnt, codePoints: number[]): Map<number, number> {
  const cmap = table(font, 'cmap');
  const n = cmap.readUInt16BE(2);
  let best = -1;
  let bestFormat = 0;
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const off = cmap.readUInt32BE(8 + i * 8);
    const format = cmap.readUInt16BE(off);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (unicode && (format === 12 || (format === 4 && bestFormat !== 12))) {
      best = off;
      bestFormat = format;
    }
  }
  if (best < 0) throw new RangeError('font has no Unicode cmap');
  const out = new Map<number, number>();
  for (const cp of codePoints) {
    let gid = 0;
    if (bestFormat === 12) {
      const groups = cmap.readUInt32BE(best + 12);
      for (let g = 0; g < groups; g++) {
        const at = best + 16 + g * 12;
        const start = cmap.readUInt32BE(at);
        const end = cmap.readUInt32BE(at + 4);
        if (cp >= start && cp <= end) {
          gid = cmap.readUInt32BE(at + 8) + (cp - start);
          break;
        }
      }
    } else if (cp <= 0xffff) {
      const segX2 = cmap.readUInt16BE(best + 6);
      const ends = best + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const ranges = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = cmap.readUInt16BE(ends + s * 2);
        if (cp > end) continue;
        const start = cmap.readUInt16BE(starts + s * 2);
        if (cp < start) break;
        const delta = cmap.readInt16BE(deltas + s * 2);
        const rangeOffset = cmap.readUInt16BE(ranges + s * 2);
        if (rangeOffset === 0) gid = (cp + delta) & 0xffff;
        else {
          const g = cmap.readUInt16BE(ranges + s * 2 + rangeOffset + (cp - start) * 2);
          gid = g === 0 ? 0 : (g + delta) & 0xffff;
        }
        break;
      }
    }
    out.set(cp, gid);
  }
  return out;
}

export function unitsPerEm(font: Sfnt): number {
  return table(font, 'head').readUInt16BE(18);
}

/** Advance width of a glyph in font units. */
export function advance(font: Sfnt, gid: number): number {
  const hhea = table(font, 'hhea');
  const hmtx = table(font, 'hmtx');
  const nMetrics = hhea.readUInt16BE(34);
  return hmtx.readUInt16BE(Math.min(gid, nMetrics - 1) * 4);
}

function glyphRanges(font: Sfnt): { loca: number[]; glyf: Buffer } {
  const head = table(font, 'head');
  const long = head.readInt16BE(50) === 1;
  const loca = table(font, 'loca');
  const numGlyphs = table(font, 'maxp').readUInt16BE(4);
  const offsets: number[] = [];
  for (let i = 0; i <= numGlyphs; i++) offsets.push(long ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  return { loca: offsets, glyf: table(font, 'glyf') };
}

/** Glyph ids a composite glyph refers to. */
function components(glyph: Buffer): number[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return [];
  const out: number[] = [];
  let at = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(at);
    out.push(glyph.readUInt16BE(at + 2));
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & 0x0020)) break;
  }
  return out;
}

function checksum(b: Buffer): number {
  let sum = 0;
  const padded = Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

const KEEP = ['cmap', 'cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'name', 'OS/2', 'post', 'prep'];

/**
 * An sfnt with only `gids` (and their components, and glyph 0) keeping their
 * outlines; glyph ids are unchanged so CIDToGIDMap /Identity still holds.
 */
export function subsetSfnt(font: Sfnt, gids: Iterable<number>): Buffer {
  const { loca, glyf } = glyphRanges(font);
  const keep = new Set<number>([0]);
  const queue = [...gids];
  while (queue.length) {
    const g = queue.pop()!;
    if (keep.has(g) || g >= loca.length - 1) continue;
    keep.add(g);
    queue.push(...components(glyf.subarray(loca[g], loca[g + 1])));
  }
  keep.forEach((g) => {
    if (g >= loca.length - 1) keep.delete(g);
  });
  const parts: Buffer[] = [];
  const newLoca = Buffer.alloc(loca.length * 4);
  let pos = 0;
  for (let g = 0; g < loca.length - 1; g++) {
    newLoca.writeUInt32BE(pos, g * 4);
    if (keep.has(g)) {
      const data = glyf.subarray(loca[g], loca[g + 1]);
      const pad = Buffer.alloc((4 - (data.length % 4)) % 4);
      parts.push(data, pad);
      pos += data.length + pad.length;
    }
  }
  newLoca.writeUInt32BE(pos, (loca.length - 1) * 4);
  const tables = new Map(font.tables);
  tables.set('glyf', Buffer.concat(parts));
  tables.set('loca', newLoca);
  const head = Buffer.from(table(font, 'head'));
  head.writeInt16BE(1, 50);
  head.writeUInt32BE(0, 8);
  tables.set('head', head);

  const tags = KEEP.filter((t) => tables.has(t)).sort();
  const n = tags.length;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  const es = Math.floor(Math.log2(n));
  header.writeUInt16BE(2 ** es * 16, 6);
  header.writeUInt16BE(es, 8);
  header.writeUInt16BE(n * 16 - 2 ** es * 16, 10);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const at = 12 + i * 16;
    header.write(tag, at, 'latin1');
    header.writeUInt32BE(checksum(data), at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(data.length, at + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  const out = Buffer.concat([header, ...bodies]);
  // head.checkSumAdjustment = 0xB1B0AFBA − checksum of the whole font.
  const headIndex = tags.indexOf('head');
  const headOffset = header.readUInt32BE(12 + headIndex * 16 + 8);
  out.writeUInt32BE((0xb1b0afba - checksum(out)) >>> 0, headOffset + 8);
  return out;
}
