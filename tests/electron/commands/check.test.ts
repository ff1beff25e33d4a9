import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { checkCommand, checkFile } from '../../../electron/node/commands/check';
import { writeBanmianFile } from '../../../electron/node/storage/index';
import { samplePageJson, writeSampleFile } from '../../e2e/support/sample-document';

const dir = mkdtempSync(join(tmpdir(), 'bm-check-'));

/** A page whose story `lead` is overlapped by a second story `side` (a warning on both). */
function overlappingPage(): unknown {
  const page = samplePageJson() as { content: { attrs: Record<string, unknown> }[] };
  const second = structuredClone(page.content[0]!);
  second.attrs = { ...second.attrs, id: 'side', col: 2 };
  page.content.push(second);
  return page;
}

describe('banmian check', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => vi.restoreAllMocks());

  it('passes a valid file with exit 0 and no findings', async () => {
    const { path } = await writeSampleFile(dir, { name: 'valid.banmian' });
    expect(await checkFile(path)).toEqual({ exitCode: 0, lines: [] });
  });

  it('lists warnings with their page and block, still exit 0', async () => {
    const path = join(dir, 'overlap.banmian');
    const written = await writeBanmianFile(path, { pages: [overlappingPage()], assets: [] });
    expect(written.ok).toBe(true);
    const outcome = await checkFile(path);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines).toEqual([
      'warning: page 1, block "side": story "side" overlaps story "lead"',
      'warning: page 1, block "lead": story "lead" overlaps story "side"',
    ]);
  });

  it('reports an invalid file as an error line with exit 1', async () => {
    const path = join(dir, 'garbage.banmian');
    writeFileSync(path, 'not a zip at all');
    const outcome = await checkFile(path);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toHaveLength(1);
    expect(outcome.lines[0]).toMatch(/^error: /);
  });

  it('reports an unreadable file with exit 2', async () => {
    const outcome = await checkFile(join(dir, 'missing.banmian'));
    expect(outcome.exitCode).toBe(2);
    expect(outcome.lines[0]).toMatch(/^error: no such file/);
  });

  it('prints each finding on its own line and answers bad usage with exit 2', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
    const path = join(dir, 'overlap2.banmian');
    await writeBanmianFile(path, { pages: [overlappingPage()], assets: [] });
    expect(await checkCommand.run([path])).toBe(0);
    expect(out.join('').split('\n').filter(Boolean)).toHaveLength(2);
    expect(await checkCommand.run([])).toBe(2);
    expect(await checkCommand.run(['a', 'b'])).toBe(2);
    expect(err.join('')).toMatch(/no file given/);
  });
});
