/**
 * Fuzzing the loader with fast-check: thousands of malformed files (mutated
 * real zips, random bytes, hostile manifests and pages, zip-slip names,
 * lying sizes, deep JSON, shuffled entries). Each must be refused with a
 * one-line reason or load as a valid file; nothing may throw, hang past 5 s,
 * modify the input, or write a file anywhere.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile } from '../../../electron/node/storage';
import type { AssetData } from '../../../electron/node/storage';
import { encodeBanmian } from '../../../electron/node/storage/encode';
import { pageFromJson } from '../../../shared/model/load-page';
import type { Result } from '../../../shared/result';
import { deflatedZip, fileEntries, manifestFor, rawZip } from './hostile';
import { assetFromBytes, noiseImage, samplePage, tempDir } from './sample';
import type { Json } from './json-paths';
import { paths, setAt } from './json-paths';

const RUNS = Number(process.env['BANMIAN_FUZZ_RUNS'] ?? 5000);
const HANG_MS = 5000;

let tmp: ReturnType<typeof tempDir>;
let photo: AssetData;
let pages: unknown[];
let valid: Buffer;
let validDeflated: Buffer;

beforeAll(async () => {
  tmp = tempDir('banmian-fuzz-');
  photo = await assetFromBytes(await noiseImage(16, 12, 3), 'p.jpg');
  pages = [samplePage(1, photo), samplePage(2)];
  valid = rawZip(fileEntries(manifestFor(2, [photo]), pages, [photo]));
  validDeflated = deflatedZip(fileEntries(manifestFor(2, [photo]), pages, [photo]));
});
afterAll(() => tmp.remove());


/** Every path (keys/indices) inside a JSON value, for targeted mutation. */


const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53 + 2, 0.5, '', '../x', '\u0000', null, [], {}, '9'.repeat(400)),
  fc.double(),
  fc.integer(),
);

