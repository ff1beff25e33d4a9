import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium } from '../../../electron/node/chromium/launch';
import { postProcess } from '../../../electron/node/pdf/post-process';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import { throughOutputProfile } from '../../../electron/node/pdf/profile-transform';
import sharp from 'sharp';
import type { PdfVariant, PostProcessResult } from '../../../electron/node/pdf/post-process';
import { mmToPt } from '../../../shared/page/units';
import { PAPER, printFixture, REGIONS } from './print-fixture';
import { maxTacOverArea, regionStats, renderSeparations } from './separations';
import { TAC_AREA_MM } from '../../../electron/node/pdf/coverage';

const dir = mkdtempSync(join(tmpdir(), 'bm-pdfx-'));
const results = new Map<PdfVariant, PostProcessResult>();
const files = new Map<PdfVariant, string>();
const SLUG = { paperName: '萧山日报', editionName: '第一版', date: '2022-11-21', pageNumber: 1, section: '要闻' };
/** Marks on: the trim's distance from the MediaBox's top-left corner, mm (read from the file). */
let M = 0;
const inMedia = (r: { x: number; y: number; w: number; h: number }) => ({ ...r, x: r.x + M, y: r.y + M });

beforeAll(async () => {
  const { pdf } = await printFixture();
  for (const variant of ['x4', 'x4-cmyk', 'proof'] as const) {
    const r = await postProcess(pdf, { variant, paper: PAPER, title: '萧山日报 第一版 要闻', slug: SLUG });
    results.set(variant, r);
    const file = join(dir, `${variant}.pdf`);
    writeFileSync(file, r.pdf);
    files.set(variant, file);
  }
  M = (boxes(files.get('x4-cmyk')!)['TrimBox']![0]! * 25.4) / 72;
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function boxes(file: string): Record<string, number[]> {
  const out = execFileSync('pdfinfo', ['-box', file], { encoding: 'utf8' });
  const result: Record<string, number[]> = {};
  for (const m of out.matchAll(/^(\w+Box):\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/gm)) {
    result[m[1]!] = [Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5])];
  }
  return result;
}

