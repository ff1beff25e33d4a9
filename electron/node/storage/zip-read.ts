/**
 * Reads the entries of an untrusted zip into memory, within limits. Nothing is
 * ever extracted to disk. Every entry name is checked before its bytes are
 * read; declared sizes are checked against the limits before inflating, and
 * the actual size against the declared one while inflating (yauzl's
 * `validateEntrySizes`), so a zip bomb stops at the first lie.
 */
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { HostErrorCode, Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { LIMITS, quoteName, STORAGE_ERRORS } from './limits';
import { crc32 } from './zip-write';

/** What the reader does with an entry, decided from its name alone. */
export type EntryKind = 'manifest' | 'page' | 'asset' | 'extra' | 'directory' | 'unknown';

export interface ZipPolicy {
  /** Classifies a (safe) entry name. `unknown` entries are skipped with a warning. */
  classify(name: string): EntryKind;
  /** Largest allowed uncompressed size for an entry of this kind. */
  maxBytes(kind: EntryKind): number;
}

export interface ZipEntries {
  entries: Map<string, Buffer>;
  warnings: string[];
}

/** Names that could escape a folder or confuse another unzipper. */
export function unsafeEntryReason(name: string): string | null {
  if (name.length === 0) return 'empty entry name';
  if (name.includes('\\')) return `entry name with a backslash ${quoteName(name)}`;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return `absolute entry path ${quoteName(name)}`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return `entry name with control characters ${quoteName(name)}`;
  if (name.split('/').some((part) => part === '..' || part === '.')) return `entry path with "." or ".." ${quoteName(name)}`;
  return null;
}

function yauzlReason(message: string): { code: HostErrorCode; message: string } {
  if (/end of central directory record signature not found/i.test(message)) {
    return { code: STORAGE_ERRORS.notZip, message: 'not a Banmian file (not a zip archive, or the file is truncated)' };
  }
  if (/absolute path|invalid relative path|invalid characters in fileName/i.test(message)) {
    return { code: STORAGE_ERRORS.unsafeEntry, message: `unsafe entry in the zip: ${message}` };
  }
  return { code: STORAGE_ERRORS.notZip, message: `damaged zip archive: ${message}` };
}

function openBuffer(buffer: Buffer): Promise<Result<ZipFile>> {
  return new Promise((resolve) => {
    try {
      yauzl.fromBuffer(
        buffer,
        { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true, autoClose: false },
        (err, zipfile) => {
          if (err || !zipfile) {
            const r = yauzlReason(err?.message ?? 'unknown error');
            resolve(fail(r.code, r.message));
          } else resolve(ok(zipfile));
        },
      );
    } catch (e) {
      const r = yauzlReason((e as Error).message);
      resolve(fail(r.code, r.message));
    }
  });
}

/** Reads every wanted entry's bytes. Resolves once; never throws. */
export async function readZipEntries(buffer: Buffer, policy: ZipPolicy): Promise<Result<ZipEntries>> {
  const opened = await openBuffer(buffer);
  if (!opened.ok) return opened;
  const zipfile = opened.value;
  if (zipfile.entryCount > LIMITS.entries) {
    zipfile.close();
    return fail(STORAGE_ERRORS.tooLarge, `zip has ${zipfile.entryCount} entries; at most ${LIMITS.entries} are allowed`);
  }

  // Pass 1: the central directory only. Every name, type and declared size is
  // checked, and the declared total summed, before a single byte is inflated.
  const listed = await listEntries(zipfile, policy);
  if (!listed.ok) {
    zipfile.close();
    return listed;
  }
  // Pass 2: read the wanted entries, one at a time, into memory.
  const entries = new Map<string, Buffer>();
  for (const entry of listed.value.wanted) {
    const bytes = await readEntry(zipfile, entry);
    if (!bytes.ok) {
      zipfile.close();
      return bytes;
    }
    entries.set(entry.fileName, bytes.value);
  }
  zipfile.close();
  return ok({ entries, warnings: listed.value.warnings });
}

function listEntries(zipfile: ZipFile, policy: ZipPolicy): Promise<Result<{ wanted: Entry[]; warnings: string[] }>> {
  return new Promise((resolve) => {
    const wanted: Entry[] = [];
    const seen = new Set<string>();
    const warnings: string[] = [];
    let declaredTotal = 0;
    let settled = false;
    const finish = (result: Result<{ wanted: Entry[]; warnings: string[] }>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const refuse = (code: HostErrorCode, message: string) => finish(fail(code, message));

    zipfile.on('error', (err: Error) => {
      const r = yauzlReason(err.message);
      refuse(r.code, r.message);
    });
    zipfile.on('end', () => finish(ok({ wanted, warnings })));
    zipfile.on('entry', (entry: Entry) => {
      if (settled) return;
      const name = entry.fileName;
      const unsafe = unsafeEntryReason(name);
      if (unsafe) return refuse(STORAGE_ERRORS.unsafeEntry, unsafe);
      // Case-insensitive file systems would merge these: refuse both kinds of twin.
      const key = name.toLowerCase();
      if (seen.has(key)) return refuse(STORAGE_ERRORS.invalid, `zip holds ${quoteName(name)} twice`);
      seen.add(key);
      const kind: EntryKind = name.endsWith('/') ? 'directory' : policy.classify(name);
      if (kind === 'directory') return zipfile.readEntry();
      if (kind === 'unknown') {
        if (warnings.length < 20) warnings.push(`ignored unknown entry ${quoteName(name)}`);
        return zipfile.readEntry();
      }
      if (entry.isEncrypted()) return refuse(STORAGE_ERRORS.invalid, `entry ${quoteName(name)} is encrypted`);
      if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
        return refuse(STORAGE_ERRORS.invalid, `entry ${quoteName(name)} uses unsupported compression ${entry.compressionMethod}`);
      }
      const max = policy.maxBytes(kind);
      if (entry.uncompressedSize > max) {
        return refuse(STORAGE_ERRORS.tooLarge, `entry ${quoteName(name)} is ${entry.uncompressedSize} bytes; the limit is ${max}`);
      }
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > LIMITS.totalUncompressedBytes) {
        return refuse(STORAGE_ERRORS.tooLarge, `zip content exceeds ${LIMITS.totalUncompressedBytes} bytes uncompressed`);
      }
      wanted.push(entry);
      zipfile.readEntry();
    });
    zipfile.readEntry();
  });
}

