/**
 * Black text over a picture, measured: the picture's pixels under the text,
 * separated through the shipped IFRA26 profile, plus the text's 100 % K.
 * A picture half saturated brown (rgb 120 60 30: C+M+Y 145 % through the
 * profile) and half pale sky (rgb 200 220 240: 22 %); a black label over
 * each half.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPdf } from '../../../electron/node/export/export-pdf';
import { highestCmy, measureInkUnderText, overlapPixels } from '../../../electron/node/export/ink-under-text';
import type { PdfPrinter } from '../../../electron/node/export/printer';
import { HostService } from '../../../electron/node/host/host-service';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import type { AssetData } from '../../../electron/node/storage/index';
import { assetPath } from '../../../shared/format/manifest';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { mmToPt } from '../../../shared/page/units';
import { blackTextOverPictures, inkKey } from '../../../shared/preflight/black-over-image';
import { preflightPage } from '../../../shared/preflight/preflight-page';

const dir = mkdtempSync(join(tmpdir(), 'bm-ink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const settings = settingsFromPreset('duikai');
const BROWN = [120, 60, 30];
const SKY = [200, 220, 240];

async function halfAndHalf(width: number, height: number): Promise<AssetData> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) raw.set(x < width / 2 ? BROWN : SKY, (y * width + x) * 3);
  const bytes = await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer();
  const hash = createHash('sha256').update(bytes).digest('hex');
  return { entry: { hash, mime: 'image/png', path: assetPath(hash, 'image/png'), pixelWidth: width, pixelHeight: height, bytes: bytes.byteLength, originalName: 'half.png' }, bytes };
}

function pageWith(asset: AssetData) {
  const label = (id: string, col: number) => schema.node('label', { id, col, line: 14, cols: 1, lines: 3, variant: 'plain', swatch: 'black' }, [schema.text('视点')]);
  return schema.node('page', { settings }, [
    schema.node('photo', { id: 'p1', col: 2, line: 10, cols: 4, lines: 30, captionLines: 2, asset: asset.entry.hash, pixelWidth: 800, pixelHeight: 600 }, [
      schema.node('caption', null, [schema.text('说明')]),
    ]),
    label('over-brown', 2),
    label('over-sky', 5),
    label('beside', 7),
  ]);
}

let asset: AssetData;
beforeAll(async () => {
  asset = await halfAndHalf(800, 600);
});

describe('overlapPixels', () => {
  it('maps the overlap to image pixels as the frame places the image (fill, fit, focus, zoom)', () => {
    const picture = { xMm: 10, yMm: 20, widthMm: 100, heightMm: 50 };
    const overlap = { xMm: 20, yMm: 20, widthMm: 10, heightMm: 5 };
    const fill = { fit: 'fill', zoom: 1, focusX: 0.5, focusY: 0.5 };
    // 200 × 100 px fills 100 × 50 mm exactly: 0.5 mm a pixel.
    expect(overlapPixels({ picture, overlap, crop: fill }, { width: 200, height: 100 })).toEqual({ left: 20, top: 0, width: 20, height: 10, mmPerPx: 0.5 });
    // A square image filling the frame is cropped top and bottom; focus 0 keeps its top.
    expect(overlapPixels({ picture, overlap, crop: { ...fill, focusY: 0 } }, { width: 100, height: 100 })).toMatchObject({ left: 10, top: 0, width: 10, height: 5, mmPerPx: 1 });
    // Fitted, the square image is 50 mm wide in the middle: the overlap at 10–20 mm misses it.
    expect(overlapPixels({ picture, overlap, crop: { ...fill, fit: 'fit' } }, { width: 100, height: 100 })).toMatchObject({ width: 0 });
    // Zoom 2 about the centre: 1 mm a pixel, the image 50 mm beyond the frame's left edge.
    expect(overlapPixels({ picture, overlap, crop: { ...fill, zoom: 2 } }, { width: 200, height: 100 })).toEqual({ left: 60, top: 25, width: 10, height: 5, mmPerPx: 1 });
  });
});

describe('highestCmy', () => {
  it('averages 0.5 mm squares before taking the highest, so one dark pixel is not a dark area', () => {
    const raw = new Uint8Array(4 * 4 * 4);
    raw.set([255, 255, 255, 0], 0); // one pixel of 300 % C+M+Y in a 2 × 2 square
    expect(highestCmy(raw, 4, 4, 2)).toBeCloseTo(75, 5);
    expect(highestCmy(raw, 4, 4, 1)).toBeCloseTo(300, 5);
  });
});

describe('black text over a picture, measured', () => {
  it('finds the labels over the picture, not the one beside it', () => {
    expect(blackTextOverPictures(pageWith(asset)).map((o) => o.textId)).toEqual(['over-brown', 'over-sky']);
  });

  it('measures the ink under each label through the output profile', async () => {
    const [ink] = await measureInkUnderText({ docs: [pageWith(asset)], images: new Map([[asset.entry.hash, asset.bytes]]), profilePath: shippedProfilePath() });
    const brown = ink!.get(inkKey('over-brown', 'p1'))!;
    const sky = ink!.get(inkKey('over-sky', 'p1'))!;
    console.log(`ink under black text: brown ${brown.totalPct.toFixed(1)} %, sky ${sky.totalPct.toFixed(1)} %`);
    expect(brown.pictureCmyPct).toBeGreaterThan(140);
    expect(brown.totalPct).toBeCloseTo(brown.pictureCmyPct + 100, 5);
    expect(sky.totalPct).toBeLessThan(130);
  });

  it('turns the warning into an error above the limit and a note within it', async () => {
    const doc = pageWith(asset);
    const [ink] = await measureInkUnderText({ docs: [doc], images: new Map([[asset.entry.hash, asset.bytes]]), profilePath: shippedProfilePath() });
    const assets = new Map([[asset.entry.hash, { pixelWidth: 800, pixelHeight: 600 }]]);
    const found = preflightPage({ doc, page: 1, assets, overset: new Map(), inkUnderText: ink }).filter((f) => f.code === 'black-over-image');
    expect(found.map((f) => [f.blockId, f.level])).toEqual([
      ['over-brown', 'error'],
      ['over-sky', 'info'],
    ]);
    expect(found[0]!.message).toMatch(/prints \d+ % ink \(the picture's C\+M\+Y \d+ % \+ 100 % K\), above the 240 % limit/);
    expect(found[0]!.messageZh).toMatch(/总墨量 \d+%/);
    // Unmeasured (no pixels to read), both stay warnings.
    const unmeasured = preflightPage({ doc, page: 1, assets, overset: new Map() }).filter((f) => f.code === 'black-over-image');
    expect(unmeasured.map((f) => f.level)).toEqual(['warning', 'warning']);
  });

  it('stops a print export with the measured error, and writes it with 仍然导出 (force)', async () => {
    const host = new HostService();
    const printer: PdfPrinter = {
      async print(request) {
        request.onPrinting?.();
        const pdf = await PDFDocument.create();
        const b = request.bleedMm ?? 0;
        pdf.addPage([mmToPt(request.paper.width + 2 * b), mmToPt(request.paper.height + 2 * b)]);
        return pdf.save();
      },
      lastLayout: () => ({ overset: [{}] }),
      async close() {},
    };
    const json = pageWith(asset).toJSON();
    const session = host.sessions.create({ path: null, pages: [json], assets: [asset] });
    const out = join(dir, 'over-photo.pdf');
    const stopped = await exportPdf({ session, pages: [json], outPath: out, printer, print: { variant: 'x4-cmyk' } });
    expect(stopped.ok || stopped.error.code).toBe('PREFLIGHT_FAILED');
    expect(readdirSync(dir)).toEqual([]);
    const forced = await exportPdf({ session, pages: [json], outPath: out, printer, print: { variant: 'x4-cmyk', force: true } });
    expect(forced.ok).toBe(true);
    const errors = forced.ok ? (forced.value.findings ?? []).filter((f) => f.code === 'black-over-image' && f.level === 'error') : [];
    expect(errors.map((f) => f.blockId)).toEqual(['over-brown']);
  }, 60_000);
});
