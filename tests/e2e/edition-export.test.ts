/**
 * Exporting the reference edition through the command line, read back page
 * by page with pdftotext: every page in order after a page move (folio lines,
 * the 导读's 详见第N版 follow the move), a selection, split files named for
 * the plant in PDF/X-4, a 四开 insert joined to a 对开 page, and a 导读 whose
 * story is gone stopping the export unless --force.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Fragment } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../electron/node/storage/index';
import { contentOfEdition, editionOfFile } from '../../electron/node/storage/edition-file';
import { buildEdition } from '../../shared/edition/edition-doc';
import { schema } from '../../shared/model/schema';
import { settingsFromPreset } from '../../shared/page/settings';
import { noSpace, pdfPageTexts, runCli } from './support/cli-run';
import { e2eUnavailable, PROJECT_ROOT } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-edition-export-'));
const EDITION = join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian');
const env = { ...process.env, XDG_STATE_HOME: join(dir, 'state') };
const cli = (args: readonly string[]) => runCli(args, env);

describe.skipIf(skip !== null)(`banmian export of an edition${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const moved = join(dir, 'moved.banmian');
  beforeAll(async () => {
    copyFileSync(EDITION, moved);
    // 致敬匠人 (the 导读's story, page 3) to the end: pages 4–8 move up one.
    expect((await cli(['pages', moved, '--move', '3', '8'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes every page in order; folio lines and the 导读 number name the pages after a move', async () => {
    const out = join(dir, 'edition.pdf');
    const r = await cli(['export', moved, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\(8 pages, /);
    const texts = await pdfPageTexts(out);
    expect(texts).toHaveLength(8);
    const sections = ['要闻', '要闻', '综合', '体育', '社会', '专版', '副刊', '综合'];
    for (let n = 2; n <= 8; n++) expect(texts[n - 1], `page ${n}`).toContain(noSpace(`萧山日报 · 2022年11月21日 星期一 · 第${n}版 · ${sections[n - 1]}`));
    expect(texts[0]).toContain('致敬匠人详见第8版');
    expect(texts[7]).toContain('致敬匠人：9位“浙江工匠”的坚守与创新');
  });

  it('writes a selection of pages', async () => {
    const out = join(dir, 'selection.pdf');
    const r = await cli(['export', EDITION, '--pages', '1,3-5', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const texts = await pdfPageTexts(out);
    expect(texts).toHaveLength(4);
    expect(texts[0]).toContain('党建引领共治共享');
    expect(['第3版', '第4版', '第5版'].map((f, i) => texts[i + 1]!.includes(f))).toEqual([true, true, true]);
  });

  it('splits into one PDF/X-4 file per page, named for the plant', async () => {
    const folder = join(dir, 'split');
    mkdirSync(folder);
    const r = await cli(['export', EDITION, '--split', '--pages', '2,7', '--variant', 'x4', '-o', folder]);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['20221121-02.pdf', '20221121-07.pdf']);
    for (const [name, folio] of [['20221121-02.pdf', 2], ['20221121-07.pdf', 7]] as const) {
      const texts = await pdfPageTexts(join(folder, name));
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain(`第${folio}版`);
      const { stdout } = await run('pdfinfo', ['-meta', join(folder, name)]);
      expect(stdout).toMatch(/PDF\/X-4/);
    }
  });

  it('joins a 四开 insert to 对开 pages, each page at its own size', async () => {
    const loaded = await readBanmianFile(EDITION);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const ed = editionOfFile(loaded.value);
    if (!ed.ok) throw new Error(ed.error.message);
    const insert = schema.node('page', { settings: settingsFromPreset('sikai'), section: '插页' }, [
      schema.node('label', { id: 'insert-label', col: 0, line: 0, cols: 3, lines: 3 }, [schema.text('四开插页')]),
    ]);
    const file = join(dir, 'insert.banmian');
    const mixed = buildEdition({ paperName: '萧山日报', date: '2022-11-21', label: '' }, [ed.value.child(2), insert]);
    expect((await writeBanmianFile(file, contentOfEdition(mixed, loaded.value.assets))).ok).toBe(true);
    const out = join(dir, 'insert.pdf');
    const r = await cli(['export', file, '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '2', out]);
    const sizes = [...stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Math.round((Number(m[1]) * 25.4) / 72), Math.round((Number(m[2]) * 25.4) / 72)]);
    expect(sizes).toEqual([[390, 545], [272, 390]]);
    const texts = await pdfPageTexts(out);
    expect(texts[0]).toContain('第1版');
    expect(texts[1]).toContain('四开插页');
  });

  it('stops on a 导读 whose story was deleted, naming the item, unless --force', async () => {
    const loaded = await readBanmianFile(EDITION);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const ed = editionOfFile(loaded.value);
    if (!ed.ok) throw new Error(ed.error.message);
    // Page 3 without its lead story 致敬匠人.
    const page3 = ed.value.child(2);
    const kept: Node[] = [];
    page3.forEach((b) => void (b.attrs['id'] === 'p3-a' ? null : kept.push(b)));
    const pages = [ed.value.child(0), ed.value.child(1), page3.copy(Fragment.from(kept))];
    const file = join(dir, 'deleted.banmian');
    expect((await writeBanmianFile(file, contentOfEdition(buildEdition({ paperName: '萧山日报', date: '2022-11-21', label: '' }, pages), loaded.value.assets))).ok).toBe(true);
    const out = join(dir, 'deleted.pdf');
    const stopped = await cli(['export', file, '--pages', '1', '-o', out]);
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('导读 item 1 “致敬 匠人” of "guide" points at story "p3-a", which is not in the edition (deleted)');
    expect(existsSync(out)).toBe(false);
    const forced = await cli(['export', file, '--pages', '1', '--force', '-o', out]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
  });
});
