import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileOffThread } from '../../../electron/node/intake/import-off-thread';
import { MAX_TEXT_FILE_BYTES } from '../../../electron/node/intake/limits';
import { seedText } from '../../shared/intake/seed-text';
import type { BuiltEntries } from './build-entries';
import { buildIntakeEntries } from './build-entries';

const dir = mkdtempSync(join(tmpdir(), 'banmian-big-'));
let built: BuiltEntries;
const seed = Buffer.from(`${seedText()}\n`, 'utf8');

/** A text file of `bytes` bytes or a little more: the seed page over and over. */
function writeCopies(name: string, bytes: number): { path: string; copies: number } {
  const path = join(dir, name);
  const copies = Math.ceil(bytes / seed.length);
  const fd = openSync(path, 'w');
  for (let i = 0; i < copies; i++) writeSync(fd, seed);
  closeSync(fd);
  return { path, copies };
}

beforeAll(async () => {
  built = await buildIntakeEntries('big-file');
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('big text files', () => {
  it('refuses a 50 MB text file before reading it, with its size in one line', async () => {
    const { path } = writeCopies('fifty.txt', 50 * 1000 * 1000);
    const started = performance.now();
    const imported = await importFileOffThread(path, { workerUrl: built.workerUrl });
    const ms = performance.now() - started;
    expect(imported.ok).toBe(false);
    if (!imported.ok) {
      expect(imported.error).toEqual({
        code: 'TOO_LARGE',
        message: 'the file is 47.7 MiB; intake reads text files up to 16 MiB (split it into smaller files)',
      });
    }
    expect(ms).toBeLessThan(10_000);
    const out = join(dir, 'fifty.json');
    const cli = await promisify(execFile)(process.execPath, [built.cli, 'import', path, '-o', out]).catch((e: unknown) => e as { code: number; stderr: string });
    expect(cli).toMatchObject({ code: 1, stderr: `banmian import: ${path}: the file is 47.7 MiB; intake reads text files up to 16 MiB (split it into smaller files)\n` });
    expect(existsSync(out)).toBe(false);
  }, 60_000);

  it('imports a file just under the limit in a worker thread while the calling thread stays responsive', async () => {
    const { path, copies } = writeCopies('fifteen.txt', MAX_TEXT_FILE_BYTES - seed.length);
    // A timer that should fire every 20 ms: were the import on this thread, it would not fire at all.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let workerMs = 0;
    const elu0 = performance.eventLoopUtilization();
    const started = performance.now();
    delay.enable();
    const imported = await importFileOffThread(path, { workerUrl: built.workerUrl, onTiming: (t) => (workerMs = t.workerMs) });
    delay.disable();
    clearInterval(ticker);
    const wallMs = performance.now() - started;
    const elu = performance.eventLoopUtilization(elu0);
    const maxPauseMs = delay.max / 1e6;

    if (!imported.ok) throw new Error(imported.error.message);
    // Every copy of the page gives its seven items.
    expect(imported.value.result.stories).toHaveLength(copies * 7);
    expect(imported.value.result.stories.filter((s) => s.headline === '党建引领共治共享 构建现代化治理体系')).toHaveLength(copies);
    console.info(
      `import of ${((seed.length * copies) / 1024 / 1024).toFixed(1)} MiB: ${copies * 7} stories, wall ${wallMs.toFixed(0)} ms, ` +
        `worker ${workerMs.toFixed(0)} ms, calling thread busy ${(elu.utilization * 100).toFixed(1)}%, ` +
        `longest pause ${maxPauseMs.toFixed(0)} ms, 20 ms timer fired ${ticks} of ${Math.floor(wallMs / 20)} times`,
    );
    expect(wallMs).toBeLessThan(120_000);
    // The calling thread only collects batches: its timers keep firing and it is never blocked for long
    // (bounds loose enough for a machine shared with other work; the measured numbers are printed above).
    expect(ticks).toBeGreaterThan(wallMs / 20 / 3);
    expect(maxPauseMs).toBeLessThan(1000);
    expect(elu.utilization).toBeLessThan(0.8);
  }, 180_000);
});
