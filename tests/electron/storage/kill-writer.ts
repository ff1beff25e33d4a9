/**
 * Child process of the kill test. Loads two editions (pages JSON plus raw
 * image files, so sharp is never loaded and start-up stays short), prints
 * `ready` once warmed up, waits for a line on stdin, then saves the editions over one target,
 * alternately, until it is killed, printing `saved <ms>` after each save.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeBanmianFile } from '../../../electron/node/storage';
import { encodeBanmian } from '../../../electron/node/storage/encode';
import type { FileContent } from '../../../electron/node/storage';

interface Dump {
  pages: unknown[];
  edition?: FileContent['edition'];
  assets: FileContent['assets'][number]['entry'][];
}

/** `A.json` lists the pages and asset entries; the bytes are `assets/<hash>` beside it. */
function load(path: string): FileContent {
  const dump = JSON.parse(readFileSync(path, 'utf8')) as Dump;
  const dir = join(dirname(path), 'assets');
  return { pages: dump.pages, edition: dump.edition, assets: dump.assets.map((entry) => ({ entry, bytes: readFileSync(join(dir, entry.hash)) })) };
}

const [target, fileA, fileB] = process.argv.slice(2);
if (!target || !fileA || !fileB) throw new RangeError('usage: kill-writer TARGET A.json B.json');
const editions = [load(fileA), load(fileB)];
// Warm the code up in memory (a cold first save is several times slower), so
// kills land in every phase of real saves rather than mostly in the first one.
for (const edition of editions) await encodeBanmian(edition);
process.stdout.write('ready\n');
process.stdin.once('data', async () => {
  for (let n = 0; ; n++) {
    const started = performance.now();
    const r = await writeBanmianFile(target, editions[n % 2]!);
    if (!r.ok) throw new Error(r.error.message);
    process.stdout.write(`saved ${(performance.now() - started).toFixed(1)}\n`);
  }
});
