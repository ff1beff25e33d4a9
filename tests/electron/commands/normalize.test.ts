import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCommandOutput } from './capture-output';
import { normalizeCommand } from '../../../electron/node/commands/normalize';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { deflatedZip, fileEntries, manifestFor } from '../storage/hostile';
import { samplePage } from '../storage/sample';

const io = captureCommandOutput('banmian-normalize-');

describe('banmian normalize', () => {
  it('rewrites a file zipped by another tool in the canonical form, keeping the old one as FILE~', async () => {
    const file = join(io.tmp.dir, 'page.banmian');
    const original = deflatedZip(fileEntries({ ...manifestFor(1), generator: 'other tool' }, [samplePage(1)]));
    writeFileSync(file, original);
    expect(await normalizeCommand.run([file])).toBe(0);
    expect(io.out).toMatch(/page\.banmian: 1 page\(s\), 0 image\(s\), \d+ bytes written in \d+ ms\n$/);
    expect(readFileSync(`${file}~`).equals(original)).toBe(true);
    const reference = join(io.tmp.dir, 'ref.banmian');
    await writeBanmianFile(reference, { pages: [samplePage(1)], assets: [] });
    expect(readFileSync(file).equals(readFileSync(reference))).toBe(true);
    // Normalizing a normal file changes nothing.
    expect(await normalizeCommand.run(['--quiet', file])).toBe(0);
    expect(readFileSync(file).equals(readFileSync(reference))).toBe(true);
  });

  it('fails with one line and a non-zero exit, leaving a bad file untouched', async () => {
    const file = join(io.tmp.dir, 'bad.banmian');
    writeFileSync(file, 'garbage');
    expect(await normalizeCommand.run([file])).toBe(1);
    expect(io.err).toBe(`banmian normalize: ${file}: not a Banmian file (not a zip archive, or the file is truncated)\n`);
    expect(readFileSync(file, 'utf8')).toBe('garbage');
    expect(existsSync(`${file}~`)).toBe(false);
    expect((await readBanmianFile(file)).ok).toBe(false);
  });

  it('reports usage errors with exit 2', async () => {
    expect(await normalizeCommand.run([])).toBe(2);
    expect(await normalizeCommand.run(['--bogus', 'x'])).toBe(2);
    expect(io.err).toMatch(/usage: banmian normalize/);
  });
});
