/**
 * A photo set at the edge of a boxed story (web mode, Chromium, and the
 * CLI's PDF): the photo stays inside the box's inset, the border whole. On
 * screen the photo's element lies inside the border's inner edge and the
 * border is what is at its place, not the photo; in the PDF (rendered at
 * 96 dpi, 1 px = 1 page px) the border's pixels beside the photo are the
 * border's black and the photo's red begins one inset in.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assetFromImageFile, writeBanmianFile } from '../../electron/node/storage/index';
import { schema } from '../../shared/model/schema';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { ctrlClickBlock } from './arrange-support';
import type { EditorOnFile } from './support/web';
import { CLI, e2eUnavailable, openFileInEditor } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const SHOTS = process.env['BM_SHOTS'];
const settings = settingsFromPreset('duikai');
const metrics = gridMetrics(settings);
const STORY = { col: 0, line: 0, cols: 3, lines: 40 };
// The bottom-right corner of the story: its right edge and its bottom.
const PHOTO = { col: 1, line: 16, cols: 2, lines: 24 };
const FRAME_PT = 2;

describe.skipIf(skip !== null)(`a photo in a boxed story${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bm-box-photo-'));
  const file = join(dir, 'box-photo.banmian');
  let app: EditorOnFile;
  let page: Page;

  beforeAll(async () => {
    // A solid red picture: wherever it covers the black border, the pixels say so.
    const png = join(dir, 'red.png');
    await sharp({ create: { width: 1200, height: 1200, channels: 3, background: { r: 255, g: 0, b: 0 } } }).png().toFile(png);
    const asset = await assetFromImageFile(png);
    if (!asset.ok) throw new Error(asset.error.message);
    const { hash, pixelWidth, pixelHeight } = asset.value.entry;
    const body = Array.from({ length: 12 }, () => schema.node('paragraph', null, [schema.text('萧山日报讯昨天上午，二〇二二杭州马拉松鸣枪开跑，三万名跑者从黄龙体育中心出发，沿途市民夹道欢迎。')]));
    const story = schema.node('story', { id: 'boxed', ...STORY, frame: 'single', frameWeightPt: FRAME_PT, frameInset: 1 }, [
      schema.node('headgroup', null, [schema.node('headline', { lines: 4 }, [schema.text('三万跑者齐聚黄龙')])]),
      schema.node('body', null, body),
    ]);
    const photo = schema.node('photo', { id: 'pic', ...PHOTO, captionLines: 2, asset: hash, pixelWidth, pixelHeight }, [
      schema.node('caption', null, [schema.text('跑者经过湘湖')]),
    ]);
    const doc = schema.node('page', { settings }, [story, photo]);
    const written = await writeBanmianFile(file, { pages: [doc.toJSON()], assets: [asset.value] });
    if (!written.ok) throw new Error(written.error.message);
    app = await openFileInEditor(file, '[data-block-id="pic"]');
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the photo inside the box\'s inset on screen, its grid box unchanged, the border uncovered', async () => {
    const photo = page.locator('.bm-page [data-block-id="pic"]');
    // The grid box is what the photo takes; the inset only trims its drawing.
    expect(await photo.getAttribute('data-col')).toBe('1');
    expect(await photo.getAttribute('data-cols')).toBe('2');
    expect(await photo.getAttribute('data-lines')).toBe('24');
    expect(await photo.getAttribute('data-box-inset')).toBe(`0 0 ${Math.round(metrics.charPx * 1000) / 1000} ${Math.round(metrics.linePx * 1000) / 1000}`);

    const r = await page.evaluate(() => {
      const pageEl = document.querySelector<HTMLElement>('.bm-page')!;
      const p = pageEl.getBoundingClientRect();
      const scale = p.width / pageEl.offsetWidth;
      const rel = (sel: string) => {
        const b = document.querySelector(sel)!.getBoundingClientRect();
        return { x: (b.left - p.left) / scale, y: (b.top - p.top) / scale, w: b.width / scale, h: b.height / scale };
      };
      const photo = rel('.bm-page [data-block-id="pic"]');
      const story = rel('.bm-page [data-block-id="boxed"]');
      // What the page shows on the border, halfway down the photo's picture, at the story's right edge.
      const hit = document.elementFromPoint(p.left + (story.x + story.w - 1) * scale, p.top + (photo.y + photo.h / 3) * scale);
      return { photo, story, hitIsPhoto: !!hit?.closest('[data-block-id="pic"]') };
    });
    const grid = gridBoxRect(metrics, PHOTO);
    const s = gridBoxRect(metrics, STORY);
    expect(r.story.x).toBeCloseTo(metrics.typeLeftPx + s.x, 1);
    expect(r.photo.x).toBeCloseTo(metrics.typeLeftPx + grid.x, 1);
    expect(r.photo.y).toBeCloseTo(metrics.typeTopPx + grid.y, 1);
    // Right and bottom edges: at the inner edge of the inset (one character, one line), not the story's edge.
    expect(r.photo.x + r.photo.w).toBeCloseTo(r.story.x + r.story.w - metrics.charPx, 1);
    expect(r.photo.y + r.photo.h).toBeCloseTo(r.story.y + r.story.h - metrics.linePx, 1);
    expect(r.hitIsPhoto).toBe(false);
    if (SHOTS) {
      // At 100 %, to see the border beside the photo.
      await page.keyboard.press('Control+1');
      await page.locator('.bm-page [data-block-id="boxed"]').screenshot({ path: join(SHOTS, 'box-photo-screen.png') });
      await page.keyboard.press('Control+0');
    }
  });

  it('places a picked image into the selected frame with Ctrl+Shift+D (the 置入图片 command the 文件 menu sends), still inside the inset', async () => {
    const blue = join(dir, 'blue.png');
    await sharp({ create: { width: 900, height: 900, channels: 3, background: { r: 0, g: 0, b: 255 } } }).png().toFile(blue);
    const before = await page.getAttribute('.bm-page [data-block-id="pic"] img', 'src');
    await ctrlClickBlock(page, 'pic');
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Control+Shift+D');
    await (await chooser).setFiles(blue);
    await expect.poll(() => page.getAttribute('.bm-page [data-block-id="pic"] img', 'src'), { timeout: 30_000 }).not.toBe(before);
    const photo = page.locator('.bm-page [data-block-id="pic"]');
    expect(await photo.getAttribute('data-box-inset')).toBe(`0 0 ${Math.round(metrics.charPx * 1000) / 1000} ${Math.round(metrics.linePx * 1000) / 1000}`);
    // One undo step takes the picture back; the export below prints the red one.
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getAttribute('.bm-page [data-block-id="pic"] img', 'src')).toBe(before);
  });

  it('prints the border whole beside the photo, and the photo one inset in', async () => {
    const out = join(dir, 'box-photo.pdf');
    await run(process.execPath, [CLI, 'export', file, '-o', out, '--force'], { timeout: 170_000 });
    const s = gridBoxRect(metrics, STORY);
    const g = gridBoxRect(metrics, PHOTO);
    const storyRight = metrics.typeLeftPx + s.x + s.width;
    const storyBottom = metrics.typeTopPx + s.y + s.height;
    // A strip across the story's right edge, a third of the way down the photo.
    const y = Math.round(metrics.typeTopPx + g.y + g.height / 3);
    const x0 = Math.round(storyRight - metrics.charPx - 4);
    const width = Math.round(storyRight) - x0;
    await run('pdftoppm', ['-r', '96', '-x', String(x0), '-y', String(y), '-W', String(width), '-H', '1', '-png', '-singlefile', out, join(dir, 'strip')]);
    const strip = await sharp(join(dir, 'strip.png')).removeAlpha().raw().toBuffer();
    const px = (i: number) => [strip[3 * i]!, strip[3 * i + 1]!, strip[3 * i + 2]!];
    const red = (c: number[]) => c[0]! > 200 && c[1]! < 60 && c[2]! < 60;
    const dark = (c: number[]) => c[0]! < 90 && c[1]! < 90 && c[2]! < 90;
    // Left of the inset's inner edge: the photo's red; in the inset, between photo and border, paper.
    expect(red(px(1)), JSON.stringify(px(1))).toBe(true);
    expect(px(width - 6)).toEqual([255, 255, 255]);
    // The border (2 pt = 2.67 px, inside the story's edge): black, not red.
    const border = [width - 3, width - 2, width - 1].map(px);
    expect(border.some(dark), JSON.stringify(border)).toBe(true);
    expect(border.some(red), JSON.stringify(border)).toBe(false);
    if (SHOTS) {
      const W = Math.round(s.width / 2) + 20;
      const H = Math.round(g.height) + 20;
      await run('pdftoppm', ['-r', '96', '-x', String(Math.round(storyRight - W + 10)), '-y', String(Math.round(storyBottom - H + 10)), '-W', String(W), '-H', String(H), '-png', '-singlefile', out, join(SHOTS, 'box-photo-pdf')]);
    }
  }, 180_000);
});
