/**
 * Photos in web mode, as a layout editor places them: a real 2560 × 1600
 * JPEG dropped from the desktop onto the page becomes a photo block at the
 * drop cell with its ppi badge; a small image dropped onto that frame
 * replaces its picture and shows the low-resolution error; crop mode pans
 * and zooms, each gesture one undo step; the export prints the original
 * (not the 2000 px screen proxy) with the crop as placed.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeImage } from '../../renderer/photo/crop-geometry';
import { gridMetrics } from '../../shared/page/geometry';
import { settingsFromPreset } from '../../shared/page/settings';
import { writeBanmianFile } from '../../electron/node/storage/index';
import { schema } from '../../shared/model/schema';
import { samplePageJson } from './support/sample-document';
import type { EditorOnFile } from './support/web';
import { e2eUnavailable, openFileInEditor, PROJECT_ROOT } from './support/web';

const run = promisify(execFile);
const skip = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-photos-e2e-'));
const PHOTO = join(PROJECT_ROOT, 'fixtures', 'photos', 'forest-path.jpg');
const metrics = gridMetrics(settingsFromPreset('duikai'));

interface Drop {
  file: { name: string; type: string; bytes: Buffer };
  at: { x: number; y: number };
}

/** Drops files (bytes from Node) at page points (page px at 100 %), as the desktop would, all in the same task. */
async function dropFiles(page: Page, drops: readonly Drop[]): Promise<void> {
  await page.evaluate(
    (list) => {
      const pageEl = document.querySelector<HTMLElement>('.bm-page')!;
      const r = pageEl.getBoundingClientRect();
      const scale = r.width / pageEl.offsetWidth;
      for (const { name, type, base64, x, y } of list) {
        const bin = atob(base64);
        const bytes = new Uint8Array(bin.length);
        for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
        const clientX = r.left + x * scale;
        const clientY = r.top + y * scale;
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], name, { type }));
        const target = document.elementFromPoint(clientX, clientY) ?? pageEl;
        for (const kind of ['dragenter', 'dragover', 'drop']) {
          target.dispatchEvent(new DragEvent(kind, { dataTransfer: dt, bubbles: true, cancelable: true, clientX, clientY }));
        }
      }
    },
    drops.map(({ file, at }) => ({ name: file.name, type: file.type, base64: file.bytes.toString('base64'), x: at.x, y: at.y })),
  );
}

/** Drops one file at a page point. */
async function dropFile(page: Page, file: Drop['file'], at: Drop['at']): Promise<void> {
  await dropFiles(page, [{ file, at }]);
}

/** The page point inside grid cell (col, line). */
function cell(col: number, line: number): { x: number; y: number } {
  return { x: metrics.typeLeftPx + col * (metrics.columnPx + metrics.gutterPx) + 5, y: metrics.typeTopPx + line * metrics.linePx + 3 };
}

/** Expected fill ppi of a w × h image in a frame of `cols` columns and `imageLines` lines, computed here independently. */
function fillPpi(w: number, h: number, cols: number, imageLines: number, zoom = 1): number {
  const widthIn = (cols * metrics.columnPx + (cols - 1) * metrics.gutterPx) / 96;
  const heightIn = (imageLines * metrics.linePx) / 96;
  return Math.min(w / widthIn, h / heightIn) / zoom;
}

