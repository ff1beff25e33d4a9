/**
 * Child process of the kill test. Loads two editions (JSON dumps, so sharp is
 * never loaded and start-up stays short), saves once elsewhere to warm up,
 * prints `ready <ms of that save>`, waits for a line on stdin, then saves the editions over one target, alternately, until it is
 * killed, printing `saved <ms>` after each save.
 */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeBanmianFile } from '../../../electron/node/storage';
import type { FileContent } from '../../../electron/node/storage';

interface Dump {
  pages: unknown[];
  assets: { entry: FileContent['assets'][number]['entry']; base64: string }[];
}

function load(path: string): FileContent {
  const dump = JSON.parse(readFileSync(path, 'utf8')) as Dump;
  return { pages: dump.pages, assets: dump.assets.map((a) => ({ entry: a.entry, bytes: Buffer.from(a.base64, 'base64') })) };
}

const [target, fileA, fileB] = process.argv.slice(2);
if (!target || !fileA || !fileB) throw new RangeError('usage: kill-writer TARGET A.json B.json');
const editions = [load(fileA), load(fileB)];
// A cold first save is several times slower than later ones; warm up on a scratch file.
const scratch = join(dirname(target), `warm-${process.pid}.banmian`);
await writeBanmianFile(scratch, editions[1]!);
const warmStart = performance.now();
await writeBanmianFile(scratch, editions[0]!);
const warmMs = performance.now() - warmStart;
rmSync(scratch);
rmSync(`${scratch}~`);
process.stdout.write(`ready ${warmMs.toFixed(1)}\n`);
process.stdin.once('data', async () => {
  for (let n = 0; ; n++) {
    const started = performance.now();
    const r = await writeBanmianFile(target, editions[n % 2]!);
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(`saved ${(performance.now() - started).toFixed(1)}\n`);
  }
});
