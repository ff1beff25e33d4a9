import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFileOffThread } from '../../../electron/node/intake/import-off-thread';
import { MAX_TEXT_FILE_BYTES } from '../../../electron/node/intake/limits';
import { seedText } from '../../shared/intake/seed-text';
import { buildIntakeEntries } from './build-entries';

const dir = mkdtempSync(join(tmpdir(), 'banmian-big-'));
let workerUrl: URL;
const seed = Buffer.from(`${seedText()}\n`, 'utf8');
const copies = Math.ceil((50 * 1000 * 1000) / seed.length);

beforeAll(async () => {
  workerUrl = (await buildIntakeEntries('big-file')).workerUrl;
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('importing a 50 MB text file', () => {
  it('imports it in a worker thread within bounded time while the calling thread stays responsive', async () => {
    const path = join(dir, 'fifty.txt');
    const fd = openSync(path, 'w');
    for (let i = 0; i < copies; i++) writeSync(fd, seed);
    closeSync(fd);

    // A timer that should fire every 20 ms: if the import ran on this thread, it would not fire at all.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const delay = monitorEventLoopDelay({ resolution: 10 });
    let workerMs = 0;
    const elu0 = performance.eventLoopUtilization();
    const started = performance.now();
    delay.enable();
    const imported = await importFileOffThread(path, { workerUrl, onTiming: (t) => (workerMs = t.workerMs) });
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
      `50 MB import: ${(seed.length * copies / 1e6).toFixed(1)} MB, ${copies * 7} stories, wall ${wallMs.toFixed(0)} ms, ` +
        `worker ${workerMs.toFixed(0)} ms, calling thread busy ${(elu.utilization * 100).toFixed(1)}%, ` +
        `longest pause ${maxPauseMs.toFixed(0)} ms, 20 ms timer fired ${ticks} of ${Math.floor(wallMs / 20)} times`,
    );
    expect(wallMs).toBeLessThan(90_000);
    // The calling thread only collects batches: its timers keep firing and it is never blocked for long
    // (bounds loose enough for a machine shared with other work; the measured numbers are printed above).
    expect(ticks).toBeGreaterThan(wallMs / 20 / 3);
    expect(maxPauseMs).toBeLessThan(1000);
    expect(elu.utilization).toBeLessThan(0.8);
  }, 120_000);

  it('refuses a file over the limit before reading it', async () => {
    const path = join(dir, 'huge.txt');
    closeSync(openSync(path, 'w'));
    truncateSync(path, MAX_TEXT_FILE_BYTES + 36 * 1024 * 1024);
    const started = performance.now();
    const imported = await importFileOffThread(path, { workerUrl });
    expect(imported.ok).toBe(false);
    if (!imported.ok) expect(imported.error).toEqual({ code: 'TOO_LARGE', message: 'the file is 100 MiB; intake reads text files up to 64 MiB' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
