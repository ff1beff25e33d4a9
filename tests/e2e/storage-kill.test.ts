/**
 * A save killed at any moment leaves the file loadable and equal to either
 * the previous or the new version. Child processes save two different large
 * editions over one file in a loop and are SIGKILLed at random moments.
 *
 * Node plus the modules take most of a second to start on a busy machine, so
 * a few writers are started ahead and wait for `go`; only one writes at a time.
 * It is in the e2e project because it takes minutes on a busy machine;
 * `BANMIAN_KILLS=20` shortens it. The same runs on the reference edition
 * (8 pages; A as built, B with a page moved), `BANMIAN_EDITION_KILLS` times.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupPath, readBanmianFile, writeBanmianFile } from '../../electron/node/storage';
import type { AssetData, FileContent } from '../../electron/node/storage';
import { assetFromBytes, noiseImage, samplePage, tempDir } from '../electron/storage/sample';
import { contentOfEdition, editionOfFile } from '../../electron/node/storage/edition-file';
import { movePage } from '../../shared/edition/page-moves';

const KILLS = Number(process.env['BANMIAN_KILLS'] ?? 200);
const EDITION_KILLS = Number(process.env['BANMIAN_EDITION_KILLS'] ?? 60);
const AHEAD = 3;
const root = resolve(__dirname, '../..');
let tmp: ReturnType<typeof tempDir>;
let script: string;
let bytesA: Buffer;
let bytesB: Buffer;
let firstSaveMs = 0;

async function edition(seed: number): Promise<FileContent> {
  const assets: AssetData[] = [];
  for (let i = 0; i < 4; i++) assets.push(await assetFromBytes(await noiseImage(1200, 1000, seed * 10 + i), `p${i}.jpg`));
  const pages = [0, 1, 2, 3, 4, 5].map((n) => samplePage(n + 1, assets[n % 4], `第${seed}稿`));
  return { pages, assets };
}

function dump(content: FileContent, path: string): void {
  const dir = join(path, '..', 'assets');
  mkdirSync(dir, { recursive: true });
  for (const a of content.assets) writeFileSync(join(dir, a.entry.hash), a.bytes);
  writeFileSync(path, JSON.stringify({ pages: content.pages, edition: content.edition, assets: content.assets.map((a) => a.entry) }));
}

beforeAll(async () => {
  tmp = tempDir('banmian-kill-');
  // Bundle the child inside the repo so it resolves node_modules like the app does.
  mkdirSync(join(root, 'build'), { recursive: true });
  script = join(root, 'build', `kill-writer-${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, 'tests/electron/storage/kill-writer.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // One file starts faster than hundreds of modules; sharp is native (and never loaded).
    external: ['sharp'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    logLevel: 'warning',
  });
  const [a, b] = [await edition(1), await edition(2)];
  dump(a, join(tmp.dir, 'A.json'));
  dump(b, join(tmp.dir, 'B.json'));
  const started = performance.now();
  expect((await writeBanmianFile(join(tmp.dir, 'A.banmian'), a)).ok).toBe(true);
  firstSaveMs = performance.now() - started;
  expect((await writeBanmianFile(join(tmp.dir, 'B.banmian'), b)).ok).toBe(true);
  bytesA = readFileSync(join(tmp.dir, 'A.banmian'));
  bytesB = readFileSync(join(tmp.dir, 'B.banmian'));
}, 120_000);

afterAll(() => {
  tmp.remove();
  rmSync(script, { force: true });
});

interface Writer {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  out: () => string;
  exited: Promise<NodeJS.Signals | null>;
  /** Resolves once the writer has completed `n` saves. */
  saves: (n: number) => Promise<void>;
}

function startWriter(target: string, dir = tmp.dir): Writer {
  const child = spawn(process.execPath, [script, target, join(dir, 'A.json'), join(dir, 'B.json')]);
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const waiting: { n: number; resolve: () => void }[] = [];
  const completed = () => out.split('saved ').length - 1;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.startsWith('ready\n')) markReady();
    const n = completed();
    for (const w of waiting.splice(0)) {
      if (n >= w.n) w.resolve();
      else waiting.push(w);
    }
  });
  const saves = (n: number) => (completed() >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve })));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<NodeJS.Signals | null>((done) =>
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') throw new Error(`writer exited with ${code}: ${err}`);
      done(signal);
    }),
  );
  return { child, ready, out: () => out, exited, saves };
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;

