/**
 * `banmian export` when things go wrong: a non-zero exit and one line that
 * says why, and no PDF (or half a PDF) left behind.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportFile } from '../../electron/node/commands/export';
import { writeSampleFile } from './support/sample-document';
import { CLI, e2eUnavailable, SEED_FILE } from './support/web';

const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-export-fail-'));

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function expectOneLineFailure(r: { code: number; stdout: string; stderr: string }, code: number, message: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(/^banmian export: /);
  expect(lines[0]).toMatch(message);
  if (code === 1) expect(lines).toHaveLength(1);
}

describe.skipIf(skip !== null)(`banmian export failures${skip ? ` (skipped: ${skip})` : ''}`, () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a missing file', async () => {
    const out = join(dir, 'missing.pdf');
    expectOneLineFailure(await cli(['export', join(dir, 'nope.banmian'), '-o', out]), 1, /no such file/);
    expect(existsSync(out)).toBe(false);
  });

  it('fails on a file that is not a page file', async () => {
    const bad = join(dir, 'bad.banmian');
    writeFileSync(bad, 'this is not a zip');
    expectOneLineFailure(await cli(['export', bad, '-o', join(dir, 'bad.pdf')]), 1, /cannot open .*bad\.banmian/);
  });

  it('fails when no Chromium is installed', async () => {
    expectOneLineFailure(await cli(['export', SEED_FILE, '-o', join(dir, 'x.pdf')], { CHROMIUM_PATH: join(dir, 'no-chromium') }), 1, /no Chromium found/);
  });

  it('fails when the output cannot be written, before printing', async () => {
    expectOneLineFailure(await cli(['export', SEED_FILE, '-o', join(dir, 'no-folder', 'x.pdf')]), 1, /cannot write .*does not exist/);
    mkdirSync(join(dir, 'a-folder.pdf'));
    expectOneLineFailure(await cli(['export', SEED_FILE, '-o', join(dir, 'a-folder.pdf')]), 1, /it is a folder/);
  });

  it('answers bad usage with exit 2 and the usage line', async () => {
    expectOneLineFailure(await cli(['export', SEED_FILE]), 2, /no output given/);
    expectOneLineFailure(await cli(['export', '-o', 'x.pdf']), 2, /no file given/);
    expectOneLineFailure(await cli(['export', SEED_FILE, '-o', 'x.pdf', '--timeout', 'soon']), 2, /--timeout/);
  });

  it('times out with a clear message when the page never becomes ready, leaving no file', async () => {
    // A renderer that never says it is ready.
    const renderer = join(dir, 'stuck-renderer');
    mkdirSync(renderer);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>stuck</title><p>never ready</p>');
    const { path } = await writeSampleFile(dir);
    const out = join(dir, 'stuck.pdf');
    const result = await exportFile({ file: path, out, rendererDir: renderer, readyTimeoutMs: 1500 });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.message).toMatch(/not ready to print within 2 s: html\[data-bm-ready="true"\] never appeared/);
    expect(readdirSync(dir).filter((f) => f === 'stuck.pdf' || f.endsWith('.tmp'))).toEqual([]);
  });
});
