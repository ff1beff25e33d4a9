// A photo separated and encoded ahead (while Chromium lays the page out) gives the print file the same image as one converted in place.
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { beforeEach, describe, expect, it } from 'vitest';
import { clearImageCaches, hashBytes, startSeparation, takeSeparation } from '../../../electron/node/pdf/image-cache';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import { postProcess } from '../../../electron/node/pdf/post-process';

const PAPER = { width: 200, height: 150 };

/** A one-page PDF with a noisy RGB JPEG placed 120 × 80 mm (about 200 ppi), as Chromium embeds it: the JPEG's bytes unchanged. */
async function pdfWithPhoto(): Promise<{ pdf: Uint8Array; jpeg: Buffer }> {
  const jpeg = await sharp({ create: { width: 960, height: 640, channels: 3, background: { r: 40, g: 80, b: 160 }, noise: { type: 'gaussian', mean: 110, sigma: 70 } } })
    .jpeg({ quality: 90 })
    .toBuffer();
  const doc = await PDFDocument.create();
  const page = doc.addPage([(PAPER.width * 72) / 25.4, (PAPER.height * 72) / 25.4]);
  const image = await doc.embedJpg(jpeg);
  page.drawImage(image, { x: 40, y: 40, width: (120 * 72) / 25.4, height: (80 * 72) / 25.4 });
  return { pdf: await doc.save(), jpeg };
}

/** The bytes of the print file's image streams. */
async function imagesOf(pdf: Uint8Array): Promise<Buffer[]> {
  const doc = await PDFDocument.load(pdf);
  const found: Buffer[] = [];
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('Subtype'))?.toString() === '/Image') found.push(Buffer.from(obj.contents));
  }
  return found;
}

describe('photos converted ahead', () => {
  beforeEach(() => clearImageCaches());

  it('give the same CMYK JPEG as converting in place, and the conversion takes the work started ahead', async () => {
    const { pdf, jpeg } = await pdfWithPhoto();
    const options = { variant: 'x4-cmyk' as const, paper: PAPER, title: 'ahead', now: new Date('2026-12-07T00:00:00Z') };
    const inPlace = await imagesOf((await postProcess(pdf, options)).pdf);
    expect(inPlace).toHaveLength(1);

    clearImageCaches();
    const profile = shippedProfilePath();
    startSeparation(jpeg, profile, hashBytes(jpeg));
    const ahead = await imagesOf((await postProcess(pdf, options)).pdf);
    // Taken by the conversion: nothing is left to take.
    expect(takeSeparation(hashBytes(jpeg), profile)).toBeUndefined();
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.equals(inPlace[0]!)).toBe(true);
    // It is the print image: CMYK, not the RGB photo.
    expect(ahead[0]!.equals(jpeg)).toBe(false);
    expect((await sharp(ahead[0]!).metadata()).space).toBe('cmyk');
  });

  it('are not taken by an export asking another JPEG quality', async () => {
    const { pdf, jpeg } = await pdfWithPhoto();
    const profile = shippedProfilePath();
    startSeparation(jpeg, profile, hashBytes(jpeg), 85);
    await postProcess(pdf, { variant: 'x4-cmyk', paper: PAPER, title: 'ahead', jpegQuality: 70 });
    expect(takeSeparation(hashBytes(jpeg), profile, 85)).toBeDefined();
  });
});
