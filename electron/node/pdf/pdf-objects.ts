/** Small helpers over pdf-lib's object model. */
import { deflateSync } from 'node:zlib';
import type { PDFContext, PDFDict, PDFObject } from 'pdf-lib';
import { decodePDFRawStream, PDFArray, PDFName, PDFNumber, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import { bytesToLatin1 } from './content-tokens';
import type { SpaceKind } from './rewrite-content';

export function lookupDict(context: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const v = obj instanceof PDFRef ? context.lookup(obj) : obj;
  if (v && 'get' in v && 'set' in v && !(v instanceof PDFStream) && !(v instanceof PDFArray)) return v as PDFDict;
  return undefined;
}

export function getName(dict: PDFDict, key: string): string | undefined {
  const v = dict.get(PDFName.of(key));
  return v instanceof PDFName ? v.decodeText() : undefined;
}

/**
 * A Flate-compressed stream of `bytes` (or a latin1 string), as pdf-lib's
 * `context.flateStream` makes it but compressed by Node's zlib: pdf-lib's
 * JavaScript deflate took tens of ms for the output profile alone.
 */
export function flateStream(context: PDFContext, bytes: Uint8Array | string, dict: Record<string, number | string> = {}): PDFRawStream {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes;
  return context.stream(deflateSync(data), { ...dict, Filter: 'FlateDecode' });
}

/** The decoded bytes of a stream as a latin1 string. */
export function streamText(stream: PDFStream): string {
  if (stream instanceof PDFRawStream) {
    const f = stream.dict.get(PDFName.of('Filter'));
    if (f === undefined) return bytesToLatin1(stream.contents);
    return bytesToLatin1(decodePDFRawStream(stream).decode());
  }
  return bytesToLatin1(stream.getContents());
}

/** Kind of a colour space object (name or array), by family and component count. */
export function spaceKindOf(context: PDFContext, cs: PDFObject | undefined): SpaceKind {
  const v = cs instanceof PDFRef ? context.lookup(cs) : cs;
  if (v instanceof PDFName) {
    const n = v.decodeText();
    return n === 'DeviceRGB' || n === 'CalRGB' ? 'rgb' : n === 'DeviceGray' || n === 'CalGray' ? 'gray' : n === 'DeviceCMYK' ? 'cmyk' : 'other';
  }
  if (v instanceof PDFArray && v.size() >= 1) {
    const family = v.get(0);
    const fam = family instanceof PDFName ? family.decodeText() : '';
    if (fam === 'ICCBased') {
      const s = context.lookup(v.get(1));
      const n = s instanceof PDFStream ? s.dict.get(PDFName.of('N')) : undefined;
      const comps = n instanceof PDFNumber ? n.asNumber() : 0;
      return comps === 3 ? 'rgb' : comps === 1 ? 'gray' : comps === 4 ? 'cmyk' : 'other';
    }
    if (fam === 'CalRGB') return 'rgb';
    if (fam === 'CalGray') return 'gray';
  }
  return 'other';
}

/** Kind of a colour space used by name in a content stream with these resources. */
export function namedSpaceKind(context: PDFContext, resources: PDFDict | undefined, name: string): SpaceKind {
  if (name === 'DeviceRGB') return 'rgb';
  if (name === 'DeviceGray') return 'gray';
  if (name === 'DeviceCMYK') return 'cmyk';
  if (name === 'Pattern') return 'other';
  const spaces = resources ? lookupDict(context, resources.get(PDFName.of('ColorSpace'))) : undefined;
  return spaces ? spaceKindOf(context, spaces.get(PDFName.of(name))) : 'other';
}

export function xobjectKind(context: PDFContext, resources: PDFDict | undefined, name: string): 'image' | 'form' | 'other' {
  const xobjects = resources ? lookupDict(context, resources.get(PDFName.of('XObject'))) : undefined;
  const x = xobjects ? context.lookup(xobjects.get(PDFName.of(name))) : undefined;
  if (!(x instanceof PDFStream)) return 'other';
  const st = getName(x.dict, 'Subtype');
  return st === 'Image' ? 'image' : st === 'Form' ? 'form' : 'other';
}

export function xobjectRef(context: PDFContext, resources: PDFDict | undefined, name: string): PDFRef | undefined {
  const xobjects = resources ? lookupDict(context, resources.get(PDFName.of('XObject'))) : undefined;
  const r = xobjects?.get(PDFName.of(name));
  return r instanceof PDFRef ? r : undefined;
}

/** The sub-dictionary `key` of a resources dict, created when missing. */
export function resourceDict(context: PDFContext, resources: PDFDict, key: string): PDFDict {
  const existing = lookupDict(context, resources.get(PDFName.of(key)));
  if (existing) return existing;
  const d = context.obj({});
  resources.set(PDFName.of(key), d);
  return d;
}
