import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureCommandOutput } from './capture-output';
import { pagesCommand } from '../../../electron/node/commands/pages';
import type { PageListing } from '../../../electron/node/commands/pages';
import { readBanmianFile } from '../../../electron/node/storage';
import type { PageSettings } from '../../../shared/page/settings';

const EDITION = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'reference-edition.banmian');

const io = captureCommandOutput('banmian-pages-');

async function listing(file: string): Promise<PageListing[]> {
  io.out = '';
  expect(await pagesCommand.run([file, '--json'])).toBe(0);
  return (JSON.parse(io.out) as { pages: PageListing[] }).pages;
}

describe('banmian pages', () => {
  it('lists the pages in order with folio, section, status, stories, jumps and 导读 items', async () => {
    const pages = await listing(EDITION);
    expect(pages.map((p) => [p.folio, p.section, p.status])).toEqual([
      [1, '要闻', 'signed'],
      [2, '要闻', 'signed'],
      [3, '综合', 'signed'],
      [4, '综合', 'review'],
      [5, '体育', 'review'],
      [6, '社会', 'draft'],
      [7, '专版', 'draft'],
      [8, '副刊', 'draft'],
    ]);
    expect(pages[0]!.stories[0]).toEqual({ id: 'lead', headline: '党建引领共治共享 构建现代化治理体系' });
    expect(pages[0]!.jumps).toEqual([
      { story: 'lead', to: 2 },
      { story: 'marathon', to: 5 },
    ]);
    expect(pages[0]!.teasers).toEqual([{ story: 'p3-a', headline: '致敬匠人：9位“浙江工匠”的坚守与创新', page: 3, text: '致敬 匠人' }]);
    expect(pages.slice(1).every((p) => p.jumps.length === 0 && p.teasers.length === 0)).toBe(true);
  });

  it('moves a page as the plan will: folios renumbered, every reference updated, saved atomically with a backup', async () => {
    const file = join(io.tmp.dir, 'edition.banmian');
    copyFileSync(EDITION, file);
    const before = readFileSync(file);
    // Page 3 (致敬匠人, the 导读's target) to the end; page 5 (the marathon's continuation) becomes 4.
    expect(await pagesCommand.run([file, '--move', '3', '8'])).toBe(0);
    expect(io.out).toContain('moved 第3版 to 第8版');
    expect(readFileSync(`${file}~`).equals(before)).toBe(true);
    const pages = await listing(file);
    expect(pages.map((p) => p.section)).toEqual(['要闻', '要闻', '综合', '体育', '社会', '专版', '副刊', '综合']);
    expect(pages[0]!.teasers[0]!.page).toBe(8);
    expect(pages[0]!.jumps).toEqual([
      { story: 'lead', to: 2 },
      { story: 'marathon', to: 4 },
    ]);
    // The stored mirrors follow: what the renderer and the slug read today.
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const mirrors = loaded.value.pages.map((p) => (p as { attrs: { settings: PageSettings } }).attrs.settings.edition);
    expect(mirrors.map((e) => [e.pageNumber, e.editionName, e.section])).toEqual([
      [1, '第一版', '要闻'],
      [2, '第二版', '要闻'],
      [3, '第三版', '综合'],
      [4, '第四版', '体育'],
      [5, '第五版', '社会'],
      [6, '第六版', '专版'],
      [7, '第七版', '副刊'],
      [8, '第八版', '综合'],
    ]);
    expect(JSON.stringify(loaded.value.pages[0])).toContain('"story":"p3-a","page":"8"');
    // And back: the same bytes as before (a move is exactly undone by its inverse).
    expect(await pagesCommand.run([file, '--move', '8', '3'])).toBe(0);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses pages that do not exist and bad usage, leaving the file alone', async () => {
    const file = join(io.tmp.dir, 'edition.banmian');
    copyFileSync(EDITION, file);
    expect(await pagesCommand.run([file, '--move', '9', '1'])).toBe(1);
    expect(io.err).toContain('has 8 page(s); cannot move 9 to 1');
    expect(existsSync(`${file}~`)).toBe(false);
    expect(await pagesCommand.run([file, '--move', '1'])).toBe(2);
    expect(await pagesCommand.run([])).toBe(2);
  });
});
