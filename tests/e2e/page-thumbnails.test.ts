/**
 * Thumbnails of real pages (host method `pageThumbnails`): the reference
 * edition's pages, sent as the renderer would send them, drawn through the
 * print path into small JPEGs with what the print layout measured (overset);
 * drawn again only for a page whose content changed.
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
    const res = await server.host.pageThumbnails(handle, pages, 240);
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
    const before = await server.host.pageThumbnails(handle, pages, 240);
    if (!before.ok) throw new Error(before.error.message);
    expect(capture).not.toHaveBeenCalled();

    // Page 3's lead story gets its body doubled: it no longer fits.
    const edited = JSON.parse(JSON.stringify(pages)) as { content: { type: string; attrs: { id: string }; content: { type: string; content: unknown[] }[] }[] }[];
    const story = edited[2]!.content.find((b) => b.attrs.id === 'p3-a')!;
    const body = story.content.find((c) => c.type === 'body')!;
    body.content = [...body.content, ...body.content, ...body.content];
    const after = await server.host.pageThumbnails(handle, edited, 240);
    if (!after.ok) throw new Error(after.error.message);
    expect(capture).toHaveBeenCalledTimes(1);
    expect(after.value.map((t, i) => t.hash === before.value[i]!.hash)).toEqual([true, true, false, true, true, true, true, true]);
    expect(after.value[2]!.oversetBlocks).toBe(1);
    expect(after.value[2]!.oversetChars).toBeGreaterThan(100);
    capture.mockRestore();
  });

  it('refuses pages that are not pages', async () => {
    const res = await server.host.pageThumbnails(handle, [{ type: 'nonsense' }], 240);
    expect(res.ok).toBe(false);
  });
});
