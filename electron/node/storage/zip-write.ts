/**
 * Builds a zip in memory, deterministically: the same entries in the same
 * order give the same bytes. Entry dates are fixed, the file mode is fixed and
 * no extended timestamp is written, so a file's bytes depend on its content
 * only (and on zlib's deflate, which is stable for one Node build).
 */
import yazl from 'yazl';

export interface ZipEntryData {
  name: string;
  bytes: Uint8Array;
  /** Deflate the entry; images are already compressed and are stored. */
  compress: boolean;
}

// DOS timestamps are local time; building the Date from local fields makes the
// stored fields the same in every time zone.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);
const FILE_MODE = 0o100644;

export function encodeZip(entries: readonly ZipEntryData[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const zip = new yazl.ZipFile();
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    for (const entry of entries) {
      zip.addBuffer(Buffer.from(entry.bytes.buffer, entry.bytes.byteOffset, entry.bytes.byteLength), entry.name, {
        mtime: FIXED_DATE,
        mode: FILE_MODE,
        compress: entry.compress,
        forceDosTimestamp: true,
      });
    }
    zip.end();
  });
}