/** Kills writers saving A and B alternately over `target` in `dir`, KILLS times; the file must always be A or B. */
async function killLoop(name: string, dir: string, bytesA: Buffer, bytesB: Buffer, firstSaveMs: number, KILLS: number): Promise<void> {
  const target = join(dir, 'edition.banmian');
  const counts = { A: 0, B: 0, absent: 0 };
  const saveTimes: number[] = [];
  const started = performance.now();
  const queue: Writer[] = [];
  for (let i = 0; i < Math.min(AHEAD, KILLS); i++) queue.push(startWriter(target, dir));
  for (let i = 0; i < KILLS; i++) {
    const writer = queue.shift()!;
    if (i + AHEAD < KILLS) queue.push(startWriter(target, dir));
    await writer.ready;
    writer.child.stdin.write('go\n');
    // Let the writer complete 0, 1 or 2 saves (A, then B), then kill it anywhere within the next
    // one: every phase of a save gets hit, and the file must be A or B whichever save it was in.
    await writer.saves(i % 3);
    const saveMs = saveTimes.length >= 3 ? median(saveTimes) : firstSaveMs;
    await new Promise((r) => setTimeout(r, Math.random() * saveMs));
    writer.child.kill('SIGKILL');
    await writer.exited;
    for (const m of writer.out().matchAll(/saved ([\d.]+)/g)) saveTimes.push(Number(m[1]));

    let now: Buffer;
    try {
      now = readFileSync(target);
    } catch {
      counts.absent++; // killed before the very first save finished
      continue;
    }
    if (now.equals(bytesA)) counts.A++;
    else if (now.equals(bytesB)) counts.B++;
    else throw new Error(`kill ${i}: the file is neither version (${now.length} bytes)`);
    if (i % 25 === 0) {
      expect((await readBanmianFile(target)).ok).toBe(true);
      // The backup is the version a save replaced: none yet while only the first save has completed.
      let backup: Buffer | null = null;
      try {
        backup = readFileSync(backupPath(target));
      } catch {
        expect(saveTimes.length, `kill ${i}: no backup after several saves`).toBeLessThanOrEqual(1);
      }
      if (backup) expect(backup.equals(bytesA) || backup.equals(bytesB)).toBe(true);
    }
  }
  const leftovers = readdirSync(dir).filter((n) => n.endsWith('.tmp'));
  console.log(
    `kill test (${name}): ${KILLS} kills in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
      `file was A ${counts.A}×, B ${counts.B}×, absent ${counts.absent}×; ${saveTimes.length} saves completed, ` +
      `median save of the ${(bytesA.length / 1e6).toFixed(1)} MB edition ${median(saveTimes).toFixed(0)} ms; temp files left ${leftovers.length}`,
  );
  expect(counts.A + counts.B + counts.absent).toBe(KILLS);
  expect(counts.A).toBeGreaterThan(0);
  expect(counts.B).toBeGreaterThan(0);
  // Temp files of killed writers are removed by the next save: at most the last kill's remain.
  expect(leftovers.length).toBeLessThanOrEqual(2);
}

describe('writeBanmianFile under SIGKILL', () => {
  it(`leaves the old or the new file after each of ${KILLS} kills`, async () => {
    expect(bytesA.length).toBeGreaterThan(3_000_000);
    await killLoop('6 pages of noise photos', tmp.dir, bytesA, bytesB, firstSaveMs, KILLS);
  }, 1_800_000);

  it(`leaves the reference edition or its page-moved version after each of ${EDITION_KILLS} kills`, async () => {
    const dir = join(tmp.dir, 'reference');
    mkdirSync(dir, { recursive: true });
    const loaded = await readBanmianFile(join(root, 'fixtures', 'reference-edition.banmian'));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const edition = editionOfFile(loaded.value);
    if (!edition.ok) throw new Error(edition.error.message);
    const a = contentOfEdition(edition.value, loaded.value.assets);
    const b = contentOfEdition(movePage(edition.value, 3, 8).doc, loaded.value.assets);
    dump(a, join(dir, 'A.json'));
    dump(b, join(dir, 'B.json'));
    const started = performance.now();
    expect((await writeBanmianFile(join(dir, 'A.banmian'), a)).ok).toBe(true);
    const first = performance.now() - started;
    expect((await writeBanmianFile(join(dir, 'B.banmian'), b)).ok).toBe(true);
    const [ea, eb] = [readFileSync(join(dir, 'A.banmian')), readFileSync(join(dir, 'B.banmian'))];
    expect(ea.equals(eb)).toBe(false);
    rmSync(join(dir, 'A.banmian'));
    rmSync(join(dir, 'B.banmian'));
    await killLoop('reference edition', dir, ea, eb, first, EDITION_KILLS);
  }, 1_800_000);
});
