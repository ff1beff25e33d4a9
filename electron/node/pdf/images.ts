/**
 * Image XObjects for print: downsampled to at most `maxPpi` at their placed
 * size, and for `x4-cmyk` converted to CMYK JPEG through the output profile.
 *
 * sharp (libvips + lcms) does the pixel work. libvips writes CMYK JPEGs the
 * way Photoshop does, with inverted values and an Adobe APP14 marker, so the
 * image dictionary gets `/Decode [1 0 1 0 1 0 1 0]` (measured with
 * Ghostscript separations in tests/electron/pdf).
 */
import { inflateSync } from 'node:zlib';
import type { PDFContext, PDFDict, PDFRef } from 'pdf-lib';
import { PDFArray, PDFName, PDFNumber, PDFRawStream, PDFStream } from 'pdf-lib';
import sharp from 'sharp';
import { cmykJpeg, DEFAULT_TAC_LIMIT, encodeFirst, withinCoverage } from './cmyk-encode';
import type { ConvertedImage } from './image-cache';
import { cachedConversion, hashBytes, profileKey, takeSeparation } from './image-cache';
import { separateImage } from './separate-colours';
import type { Sharp } from 'sharp';

export type ImageSpace = 'rgb' | 'gray' | 'cmyk' | 'other';

export interface ImageJob {
  ref: PDFRef;
  /** Largest placed size in points, over every use of the image. */
  widthPt: number;
  heightPt: number;
}

export interface ImageOptions {
  variant: 'x4' | 'x4-cmyk';
  profilePath: string;
  maxPpi: number;
  jpegQuality: number;
  /** Total area coverage limit, percent (default 240). */
  tacLimit?: number;
  /** Reference to the sRGB ICCBased colour space array, for RGB images in `x4`. */
  srgbSpace: () => PDFRef;
}

export interface ImageReport {
  ref: string;
  pixelWidth: number;
  pixelHeight: number;
  /** Effective resolution at placed size, before any downsampling. */
  ppi: number;
  /** What was done. */
  action: 'kept' | 'downsampled' | 'converted' | 'downsampled+converted' | 'unsupported';
  outPixelWidth: number;
  outPixelHeight: number;
  note?: string;
}