function readEntry(zipfile: ZipFile, entry: Entry): Promise<Result<Buffer>> {
  const name = entry.fileName;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: Result<Buffer>) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    zipfile.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        const r = yauzlReason(err?.message ?? 'cannot read entry');
        return finish(fail(r.code, `${quoteName(name)}: ${r.message}`));
      }
      const chunks: Buffer[] = [];
      let got = 0;
      stream.on('data', (chunk: Buffer) => {
        got += chunk.length;
        // yauzl checks this too; counting here keeps the bound local and obvious.
        if (got > entry.uncompressedSize) {
          stream.destroy();
          finish(fail(STORAGE_ERRORS.invalid, `entry ${quoteName(name)} is larger than it declares`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on('error', (e: Error) => {
        const r = yauzlReason(e.message);
        finish(fail(r.code, `${quoteName(name)}: ${r.message}`));
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks, got);
        if (bytes.length !== entry.uncompressedSize) {
          return finish(fail(STORAGE_ERRORS.invalid, `entry ${quoteName(name)} is shorter than it declares`));
        }
        if (crc32(bytes) !== entry.crc32) return finish(fail(STORAGE_ERRORS.invalid, `entry ${quoteName(name)} is damaged (CRC mismatch)`));
        finish(ok(bytes));
      });
    });
  });
}