describe.skipIf(!findChromium())('postProcess', () => {
  it('writes files qpdf finds no fault in', () => {
    for (const file of files.values()) {
      const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
      expect(r.status, r.stdout + r.stderr).toBe(0);
    }
  });

  it('sets TrimBox to the paper within 0.01 mm and BleedBox 3 mm beyond', () => {
    for (const variant of ['x4', 'x4-cmyk'] as const) {
      const b = boxes(files.get(variant)!);
      const [x0, y0, x1, y1] = b['TrimBox']!;
      const toMm = (pt: number) => (pt * 25.4) / 72;
      expect(Math.abs(toMm(x1! - x0!) - PAPER.width)).toBeLessThan(0.01);
      expect(Math.abs(toMm(y1! - y0!) - PAPER.height)).toBeLessThan(0.01);
      const [bx0, by0, bx1, by1] = b['BleedBox']!;
      for (const d of [x0! - bx0!, y0! - by0!, bx1! - x1!, by1! - y1!]) expect(Math.abs(toMm(d) - 3)).toBeLessThan(0.01);
      // Room for marks: the MediaBox reaches beyond the bleed.
      expect(b['MediaBox']![2]!).toBeGreaterThan(bx1! + mmToPt(8));
      // No box is left behind at the old origin.
      if (b['ArtBox']) expect(b['ArtBox']).toEqual(b['TrimBox']);
    }
    const proof = boxes(files.get('proof')!);
    expect(proof['TrimBox']).toEqual(proof['MediaBox']);
  });

  it('keeps every font embedded, and none of them Type 3', () => {
    const out = execFileSync('pdffonts', [files.get('x4-cmyk')!], { encoding: 'utf8' });
    const rows = out.split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row).not.toMatch(/Type 3/);
      expect(row).toMatch(/CID TrueType\s+Identity-H\s+yes yes/);
    }
  });

  it('identifies the file as PDF/X-4 with one GTS_PDFX output intent and an embedded CMYK profile', async () => {
    for (const variant of ['x4', 'x4-cmyk'] as const) {
      const doc = await PDFDocument.load(results.get(variant)!.pdf);
      const intents = doc.catalog.lookup(PDFName.of('OutputIntents'), PDFArray);
      expect(intents.size()).toBe(1);
      const intent = intents.lookup(0, PDFDict);
      expect(intent.get(PDFName.of('S'))).toBe(PDFName.of('GTS_PDFX'));
      const profile = intent.lookup(PDFName.of('DestOutputProfile'), PDFStream) as PDFRawStream;
      expect(profile.dict.lookup(PDFName.of('N'), PDFNumber).asNumber()).toBe(4);
      const icc = Buffer.from(decodePDFRawStream(profile).decode());
      expect(icc.toString('latin1', 16, 20)).toBe('CMYK');
      const xmp = Buffer.from((doc.catalog.lookup(PDFName.of('Metadata'), PDFStream) as PDFRawStream).contents).toString('utf8');
      expect(xmp).toContain('<pdfxid:GTS_PDFXVersion>PDF/X-4</pdfxid:GTS_PDFXVersion>');
      expect(xmp).toContain('<pdf:Trapped>False</pdf:Trapped>');
      const info = execFileSync('pdfinfo', [files.get(variant)!], { encoding: 'utf8' });
      expect(info).toMatch(/PDF version:\s+1\.6/);
      expect(info).toMatch(/Title:\s+萧山日报 第一版 要闻/);
      expect(doc.context.trailerInfo.ID).toBeDefined();
    }
    const proof = await PDFDocument.load(results.get('proof')!.pdf);
    expect(proof.catalog.get(PDFName.of('OutputIntents'))).toBeUndefined();
  });

  it('leaves no RGB, Lab or calibrated colour anywhere in x4-cmyk', async () => {
    const doc = await PDFDocument.load(results.get('x4-cmyk')!.pdf);
    const offenders: string[] = [];
    for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
      const text = obj instanceof PDFStream ? obj.dict.toString() : obj.toString();
      if (/\/(DeviceRGB|CalRGB|Lab)\b/.test(text)) offenders.push(`${ref}: ${text.slice(0, 80)}`);
      if (obj instanceof PDFStream) {
        const n = obj.dict.get(PDFName.of('N'));
        if (n instanceof PDFNumber && n.asNumber() === 3) offenders.push(`${ref}: ICCBased RGB profile`);
        const subtype = obj.dict.get(PDFName.of('Subtype'));
        const isContent = !subtype || subtype === PDFName.of('Form');
        if (isContent && !obj.dict.has(PDFName.of('Type')) && obj instanceof PDFRawStream && !obj.dict.has(PDFName.of('Length1'))) {
          const content = Buffer.from(decodePDFRawStream(obj).decode()).toString('latin1');
          if (/(^|\s)(rg|RG)(\s|$)/.test(content)) offenders.push(`${ref}: rg/RG operator in a content stream`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it('prints black body text on the black plate only, and the red label as exactly M100 Y100', () => {
    const sep = renderSeparations(results.get('x4-cmyk')!.pdf, 150);
    const body = regionStats(sep, inMedia(REGIONS.body));
    expect(body.inkedK).toBeGreaterThan(body.pixels * 0.05);
    expect(body.max.slice(0, 3)).toEqual([0, 0, 0]);
    const label = regionStats(sep, inMedia(REGIONS.label));
    expect(label.max).toEqual([0, 255, 255, 0]);
  });

  it('separates photos through the output profile, colours intact', async () => {
    // The small photo's background is rgb(200 60 40); its top-left corner is at 110, 60 mm.
    const expected = await throughOutputProfile(sharp(Buffer.from([200, 60, 40]), { raw: { width: 1, height: 1, channels: 3 } }), shippedProfilePath())
      .raw()
      .toBuffer();
    const sep = renderSeparations(results.get('x4-cmyk')!.pdf, 100);
    const s = regionStats(sep, inMedia({ x: 111, y: 61, w: 3, h: 3 }));
    for (let c = 0; c < 4; c++) expect(Math.abs(s.max[c]! - expected[c]!), `plate ${'CMYK'[c]}`).toBeLessThanOrEqual(8);
  });

  it('overprints black text, so the blue under it still prints on its plates', () => {
    const sep = renderSeparations(results.get('x4-cmyk')!.pdf, 150);
    const under = regionStats(sep, inMedia(REGIONS.blueUnderText));
    const box = regionStats(sep, inMedia(REGIONS.blueBox));
    expect(under.inkedK).toBeGreaterThan(0);
    // Knocked-out text would leave holes in cyan where the glyphs are.
    let holes = 0;
    const px = (mm: number) => Math.round((mm / 25.4) * sep.dpi);
    const r = inMedia(REGIONS.blueUnderText);
    for (let y = px(r.y); y < px(r.y + r.h); y++) {
      for (let x = px(r.x); x < px(r.x + r.w); x++) if (sep.data[(y * sep.width + x) * 4]! < box.max[0] - 5) holes++;
    }
    expect(holes).toBe(0);
  });

  it('keeps total area coverage within the 240 % limit of the newsprint profile', () => {
    const sep = renderSeparations(results.get('x4-cmyk')!.pdf, 100);
    const bleed = { x: M - 3, y: M - 3, w: PAPER.width + 6, h: PAPER.height + 6 };
    // Over 0.5 mm squares, as coverage.ts, the encoder and preflight measure it (and plants do): a few pixels of
    // JPEG ringing at the small photo's circle reach 243 % (the profile separates the photo's red to 212 %).
    expect(maxTacOverArea(sep, bleed, TAC_AREA_MM)).toBeLessThanOrEqual(240);
    expect(regionStats(sep, bleed).maxTac).toBeGreaterThan(150);
  });

  it('downsamples an image above 300 ppi at its placed size and converts both to CMYK JPEG', () => {
    const images = results.get('x4-cmyk')!.report.images;
    const big = images.find((i) => i.pixelWidth === 3000)!;
    expect(big.ppi).toBeGreaterThan(1800);
    expect(big.action).toBe('downsampled+converted');
    expect(Math.abs(big.outPixelWidth - Math.round((40 / 25.4) * 300))).toBeLessThanOrEqual(1);
    const small = images.find((i) => i.pixelWidth === 400)!;
    expect(small.action).toBe('converted');
    const list = execFileSync('pdfimages', ['-list', files.get('x4-cmyk')!], { encoding: 'utf8' });
    const rows = list.split('\n').slice(2).filter((l) => / image /.test(l));
    expect(rows.length).toBe(2);
    for (const row of rows) expect(row).toMatch(/cmyk\s+4\s+8\s+jpeg/);
  });

  it('tags the remaining RGB of x4 with an ICC profile, never DeviceRGB', async () => {
    const doc = await PDFDocument.load(results.get('x4')!.pdf);
    for (const [, obj] of doc.context.enumerateIndirectObjects()) {
      const text = obj instanceof PDFStream ? obj.dict.toString() : obj.toString();
      expect(text).not.toMatch(/\/DeviceRGB\b/);
    }
    const list = execFileSync('pdfimages', ['-list', files.get('x4')!], { encoding: 'utf8' });
    for (const row of list.split('\n').slice(2).filter((l) => / image /.test(l))) expect(row).toMatch(/ icc /);
  });

  it('writes the slug line outside the bleed', () => {
    const text = execFileSync('pdftotext', ['-layout', files.get('x4-cmyk')!, '-'], { encoding: 'utf8' });
    expect(text).toMatch(/萧山日报 第一版\s+·\s+2022-11-21\s+·\s+第1版\s+·\s+要闻\s+·\s+导出 \d{4}-\d\d-\d\d \d\d:\d\d\s+·\s+PDF\/X-4 CMYK/);
  });
});