/** Built once the sample content exists (after beforeAll). */
function malformedFiles(): fc.Arbitrary<{ kind: string; bytes: Buffer }> {
  const mutatedZip = fc
    .record({
      base: fc.constantFrom('stored', 'deflated'),
      flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
      cut: fc.option(fc.nat(), { nil: undefined }),
    })
    .map(({ base, flips, cut }) => {
      const bytes = Buffer.from(base === 'stored' ? valid : validDeflated);
      for (const [at, v] of flips) bytes[at % bytes.length] = v;
      return cut === undefined ? bytes : bytes.subarray(0, cut % bytes.length);
    });

  const randomBytes = fc.oneof(
    fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([Buffer.from('PK\u0003\u0004'), b])),
    fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.concat([b, valid.subarray(valid.length - 22)])),
  );

  const hostileManifest = fc
    .oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc.record({ key: fc.constantFrom('format', 'version', 'generator', 'pages', 'assets', 'extra'), value: nastyValue }).map(({ key, value }) => ({
        ...manifestFor(2, [photo]),
        [key]: value,
      })),
      fc.record({ path: fc.nat(), value: nastyValue }).map(({ path, value }) => {
        const m = manifestFor(2, [photo]);
        const all = paths(m);
        return setAt(m, all[path % all.length]!, value);
      }),
    )
    .map((m) => rawZip(fileEntries(m, pages, [photo])));

  const hostilePage = fc
    .record({ page: fc.nat(), path: fc.nat(), value: nastyValue, times: fc.integer({ min: 1, max: 3 }) })
    .map(({ page, path, value, times }) => {
      const i = page % pages.length;
      let p = pages[i];
      for (let t = 0; t < times; t++) {
        const all = paths(p);
        p = setAt(p, all[(path * (t + 1)) % all.length]!, value);
      }
      const list = [...pages];
      list[i] = p;
      return rawZip(fileEntries(manifestFor(2, [photo]), list, [photo]));
    });

  const zipSlip = fc
    .record({
      name: fc.oneof(
        fc.constantFrom('../evil-fuzz', '/tmp/evil-fuzz', '..\\evil-fuzz', 'pages/../../evil-fuzz', 'C:\\evil-fuzz', './evil-fuzz', 'assets/../../evil-fuzz', 'manifest.json'),
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 20 }).map((s) => `../${s}`),
      ),
      data: fc.uint8Array({ maxLength: 64 }),
    })
    .map(({ name, data }) => rawZip([...fileEntries(manifestFor(2, [photo]), pages, [photo]), { name, data }]));

  /** Patches the declared sizes of one entry (central directory and local header). */
  const lyingSizes = fc
    .record({ entry: fc.nat(), size: fc.nat({ max: 0xffffffff }), which: fc.constantFrom('central', 'local', 'both') })
    .map(({ entry, size, which }) => {
      const bytes = Buffer.from(valid);
      const centrals: number[] = [];
      for (let at = bytes.indexOf('PK\u0001\u0002'); at >= 0; at = bytes.indexOf('PK\u0001\u0002', at + 4)) centrals.push(at);
      const c = centrals[entry % centrals.length]!;
      if (which !== 'local') {
        bytes.writeUInt32LE(size, c + 20);
        bytes.writeUInt32LE(size, c + 24);
      }
      if (which !== 'central') {
        const local = bytes.readUInt32LE(c + 42);
        bytes.writeUInt32LE(size, local + 18);
        bytes.writeUInt32LE(size, local + 22);
      }
      return bytes;
    });

  const deepJson = fc.record({ depth: fc.integer({ min: 20, max: 100_000 }), open: fc.constantFrom('[', '{"a":') }).map(({ depth, open }) => {
    const close = open === '[' ? ']' : '}';
    const text = open.repeat(depth) + (open === '[' ? '' : '1') + close.repeat(depth);
    return rawZip([...fileEntries(manifestFor(1), []), { name: 'pages/1.json', data: text }]);
  });

  const shuffledEntries = fc
    .record({ pick: fc.shuffledSubarray(fileEntries(manifestFor(2, [photo]), [samplePage(1), samplePage(2)]), { minLength: 0 }), dup: fc.boolean() })
    .map(({ pick, dup }) => rawZip(dup && pick[0] ? [...pick, pick[0]] : pick));

  return fc.oneof(
    { weight: 4, arbitrary: mutatedZip.map((bytes) => ({ kind: 'mutated zip', bytes })) },
    { weight: 2, arbitrary: randomBytes.map((bytes) => ({ kind: 'random bytes', bytes })) },
    { weight: 3, arbitrary: hostileManifest.map((bytes) => ({ kind: 'hostile manifest', bytes })) },
    { weight: 4, arbitrary: hostilePage.map((bytes) => ({ kind: 'hostile page', bytes })) },
    { weight: 2, arbitrary: zipSlip.map((bytes) => ({ kind: 'zip-slip name', bytes })) },
    { weight: 2, arbitrary: lyingSizes.map((bytes) => ({ kind: 'lying sizes', bytes })) },
    { weight: 1, arbitrary: deepJson.map((bytes) => ({ kind: 'deep JSON', bytes })) },
    { weight: 1, arbitrary: shuffledEntries.map((bytes) => ({ kind: 'shuffled entries', bytes })) },
  );
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'hang'> {
  let timer: NodeJS.Timeout;
  return Promise.race([promise, new Promise<'hang'>((r) => (timer = setTimeout(() => r('hang'), ms)))]).finally(() => clearTimeout(timer));
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('readBanmianFile fuzzed', () => {
  it(`refuses or loads validly ${RUNS} malformed files, without throwing, hanging or writing`, async () => {
    const file = join(tmp.dir, 'fuzz.banmian');
    const watched = [tmpdir(), dirname(tmp.dir), process.cwd()];
    const before = watched.map((d) => new Set(readdirSync(d)));
    const tally = new Map<string, { refused: number; loaded: number }>();
    const codes = new Map<string, number>();
    let slowest = 0;
    const started = performance.now();

    await fc.assert(
      fc.asyncProperty(malformedFiles(), async ({ kind, bytes }) => {
        writeFileSync(file, bytes);
        const digest = sha(bytes);
        const t0 = performance.now();
        const result: Result<unknown> | 'hang' = await withTimeout(readBanmianFile(file), HANG_MS);
        slowest = Math.max(slowest, performance.now() - t0);
        if (result === 'hang') throw new Error(`${kind}: no answer within ${HANG_MS} ms`);
        const count = tally.get(kind) ?? { refused: 0, loaded: 0 };
        if (result.ok) {
          count.loaded++;
          const loaded = result.value as { pages: unknown[]; assets: AssetData[] };
          for (const p of loaded.pages) expect(pageFromJson(p).ok).toBe(true);
          expect((await encodeBanmian({ pages: loaded.pages, assets: loaded.assets })).ok).toBe(true);
        } else {
          count.refused++;
          codes.set(result.error.code, (codes.get(result.error.code) ?? 0) + 1);
          expect(result.error.code).toMatch(/^[A-Z_]+$/);
          expect(result.error.message.length).toBeGreaterThan(0);
          expect(result.error.message).not.toMatch(/[\r\n]/);
        }
        tally.set(kind, count);
        expect(sha(readFileSync(file))).toBe(digest);
        expect(readdirSync(tmp.dir)).toEqual(['fuzz.banmian']);
      }),
      { numRuns: RUNS },
    );

    watched.forEach((dir, i) => {
      const appeared = readdirSync(dir).filter((n) => !before[i]!.has(n));
      // The names a hostile entry would write outside the file (another test's own temp folder, say
      // banmian-fuzz-edition-…, made while this one runs, is not one of them).
      expect(appeared.filter((n) => /^(evil-fuzz|manifest\.json|pages|assets)$/.test(n))).toEqual([]);
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const summary = [...tally].map(([k, v]) => `${k} ${v.refused}/${v.loaded}`).join(', ');
    console.log(
      `fuzz: ${RUNS} files in ${seconds} s, slowest ${slowest.toFixed(0)} ms; refused/loaded by kind: ${summary}; codes: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}`,
    );
    const total = [...tally.values()].reduce((s, v) => s + v.refused + v.loaded, 0);
    expect(total).toBe(RUNS);
  }, 600_000);
});
