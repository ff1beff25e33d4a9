import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { normalizeCommand } from '../../../electron/node/commands/normalize';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { deflatedZip, fileEntries, manifestFor } from '../storage/hostile';
import { samplePage, tempDir } from '../storage/sample';

let tmp: ReturnType<typeof tempDir>;
let out: string;
let err: string;
beforeEach(() => {
  tmp = tempDir('banmian-normalize-');
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.remove();
});

describe('banmian normalize', () => {
  it('rewrites a file zipped by another tool in the canonical form, keeping the old one as FILE~', async () => {
    const file = join(tmp.dir, 'page.banmian');
    const original = deflatedZip(fileEntries({ ...manifestFor(1), generator: 'other tool' }, [samplePage(1)]));
    writeFileSync(file, original);
    expect(await normalizeCommand.run([file])).toBe(0);
    expect(out).toMatch(/page\.banmian: 1 page\(s\), 0 image\(s\), \d+ bytes written in \d+ ms\n$/);
    expect(readFileSync(`${file}~`).equals(original)).toBe(true);
    const reference = join(tmp.dir, 'ref.banmian');
    await writeBanmianFile(reference, { pages: [samplePage(1)], assets: [] });
    expect(readFileSync(file).equals(readFileSync(reference))).toBe(true);
    // Normalizing a normal file changes nothing.
    expect(await normalizeCommand.run(['--quiet', file])).toBe(0);
    expect(readFileSync(file).equals(readFileSync(reference))).toBe(true);
  });

  it('fails with one line and a non-zero exit, leaving a bad file untouched', async () => {
    const file = join(tmp.dir, 'bad.banmian');
    writeFileSync(file, 'garbage');
    expect(await normalizeCommand.run([file])).toBe(1);
    expect(err).toBe(`banmian normalize: ${file}: not a Banmian file (not a zip archive, or the file is truncated)\n`);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
    expect(existsSync(`${file}~`)).toBe(false);
    expect((await readBanmianFile(file)).ok).toBe(false);
  });

  it('reports usage errors with exit 2', async () => {
    expect(await normalizeCommand.run([])).toBe(2);
    expect(await normalizeCommand.run(['--bogus', 'x'])).toBe(2);
    expect(err).toMatch(/usage: banmian normalize/);
  });
});
