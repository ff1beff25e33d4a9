/**
 * Reads an exported PDF for preflight: where RGB (or Lab, calibrated RGB)
 * is still used, and the highest total area coverage of any vector colour
 * or image pixel, with its position on the page.
 *
 * Coverage is measured per object: where black text overprints a tint, the
 * sum of both is not counted (a separation render would show it).
 */
import type { PDFDict, PDFObject } from 'pdf-lib';
import { ParseSpeeds, PDFArray, PDFDocument, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { PdfInspection, RgbUse, TacPeak } from '../../../shared/preflight/preflight-pdf';
import { PT_PER_MM } from '../../../shared/page/units';
import { num, tokenizeContent } from './content-tokens';
import { coverageBlock, knownCoverage, maxBlockCoverage } from './coverage';
import { hashBytes } from './image-cache';
import type { Matrix } from './matrix';
import { apply, IDENTITY } from './matrix';
import { getName, lookupDict, namedSpaceKind, spaceKindOf, streamText, xobjectKind, xobjectRef } from './pdf-objects';
import { rewriteContent } from './rewrite-content';

function isRgbSpace(context: PDFDocument['context'], cs: PDFObject | undefined): boolean {
  const v = cs instanceof PDFRef ? context.lookup(cs) : cs;
  if (v instanceof PDFName) return ['DeviceRGB', 'CalRGB', 'Lab'].includes(v.decodeText());
  if (v instanceof PDFArray) {
    const fam = v.get(0);
    if (fam instanceof PDFName && ['CalRGB', 'Lab'].includes(fam.decodeText())) return true;
    return spaceKindOf(context, v) === 'rgb';
  }
  return false;
}

async function imageTac(stream: PDFRawStream, placedWidthPt: number): Promise<{ percent: number; x: number; y: number } | null> {
  const d = stream.dict;
  const w = (d.get(PDFName.of('Width')) as PDFNumber | undefined)?.asNumber() ?? 0;
  const h = (d.get(PDFName.of('Height')) as PDFNumber | undefined)?.asNumber() ?? 0;
  const filter = getName(d, 'Filter');
  if (filter === 'DCTDecode' && w > 0) {
    const known = knownCoverage(hashBytes(stream.contents), coverageBlock(w, placedWidthPt));
    if (known) return known;
  }
  let data: Buffer;
  if (filter === 'DCTDecode') {
    data = await sharp(Buffer.from(stream.contents)).pipelineColourspace('cmyk').toColourspace('cmyk').raw().toBuffer();
  } else if (filter === 'FlateDecode' && !d.has(PDFName.of('DecodeParms'))) data = inflateSync(stream.contents);
  else if (filter === undefined) data = Buffer.from(stream.contents);
  else return null;
  if (w <= 0 || h <= 0 || data.length < w * h * 4) return null;
  return maxBlockCoverage(data, w, h, coverageBlock(w, placedWidthPt));
}

export async function inspectPdf(bytes: Uint8Array, variant: string): Promise<PdfInspection> {
  // Parsed without yielding between objects (see pdf-pipeline.ts): tens of ms instead of hundreds behind other work.
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const { context } = doc;
  const rgb: RgbUse[] = [];
  let tac: TacPeak | null = null;
  const consider = (t: TacPeak) => {
    if (!tac || t.percent > tac.percent) tac = t;
  };
  const pageOf = new Map<string, number>();
  const placements: { ref: PDFRef; ctm: Matrix; page: number; widthPt: number }[] = [];

  const scanContent = (text: string, resources: PDFDict | undefined, page: number, where: string, ctm: Matrix) => {
    for (const op of tokenizeContent(text)) {
      if (op.op === 'rg' || op.op === 'RG') rgb.push({ page, what: `${where} (${op.op} operator)` });
      else if ((op.op === 'cs' || op.op === 'CS') && namedSpaceKind(context, resources, op.operands[0]?.raw.slice(1) ?? '') === 'rgb') {
        rgb.push({ page, what: `${where} (${op.operands[0]!.raw} ${op.op})` });
      } else if (op.op === 'k' || op.op === 'K') {
        const v = op.operands.slice(0, 4).map(num);
        consider({ percent: (v[0]! + v[1]! + v[2]! + v[3]!) * 100, page, what: `a ${op.op === 'k' ? 'fill' : 'stroke'} colour of ${where}` });
      }
    }
    rewriteContent(text, {
      variant: 'x4-cmyk',
      spaceKind: (n) => namedSpaceKind(context, resources, n),
      xobjectKind: (n) => xobjectKind(context, resources, n),
      collect: () => undefined,
      thinPt: 0,
      onImage: (name, w, _h, m) => {
        const ref = xobjectRef(context, resources, name);
        if (ref) placements.push({ ref, ctm: m, page, widthPt: w });
      },
      onForm: (name, m) => {
        const ref = xobjectRef(context, resources, name);
        const form = ref ? context.lookup(ref) : undefined;
        if (ref && form instanceof PDFStream && !pageOf.has(ref.toString())) {
          pageOf.set(ref.toString(), page);
          scanContent(streamText(form), lookupDict(context, form.dict.get(PDFName.of('Resources'))) ?? resources, page, `form ${ref}`, m);
        }
      },
    }, ctm, false);
  };

  const trims = doc.getPages().map((p) => p.getTrimBox());
  doc.getPages().forEach((page, i) => {
    const resources = lookupDict(context, page.node.get(PDFName.of('Resources')));
    const contents = context.lookup(page.node.get(PDFName.of('Contents')));
    const list = contents instanceof PDFArray ? contents.asArray().map((r) => context.lookup(r)) : [contents];
    const text = list.filter((s): s is PDFStream => s instanceof PDFStream).map(streamText).join('\n');
    scanContent(text, resources, i + 1, `page ${i + 1}`, IDENTITY);
  });

  // Colour spaces of every object: images, shadings, resource dictionaries, groups.
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj;
    if (!dict || !('get' in dict) || obj instanceof PDFArray) continue;
    const d = dict as PDFDict;
    const page = pageOf.get(ref.toString()) ?? placements.find((p) => p.ref === ref)?.page ?? 1;
    if (isRgbSpace(context, d.get(PDFName.of('ColorSpace')))) rgb.push({ page, what: `${getName(d, 'Subtype') === 'Image' ? 'image' : 'object'} ${ref}` });
    const spaces = lookupDict(context, d.get(PDFName.of('ColorSpace')));
    if (spaces) for (const [name, cs] of spaces.entries()) if (isRgbSpace(context, cs)) rgb.push({ page, what: `colour space ${name} of ${ref}` });
    const group = lookupDict(context, d.get(PDFName.of('Group')));
    if (group && isRgbSpace(context, group.get(PDFName.of('CS')))) rgb.push({ page, what: `transparency group of ${ref}` });
    if (obj instanceof PDFRawStream && obj.dict.get(PDFName.of('N')) instanceof PDFNumber && (obj.dict.get(PDFName.of('N')) as PDFNumber).asNumber() === 3 && !obj.dict.has(PDFName.of('Subtype'))) {
      // An RGB ICC profile stream reachable in the file.
      if (variant === 'x4-cmyk') rgb.push({ page, what: `RGB ICC profile ${ref}` });
    }
  }

  for (const p of placements) {
    const img = context.lookup(p.ref);
    if (!(img instanceof PDFRawStream) || spaceKindOf(context, img.dict.get(PDFName.of('ColorSpace'))) !== 'cmyk') continue;
    const t = await imageTac(img, p.widthPt).catch(() => null);
    if (!t) continue;
    const [X, Y] = apply(p.ctm, t.x, 1 - t.y);
    const trim = trims[p.page - 1]!;
    consider({ percent: t.percent, page: p.page, what: `image ${p.ref}`, xMm: (X - trim.x) / PT_PER_MM, yMm: (trim.y + trim.height - Y) / PT_PER_MM });
  }
  return { variant, rgb, tac, unconverted: [] };
}
