/**
 * Thumbnails of real pages (host method `pageThumbnails`): the reference
 * edition's pages, sent as the renderer would send them, drawn through the
 * print path into small JPEGs with what the print layout measured (overset);
 * drawn again only for a page whose content changed; a draft layout for the
 * plan's first look; kept on disk for the next host.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import sharp from 'sharp';
import { join } from 'node:path';
import type { WebServer } from '../../electron/node/web/server';
import type { PageThumbnail } from '../../shared/host/host-methods';
import { e2eUnavailable, PROJECT_ROOT, startTestServer } from './support/web';

const unavailable = e2eUnavailable();
const EDITION = join(PROJECT_ROOT, 'fixtures', 'reference-edition.banmian');
let server: WebServer;
let handle: string;
let pages: unknown[];

beforeAll(async () => {
  if (unavailable) return;
  server = await startTestServer(EDITION);
  const opened = server.host.initial();
  if (!opened.ok || !opened.value) throw new Error('the edition did not open');
  handle = opened.value.handle;
  pages = opened.value.pages;
}, 120_000);
afterAll(async () => {
  await server?.close();
});

async function pixels(thumb: PageThumbnail): Promise<{ width: number; height: number; mean: number; dark: number }> {
  const bytes = Buffer.from(thumb.image.replace(/^data:image\/jpeg;base64,/, ''), 'base64');
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  let dark = 0;
  for (const v of data) {
    sum += v;
    if (v < 128) dark++;
  }
  return { width: info.width, height: info.height, mean: sum / data.length, dark: dark / data.length };
}

describe.skipIf(unavailable !== null)(`page thumbnails through the print path${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  it('draws every page of the edition 240 px wide, with its overset', { timeout: 300_000 }, async () => {
    const res = await server.host.pageThumbnails(handle, pages, 240, 'print');
    if (!res.ok) throw new Error(res.error.message);
    expect(res.value).toHaveLength(8);
    const hashes = new Set(res.value.map((t) => t.hash));
    expect(hashes.size).toBe(8);
    for (const thumb of res.value) {
      expect(thumb.image).toMatch(/^data:image\/jpeg;base64,/);
      const px = await pixels(thumb);
      // 对开 390 × 545 mm at 240 px across.
      expect([px.width, px.height]).toEqual([240, Math.round((240 * 545) / 390)]);
      expect([thumb.width, thumb.height]).toEqual([px.width, px.height]);
      // A printed page: mostly paper, some ink (not blank, not a black box).
      expect(px.mean).toBeGreaterThan(120);
      expect(px.dark).toBeGreaterThan(0.02);
      expect(thumb.oversetBlocks).toBe(0);
    }
  });

  it('draws again only the page that changed, and counts its overset', { timeout: 300_000 }, async () => {
    const capture = vi.spyOn(server.host.printer!, 'capture');
    const before = await server.host.pageThumbnails(handle, pages, 240, 'print');
    if (!before.ok) throw new Error(before.error.message);
    expect(capture).not.toHaveBeenCalled();

    // Page 3's lead story gets its body doubled: it no longer fits.
    const edited = JSON.parse(JSON.stringify(pages)) as { content: { type: string; attrs: { id: string }; content: { type: string; content: unknown[] }[] }[] }[];
    const story = edited[2]!.content.find((b) => b.attrs.id === 'p3-a')!;
    const body = story.content.find((c) => c.type === 'body')!;
    body.content = [...body.content, ...body.content, ...body.content];
    const after = await server.host.pageThumbnails(handle, edited, 240, 'print');
    if (!after.ok) throw new Error(after.error.message);
    expect(capture).toHaveBeenCalledTimes(1);
    expect(after.value.map((t, i) => t.hash === before.value[i]!.hash)).toEqual([true, true, false, true, true, true, true, true]);
    expect(after.value[2]!.oversetBlocks).toBe(1);
    expect(after.value[2]!.oversetChars).toBeGreaterThan(100);
    capture.mockRestore();
  });

  it('draws a draft layout (no line-end pass) that looks like the print’s, and says which layout it is', { timeout: 300_000 }, async () => {
    const printed = await server.host.pageThumbnails(handle, pages, 240, 'print');
    if (!printed.ok) throw new Error(printed.error.message);
    // A page not drawn before (its label changed), drawn as a draft and then as the print lays it out.
    const page5 = JSON.parse(JSON.stringify(pages[4])) as { attrs: { settings: { edition: { label: string } } } };
    page5.attrs.settings.edition.label = 'draft test';
    const capture = vi.spyOn(server.host.printer!, 'capture');
    const draft = await server.host.pageThumbnails(handle, [page5], 240, 'draft');
    if (!draft.ok) throw new Error(draft.error.message);
    expect(draft.value[0]!.layout).toBe('draft');
    expect(capture.mock.calls[0]![0].draft).toBe(true);
    const print = await server.host.pageThumbnails(handle, [page5], 240, 'print');
    if (!print.ok) throw new Error(print.error.message);
    expect(print.value[0]!.layout).toBe('print');
    expect(capture.mock.calls[1]![0].draft).toBe(false);
    capture.mockRestore();
    // The same page at 240 px: the passes left out are invisible at this size.
    const grey = async (t: PageThumbnail) => (await sharp(Buffer.from(t.image.split(',')[1]!, 'base64')).greyscale().raw().toBuffer({ resolveWithObject: true })).data;
    const meanDiff = async (x: PageThumbnail, y: PageThumbnail) => {
      const [a, b] = [await grey(x), await grey(y)];
      expect(a.length).toBe(b.length);
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - b[i]!);
      return diff / a.length;
    };
    // Lines of body text may end a character apart (grey at this size): far closer than another page of the same grid.
    const same = await meanDiff(draft.value[0]!, print.value[0]!);
    const other = await meanDiff(print.value[0]!, printed.value[3]!);
    expect(same).toBeLessThan(other / 2);
  });

  it('keeps thumbnails on disk: the edition opened again by a new host draws nothing', { timeout: 300_000 }, async () => {
    const drawn = await server.host.pageThumbnails(handle, pages, 240, 'draft');
    if (!drawn.ok) throw new Error(drawn.error.message);
    // Writes land in the background.
    await new Promise((r) => setTimeout(r, 500));
    const again = await startTestServer(EDITION);
    try {
      const opened = again.host.initial();
      if (!opened.ok || !opened.value) throw new Error('the edition did not open');
      const capture = vi.spyOn(again.host.printer!, 'capture');
      const res = await again.host.pageThumbnails(opened.value.handle, opened.value.pages, 240, 'draft');
      if (!res.ok) throw new Error(res.error.message);
      expect(capture).not.toHaveBeenCalled();
      expect(res.value.map((t) => t.hash)).toEqual(drawn.value.map((t) => t.hash));
      expect(res.value.map((t) => t.image)).toEqual(drawn.value.map((t) => t.image));
    } finally {
      await again.close();
    }
  });

  it('refuses pages that are not pages', async () => {
    const res = await server.host.pageThumbnails(handle, [{ type: 'nonsense' }], 240, 'draft');
    expect(res.ok).toBe(false);
  });
});
