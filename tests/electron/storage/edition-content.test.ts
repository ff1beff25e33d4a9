/**
 * Storage keeps an edition whole: its own fields written to the manifest and
 * mirrored into every page, and recovered from the first page's mirror when a
 * host (the renderer today, the recovery journal) sends pages alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readBanmianFile, writeBanmianFile } from '../../../electron/node/storage';
import { validatePages } from '../../../electron/node/storage/content';
import type { PageSettings } from '../../../shared/page/settings';
import { samplePage, tempDir } from './sample';

type PageJson = { attrs: { settings: PageSettings } & Record<string, unknown> };
const mirror = (p: unknown) => (p as PageJson).attrs.settings.edition;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir('banmian-edition-content-');
});
afterEach(() => tmp.remove());

describe('edition content in storage', () => {
  it('writes the edition to the manifest and mirrors it into every page, whatever the pages said', async () => {
    const p2 = samplePage(2) as PageJson;
    p2.attrs.settings.edition = { ...p2.attrs.settings.edition, paperName: '别的报', pageNumber: 9 };
    const file = join(tmp.dir, 'e.banmian');
    const written = await writeBanmianFile(file, { pages: [samplePage(1), p2], edition: { paperName: '萧山日报', date: '2022-11-22', label: '城市版' }, assets: [] });
    expect(written.ok).toBe(true);
    const loaded = await readBanmianFile(file);
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.edition).toEqual({ paperName: '萧山日报', date: '2022-11-22', label: '城市版' });
    expect(loaded.value.pages.map(mirror)).toEqual([
      { paperName: '萧山日报', date: '2022-11-22', pageNumber: 1, section: '要闻', editionName: '第一版', label: '城市版' },
      { paperName: '萧山日报', date: '2022-11-22', pageNumber: 2, section: '要闻', editionName: '第二版', label: '城市版' },
    ]);
    expect(readFileSync(file).includes(Buffer.from('"label": "城市版"'))).toBe(true);
  });

  it('takes the edition from the first page when only pages are given (a journal entry, a renderer save)', () => {
    const p1 = samplePage(1) as PageJson;
    p1.attrs.settings.edition = { ...p1.attrs.settings.edition, label: '城市版', date: '2022-11-23' };
    const r = validatePages([p1, samplePage(2)], ['a', 'b'], new Set());
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.edition).toEqual({ paperName: '萧山日报', date: '2022-11-23', label: '城市版' });
    expect(mirror(r.value.pages[1])).toMatchObject({ date: '2022-11-23', label: '城市版', pageNumber: 2 });
  });
});