function nameOf(dict: PDFDict, key: string): string | undefined {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

function numberOf(dict: PDFDict, key: string): number | undefined {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

/** Kind of an image colour space (device or ICCBased by component count). */
export function imageSpaceKind(context: PDFContext, dict: PDFDict): ImageSpace {
  const cs = context.lookup(dict.get(PDFName.of('ColorSpace')));
  if (cs instanceof PDFName) {
    const n = cs.decodeText();
    if (n === 'DeviceRGB') return 'rgb';
    if (n === 'DeviceGray') return 'gray';
    if (n === 'DeviceCMYK') return 'cmyk';
    return 'other';
  }
  if (cs instanceof PDFArray && cs.size() === 2) {
    const family = cs.get(0);
    const stream = context.lookup(cs.get(1));
    if (family instanceof PDFName && family.decodeText() === 'ICCBased' && stream instanceof PDFStream) {
      const n = numberOf(stream.dict, 'N');
      return n === 3 ? 'rgb' : n === 1 ? 'gray' : n === 4 ? 'cmyk' : 'other';
    }
  }
  return 'other';
}

function filters(dict: PDFDict): string[] {
  const f = dict.get(PDFName.of('Filter'));
  if (f instanceof PDFName) return [f.decodeText()];
  if (f instanceof PDFArray) return f.asArray().map((x) => (x instanceof PDFName ? x.decodeText() : '?'));
  return [];
}

const CHANNELS: Record<'rgb' | 'gray' | 'cmyk', 1 | 3 | 4> = { rgb: 3, gray: 1, cmyk: 4 };

/** A sharp pipeline reading the image's pixels, or a reason it cannot be read. */
function openImage(stream: PDFRawStream, space: 'rgb' | 'gray' | 'cmyk'): Sharp | string {
  const dict = stream.dict;
  const f = filters(dict);
  const width = numberOf(dict, 'Width') ?? 0;
  const height = numberOf(dict, 'Height') ?? 0;
  if (f.length === 1 && f[0] === 'DCTDecode') {
    if (dict.has(PDFName.of('Decode')) && space !== 'cmyk') return 'JPEG with a /Decode array';
    return sharp(Buffer.from(stream.contents));
  }
  if ((numberOf(dict, 'BitsPerComponent') ?? 8) !== 8) return 'not 8 bits per component';
  if (dict.has(PDFName.of('DecodeParms')) || dict.has(PDFName.of('Decode'))) return 'predictor or /Decode array';
  let bytes: Buffer;
  if (f.length === 0) bytes = Buffer.from(stream.contents);
  else if (f.length === 1 && f[0] === 'FlateDecode') bytes = inflateSync(stream.contents);
  else return `filter ${f.join('+')}`;
  const channels = CHANNELS[space];
  if (bytes.length < width * height * channels) return 'truncated pixel data';
  return sharp(bytes.subarray(0, width * height * channels), { raw: { width, height, channels } });
}

/** What to do to one image's pixels. */
interface PixelJob {
  convert: boolean;
  downsample: boolean;
  outW: number;
  outH: number;
  /** SHA-256 of the image stream's bytes (a JPEG's are the asset's). */
  hash: string;
  placedWidthPt: number;
}

/** The print image's bytes, or why they cannot be made; the PDF is not touched. */
async function convertPixels(stream: PDFRawStream, space: 'rgb' | 'gray' | 'cmyk', job: PixelJob, opts: ImageOptions): Promise<ConvertedImage | string> {
  const limit = opts.tacLimit ?? DEFAULT_TAC_LIMIT;
  const encodedAhead =
    job.convert && !job.downsample && space === 'rgb' && filters(stream.dict).join() === 'DCTDecode' ? takeSeparation(job.hash, opts.profilePath, opts.jpegQuality, limit) : undefined;
  const img = openImage(stream, space);
  if (typeof img === 'string') return img;
  const resized = (image: Sharp) => (job.downsample ? image.resize(job.outW, job.outH, { fit: 'fill', kernel: 'lanczos3' }) : image);
  const pipeline = resized(img);
  let outSpace: 'rgb' | 'gray' | 'cmyk' = space;
  let data: Buffer;
  if (job.convert && space === 'gray') {
    // Greyscale goes to the black plate only, like grey vector colours.
    const grey = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    const px = grey.info.width * grey.info.height;
    const cmyk = Buffer.alloc(px * 4);
    for (let i = 0; i < px; i++) cmyk[i * 4 + 3] = 255 - grey.data[i * grey.info.channels]!;
    data = await cmykJpeg(cmyk, grey.info.width, grey.info.height, opts.jpegQuality);
    outSpace = 'cmyk';
  } else if (job.convert) {
    // The profile is the output intent's: do not repeat it inside every JPEG.
    // Separated and encoded ahead while Chromium laid the page out (image-cache.ts), else here.
    let first = encodedAhead ? await encodedAhead.catch(() => undefined) : undefined;
    if (!first) {
      let unused: Sharp | undefined = pipeline;
      const open = () => {
        const p = unused ?? resized(openImage(stream, space) as Sharp);
        unused = undefined;
        return p;
      };
      // Each distinct colour through the profile once: the same bytes as the whole image through it (separate-colours.ts).
      first = await encodeFirst(await separateImage(open, opts.profilePath), opts.jpegQuality, limit);
    }
    data = await withinCoverage(first, job.placedWidthPt, limit);
    outSpace = 'cmyk';
  } else if (space === 'cmyk') {
    data = await pipeline.pipelineColourspace('cmyk').toColourspace('cmyk').jpeg({ quality: opts.jpegQuality }).toBuffer();
  } else {
    data = await pipeline.toColourspace(space === 'gray' ? 'b-w' : 'srgb').jpeg({ quality: opts.jpegQuality, chromaSubsampling: '4:4:4' }).toBuffer();
  }
  const meta = await sharp(data).metadata();
  return { data: new Uint8Array(data), width: meta.width ?? job.outW, height: meta.height ?? job.outH, space: outSpace };
}

/** Converts or downsamples one image in place (the same object number). */
export async function processImage(context: PDFContext, job: ImageJob, opts: ImageOptions): Promise<ImageReport> {
  const stream = context.lookup(job.ref);
  const base = { ref: job.ref.toString(), pixelWidth: 0, pixelHeight: 0, ppi: 0, outPixelWidth: 0, outPixelHeight: 0 };
  if (!(stream instanceof PDFRawStream)) return { ...base, action: 'unsupported', note: 'not a raw stream' };
  const dict = stream.dict;
  const width = numberOf(dict, 'Width') ?? 0;
  const height = numberOf(dict, 'Height') ?? 0;
  const ppi = Math.min(width / (job.widthPt / 72), height / (job.heightPt / 72));
  const report: ImageReport = { ...base, pixelWidth: width, pixelHeight: height, ppi, action: 'kept', outPixelWidth: width, outPixelHeight: height };
  // Stencil masks carry no colour.
  if (dict.get(PDFName.of('ImageMask'))?.toString() === 'true') return report;
  const space = imageSpaceKind(context, dict);
  // 5 % of slack: re-encoding a 310 ppi image to 300 loses more than it saves.
  const downsample = Number.isFinite(ppi) && ppi > opts.maxPpi * 1.05;
  const convert = opts.variant === 'x4-cmyk' && (space === 'rgb' || space === 'gray');
  if (space === 'other') {
    return opts.variant === 'x4-cmyk' ? { ...report, action: 'unsupported', note: 'colour space is neither RGB, grey nor CMYK' } : report;
  }
  if (!downsample && !convert) {
    if (opts.variant === 'x4' && nameOf(dict, 'ColorSpace') === 'DeviceRGB') dict.set(PDFName.of('ColorSpace'), opts.srgbSpace());
    return report;
  }
  let outW = width;
  let outH = height;
  if (downsample) {
    const scale = opts.maxPpi / ppi;
    outW = Math.max(1, Math.round(width * scale));
    outH = Math.max(1, Math.round(height * scale));
  }
  const hash = hashBytes(stream.contents);
  // Everything that decides the result is in the key: the same image placed at another size is another conversion.
  const key = [hash, profileKey(opts.profilePath), opts.variant, space, filters(dict).join('+'), `${outW}x${outH}`, opts.jpegQuality, opts.tacLimit ?? 240, Math.round(job.widthPt * 100)].join('|');
  const converted = await cachedConversion(key, () => convertPixels(stream, space, { convert, downsample, outW, outH, hash, placedWidthPt: job.widthPt }, opts));
  if (typeof converted === 'string') return { ...report, action: 'unsupported', note: converted };
  const meta = { width: converted.width, height: converted.height };
  const outSpace = converted.space;
  const data = converted.data;
  const newDict = context.obj({
    Type: 'XObject',
    Subtype: 'Image',
    Width: meta.width,
    Height: meta.height,
    BitsPerComponent: 8,
    Filter: 'DCTDecode',
  });
  if (outSpace === 'cmyk') {
    newDict.set(PDFName.of('ColorSpace'), PDFName.of('DeviceCMYK'));
    newDict.set(PDFName.of('Decode'), context.obj([1, 0, 1, 0, 1, 0, 1, 0]));
  } else if (outSpace === 'gray') newDict.set(PDFName.of('ColorSpace'), PDFName.of('DeviceGray'));
  else newDict.set(PDFName.of('ColorSpace'), opts.srgbSpace());
  for (const key of ['SMask', 'Interpolate', 'Intent']) {
    const v = dict.get(PDFName.of(key));
    if (v !== undefined) newDict.set(PDFName.of(key), v);
  }
  context.assign(job.ref, PDFRawStream.of(newDict, data));
  return {
    ...report,
    action: downsample && convert ? 'downsampled+converted' : downsample ? 'downsampled' : 'converted',
    outPixelWidth: meta.width ?? outW,
    outPixelHeight: meta.height ?? outH,
  };
}