describe.skipIf(skip !== null)(`photos in web mode${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let app: EditorOnFile;
  let page: Page;
  const photo = '.bm-photo[data-block-id="photo-2"]';
  const attr = (name: string) => page.getAttribute(photo, name);
  const undo = () => page.click('[data-command="undo"]');

  beforeAll(async () => {
    // The sample story, and an empty photo frame (4 columns × 30 lines at the top right) to drop into.
    const story = (samplePageJson() as { content: unknown[] }).content[0];
    const frame = schema.node('photo', { id: 'empty', col: 4, line: 0, cols: 4, lines: 30 }, [schema.node('caption', null, [schema.text('空图框')])]);
    const path = join(dir, 'photos.banmian');
    const written = await writeBanmianFile(path, { pages: [{ type: 'page', attrs: { settings: settingsFromPreset('duikai') }, content: [story, frame.toJSON()] }], assets: [] });
    if (!written.ok) throw new Error(written.error.message);
    app = await openFileInEditor(path, '[data-block-id="lead"]');
    page = app.page;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('places a dropped 2560 × 1600 JPEG as a photo block at the drop cell, with its ppi', async () => {
    await dropFile(page, { name: '森林小路.jpg', type: 'image/jpeg', bytes: readFileSync(PHOTO) }, cell(4, 50));
    await page.waitForSelector(`${photo}[data-ppi]`, { timeout: 30_000 });
    expect(await attr('data-col')).toBe('4');
    expect(await attr('data-line')).toBe('50');
    expect(await attr('data-cols')).toBe('3');
    const lines = Number(await attr('data-lines'));
    // The image's aspect at 3 columns, plus two caption lines.
    const widthPx = 3 * metrics.columnPx + 2 * metrics.gutterPx;
    expect(lines).toBe(Math.round((widthPx * 1600) / 2560 / metrics.linePx) + 2);
    const ppi = Number(await attr('data-ppi'));
    expect(ppi).toBe(Math.round(fillPpi(2560, 1600, 3, lines - 2)));
    expect(ppi).toBeGreaterThan(300);
    expect(await attr('data-ppi-level')).toBe('ok');
    expect(await page.textContent(`${photo} .bm-ppi-badge`)).toBe(`${ppi} ppi`);
    // The screen shows the host's proxy, not the 2560 px original.
    const natural = await page.$eval(`${photo} img`, async (img) => {
      const i = img as HTMLImageElement;
      await i.decode();
      return i.naturalWidth;
    });
    expect(natural).toBe(2000);
    // One undo takes the whole placement back.
    await undo();
    await expect.poll(() => page.$(photo)).toBeNull();
    await page.click('[data-command="redo"]');
    await page.waitForSelector(`${photo}[data-ppi]`);
  });

  it('fills an empty photo frame dropped onto, keeping its box and caption; one undo empties it', async () => {
    const empty = '.bm-photo[data-block-id="empty"]';
    expect(await page.getAttribute(empty, 'data-ppi')).toBeNull();
    await dropFile(page, { name: 'lake.jpg', type: 'image/jpeg', bytes: readFileSync(join(PROJECT_ROOT, 'fixtures', 'photos', 'lakeside-evening.jpg')) }, cell(5, 10));
    await page.waitForSelector(`${empty}[data-ppi]`, { timeout: 30_000 });
    expect(Number(await page.getAttribute(empty, 'data-ppi'))).toBe(Math.round(fillPpi(2560, 1600, 4, 28)));
    expect([await page.getAttribute(empty, 'data-cols'), await page.getAttribute(empty, 'data-lines')]).toEqual(['4', '30']);
    expect(await page.textContent(`${empty} figcaption`)).toBe('空图框');
    await undo();
    await expect.poll(() => page.getAttribute(empty, 'data-ppi')).toBeNull();
    expect(await page.$(`${empty} img`)).toBeNull();
  });

  it('refuses a text file named .jpg in one line and leaves the page as it was', async () => {
    const blocks = await page.$$eval('[data-block-id]', (els) => els.length);
    await dropFile(page, { name: 'notes.jpg', type: 'image/jpeg', bytes: Buffer.from('这不是图片，是一段文字。\n') }, cell(0, 100));
    // The refusal, not the 正在置入 notes.jpg… shown while the host looks at it.
    await page.waitForSelector('.bm-message[data-message-kind="error"]', { timeout: 15_000 });
    expect(await page.textContent('.bm-message')).toMatch(/notes\.jpg/);
    expect(await page.$$eval('[data-block-id]', (els) => els.length)).toBe(blocks);
    await page.waitForFunction(() => !('bmPlacing' in document.documentElement.dataset));
  });

  it('places two images dropped one right after the other, in order; neither is lost', async () => {
    const blocks = await page.$$eval('.bm-photo', (els) => els.length);
    const jpeg = (r: number) => sharp({ create: { width: 1200, height: 800, channels: 3, background: { r, g: 120, b: 60 } } }).jpeg().toBuffer();
    // The second drop arrives while the host is still checking the first.
    await dropFiles(page, [
      { file: { name: 'first.jpg', type: 'image/jpeg', bytes: await jpeg(10) }, at: cell(0, 90) },
      { file: { name: 'second.jpg', type: 'image/jpeg', bytes: await jpeg(250) }, at: cell(4, 90) },
    ]);
    await expect.poll(() => page.$$eval('.bm-photo', (els) => els.length), { timeout: 30_000 }).toBe(blocks + 2);
    await page.waitForFunction(() => !('bmPlacing' in document.documentElement.dataset));
    expect(await page.textContent('.bm-message')).toMatch(/second\.jpg/);
    // Two undo steps, one per placement.
    await undo();
    await undo();
    await expect.poll(() => page.$$eval('.bm-photo', (els) => els.length)).toBe(blocks);
  });

  it('puts a 400 px image dropped onto the frame into that frame, with the low-resolution error', async () => {
    const small = await sharp({ create: { width: 400, height: 250, channels: 3, background: { r: 200, g: 90, b: 40 } } }).jpeg().toBuffer();
    const before = await attr('data-ppi');
    await dropFile(page, { name: 'small.jpg', type: 'image/jpeg', bytes: small }, cell(5, 55));
    await expect.poll(() => attr('data-ppi-level'), { timeout: 15_000 }).toBe('error');
    const lines = Number(await attr('data-lines'));
    expect(Number(await attr('data-ppi'))).toBe(Math.round(fillPpi(400, 250, 3, lines - 2)));
    expect(Number(await attr('data-ppi'))).toBeLessThan(100);
    expect(await page.getAttribute(`${photo} .bm-ppi-badge`, 'data-ppi-level')).toBe('error');
    // Same frame, same place: the picture changed, nothing else.
    expect(await attr('data-col')).toBe('4');
    await undo();
    await expect.poll(() => attr('data-ppi')).toBe(before);
    expect(await attr('data-ppi-level')).toBe('ok');
  });

  it('pans and zooms in crop mode, one undo step per gesture', async () => {
    const frame = page.locator(`${photo} .bm-photo-frame`);
    await frame.dblclick();
    await page.waitForSelector(`${photo}[data-crop="true"]`);
    const box = (await frame.boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    // Wheel: one gesture of three notches, committed after the wheel pauses.
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -100);
    await expect.poll(() => attr('data-zoom'), { timeout: 5000 }).toBe(String(Math.round(1.1 ** 3 * 10000) / 10000));
    const zoomedPpi = Number(await attr('data-ppi'));
    const lines = Number(await attr('data-lines'));
    expect(zoomedPpi).toBe(Math.round(fillPpi(2560, 1600, 3, lines - 2, 1.331)));
    // Pan: drag the image left by 40 screen px; the focus moves right.
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(cx - 5 * i, cy);
    await page.mouse.up();
    await expect.poll(async () => Number(await attr('data-focus-x'))).toBeGreaterThan(0.5);
    const panned = Number(await attr('data-focus-x'));
    expect(Number(await attr('data-focus-y'))).toBe(0.5);
    // The slider: one more step.
    await page.locator(`${photo} .bm-crop-zoom`).fill('2.5');
    await expect.poll(() => attr('data-zoom')).toBe('2.5');
    expect(Number(await attr('data-ppi'))).toBe(Math.round(fillPpi(2560, 1600, 3, lines - 2, 2.5)));
    // Undo walks back gesture by gesture.
    await undo();
    await expect.poll(() => attr('data-zoom')).toBe('1.331');
    expect(Number(await attr('data-focus-x'))).toBe(panned);
    await undo();
    await expect.poll(() => attr('data-focus-x')).toBe('0.5');
    expect(await attr('data-zoom')).toBe('1.331');
    await undo();
    await expect.poll(() => attr('data-zoom')).toBe('1');
    // Redo all three, and leave crop mode with Escape.
    for (let i = 0; i < 3; i++) await page.click('[data-command="redo"]');
    await expect.poll(() => attr('data-zoom')).toBe('2.5');
    // Arrow keys move the image, not the frame; one undo step a press.
    const focusBefore = await attr('data-focus-y');
    const colBefore = await attr('data-col');
    await page.keyboard.press('ArrowUp');
    await expect.poll(async () => Number(await attr('data-focus-y'))).toBeGreaterThan(Number(focusBefore));
    expect(await attr('data-col')).toBe(colBefore);
    await undo();
    await expect.poll(() => attr('data-focus-y')).toBe(focusBefore);
    await page.keyboard.press('Escape');
    await expect.poll(() => attr('data-crop')).toBeNull();
  });

  it('switches fit and fill from the toolbar, one undo step each', async () => {
    await page.click(`${photo} .bm-photo-frame`, { modifiers: ['Control'] });
    await page.click('[data-command="photoFit"]');
    await expect.poll(() => attr('data-fit')).toBe('fit');
    await undo();
    await expect.poll(() => attr('data-fit')).toBe('fill');
  });

  it('recomputes the ppi when the frame is resized, and undoes the resize', async () => {
    const lines = Number(await attr('data-lines'));
    const before = Number(await attr('data-ppi'));
    expect(before).toBe(Math.round(fillPpi(2560, 1600, 3, lines - 2, 2.5)));
    const handle = page.locator(`[data-handle="e"][data-block-id="photo-2"]`);
    await handle.waitFor();
    const hb = (await handle.boundingBox())!;
    const scale = await page.$eval('.bm-page', (el) => el.getBoundingClientRect().width / (el as HTMLElement).offsetWidth);
    const step = (metrics.columnPx + metrics.gutterPx) * scale;
    await page.mouse.move(hb.x + hb.width / 2, hb.y + hb.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(hb.x + hb.width / 2 + (step * i) / 5, hb.y + hb.height / 2);
    await page.mouse.up();
    await expect.poll(() => attr('data-cols')).toBe('4');
    // Wider frame, same crop: the image is scaled up, fewer pixels per inch.
    const wider = Number(await attr('data-ppi'));
    expect(wider).toBe(Math.round(fillPpi(2560, 1600, 4, lines - 2, 2.5)));
    expect(wider).toBeLessThan(before);
    await undo();
    await expect.poll(() => attr('data-cols')).toBe('3');
    expect(Number(await attr('data-ppi'))).toBe(before);
  });

  it('places an image picked in web mode\'s file dialog as a new photo, one undo step', async () => {
    await page.keyboard.press('Escape');
    await page.click('[data-block-id="lead"] p');
    const chooser = page.waitForEvent('filechooser');
    await page.click('[data-command="placeImage"]');
    await (await chooser).setFiles(join(PROJECT_ROOT, 'fixtures', 'photos', 'lakeside-evening.jpg'));
    const added = '.bm-photo[data-block-id="photo-3"]';
    await page.waitForSelector(`${added}[data-ppi]`, { timeout: 30_000 });
    expect(await page.getAttribute(added, 'data-ppi-level')).toBe('ok');
    expect(Number(await page.getAttribute(added, 'data-col')) + Number(await page.getAttribute(added, 'data-cols'))).toBeLessThanOrEqual(8);
    // It went to a free place: no block overlaps it.
    expect(await page.getAttribute(added, 'data-overlap')).toBeNull();
    await undo();
    await expect.poll(() => page.$(added)).toBeNull();
  });

  it('exports the original image, cropped as placed', async () => {
    const out = join(dir, 'photos.pdf');
    page.once('dialog', (d) => void d.accept(out));
    await page.click('[data-command="exportPdf"]');
    // The export dialog (a proof by default); its preflight runs as it opens: low-resolution errors are overridden.
    await page.waitForSelector('[data-export-submit]');
    if ((await page.locator('[data-export-override]').count()) > 0) await page.check('[data-export-override]');
    await page.click('[data-export-submit]');
    await expect.poll(() => page.textContent('.bm-message'), { timeout: 120_000, interval: 500 }).toMatch(/photos\.pdf/);
    await page.click('[data-export-close]');
    const { stdout } = await run('pdfimages', ['-list', out]);
    const rows = stdout.trim().split('\n').slice(2).map((r) => r.trim().split(/\s+/));
    // page num type width height …: the 2560 × 1600 original, not the 2000 px proxy (at zoom 2.5 it is under the 300 ppi print ceiling).
    const sizes = rows.map((r) => `${r[3]}x${r[4]}`);
    expect(sizes).toContain('2560x1600');
    expect(sizes).not.toContain('2000x1250');
    // Screen marks stay off paper: no ppi badge, no zoom bar, no caption hints.
    const { stdout: text } = await run('pdftotext', ['-enc', 'UTF-8', out, '-']);
    expect(text).not.toMatch(/ppi|图片说明|缩放/);

    // The frame's pixels in the PDF (rendered at 96 dpi: 1 px = 1 page px) are the crop the editor showed.
    const d = await page.$eval(photo, (el) => ({ ...(el as HTMLElement).dataset }));
    const crop = { fit: 'fill' as const, zoom: Number(d['zoom']), focusX: Number(d['focusX']), focusY: Number(d['focusY']) };
    expect(crop.zoom).toBe(2.5);
    expect(crop.focusX).not.toBe(0.5);
    const frame = { width: 3 * metrics.columnPx + 2 * metrics.gutterPx, height: (Number(d['lines']) - 2) * metrics.linePx };
    const inset = 3;
    const x = Math.round(metrics.typeLeftPx + Number(d['col']) * (metrics.columnPx + metrics.gutterPx) + inset);
    const y = Math.round(metrics.typeTopPx + Number(d['line']) * metrics.linePx + inset);
    const W = Math.floor(frame.width - 2 * inset);
    const H = Math.floor(frame.height - 2 * inset);
    await run('pdftoppm', ['-r', '96', '-x', String(x), '-y', String(y), '-W', String(W), '-H', String(H), '-png', '-singlefile', out, join(dir, 'frame')]);
    const printed = await sharp(join(dir, 'frame.png')).removeAlpha().raw().toBuffer();
    const expected = async (c: typeof crop) => {
      // The image as placed, cut to the same inset rectangle of the frame.
      const p = placeImage(frame, { width: 2560, height: 1600 }, c);
      const left = (inset - p.left) / p.scale;
      const top = (inset - p.top) / p.scale;
      return sharp(PHOTO)
        .extract({ left: Math.round(left), top: Math.round(top), width: Math.round(W / p.scale), height: Math.round(H / p.scale) })
        .resize(W, H, { fit: 'fill' })
        .removeAlpha()
        .raw()
        .toBuffer();
    };
    const diff = (a: Buffer, b: Buffer) => {
      let sum = 0;
      for (let i = 0; i < a.length; i++) sum += Math.abs(a[i]! - b[i]!);
      return sum / a.length;
    };
    const asPlaced = diff(printed, await expected(crop));
    const centred = diff(printed, await expected({ ...crop, focusX: 0.5, focusY: 0.5 }));
    const unzoomed = diff(printed, await expected({ ...crop, zoom: 1 }));
    expect(asPlaced).toBeLessThan(12);
    // The measure tells crops apart: the centred or unzoomed crop is far off.
    expect(centred).toBeGreaterThan(asPlaced * 2);
    expect(unzoomed).toBeGreaterThan(asPlaced * 2);
    console.log(`photos e2e: mean abs diff per channel: as placed ${asPlaced.toFixed(2)}, centred ${centred.toFixed(2)}, unzoomed ${unzoomed.toFixed(2)}`);
  }, 180_000);
});
