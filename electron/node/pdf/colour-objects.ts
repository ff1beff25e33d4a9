/**
 * Colour outside content streams: shadings (gradients), transparency group
 * blending spaces and soft-mask backdrops. Content-stream colours are in
 * rewrite-content.ts, images in images.ts.
 */
import type { PDFContext, PDFObject, PDFRef } from 'pdf-lib';
import { PDFArray, PDFDict, PDFName, PDFNumber, PDFStream } from 'pdf-lib';
import type { Rgb8 } from '../../../shared/color/cmyk';
import type { ColourConverter } from './colour-convert';
import { rgbFromUnit } from './colour-convert';
import { getName, spaceKindOf } from './pdf-objects';

/** Every dictionary reachable from the indirect objects (stream dictionaries included), once each. */
export function allDicts(context: PDFContext): PDFDict[] {
  const seen = new Set<PDFObject>();
  const out: PDFDict[] = [];
  const visit = (o: PDFObject | undefined) => {
    if (!o || seen.has(o)) return;
    seen.add(o);
    if (o instanceof PDFStream) visit(o.dict);
    else if (o instanceof PDFDict) {
      out.push(o);
      for (const [, v] of o.entries()) visit(v);
    } else if (o instanceof PDFArray) for (const v of o.asArray()) visit(v);
  };
  for (const [, obj] of context.enumerateIndirectObjects()) visit(obj);
  return out;
}

function numbers(context: PDFContext, o: PDFObject | undefined): number[] | undefined {
  const a = context.lookup(o);
  if (!(a instanceof PDFArray)) return undefined;
  const v = a.asArray().map((x) => context.lookup(x));
  return v.every((x) => x instanceof PDFNumber) ? v.map((x) => (x as PDFNumber).asNumber()) : undefined;
}

function functionDict(context: PDFContext, o: PDFObject | undefined): PDFDict | undefined {
  const f = context.lookup(o);
  if (f instanceof PDFStream) return f.dict;
  return f instanceof PDFDict ? f : undefined;
}

/** RGB colours of a type 2/3 function; undefined when the function is of another type. */
function functionColours(context: PDFContext, o: PDFObject | undefined, into: Rgb8[]): boolean {
  const f = functionDict(context, o);
  if (!f) return false;
  const type = context.lookup(f.get(PDFName.of('FunctionType')));
  const t = type instanceof PDFNumber ? type.asNumber() : -1;
  if (t === 2) {
    const c0 = numbers(context, f.get(PDFName.of('C0'))) ?? [0, 0, 0];
    const c1 = numbers(context, f.get(PDFName.of('C1'))) ?? [1, 1, 1];
    if (c0.length !== 3 || c1.length !== 3) return false;
    into.push(rgbFromUnit(c0[0]!, c0[1]!, c0[2]!), rgbFromUnit(c1[0]!, c1[1]!, c1[2]!));
    return true;
  }
  if (t === 3) {
    const fns = context.lookup(f.get(PDFName.of('Functions')));
    return fns instanceof PDFArray && fns.asArray().every((x) => functionColours(context, x, into));
  }
  return false;
}

function convertFunction(context: PDFContext, o: PDFObject | undefined, conv: ColourConverter, done: Set<PDFDict>): void {
  const f = functionDict(context, o);
  // A function shared by two shadings is converted once.
  if (!f || done.has(f)) return;
  done.add(f);
  if (f.has(PDFName.of('Range'))) f.set(PDFName.of('Range'), context.obj([0, 1, 0, 1, 0, 1, 0, 1]));
  const type = context.lookup(f.get(PDFName.of('FunctionType')));
  const t = type instanceof PDFNumber ? type.asNumber() : -1;
  if (t === 2) {
    for (const [key, dflt] of [
      ['C0', [0, 0, 0]],
      ['C1', [1, 1, 1]],
    ] as const) {
      const c = numbers(context, f.get(PDFName.of(key))) ?? [...dflt];
      const cmyk = conv.cmykFor(rgbFromUnit(c[0]!, c[1]!, c[2]!));
      f.set(PDFName.of(key), context.obj([cmyk.c / 100, cmyk.m / 100, cmyk.y / 100, cmyk.k / 100]));
    }
  } else if (t === 3) {
    const fns = context.lookup(f.get(PDFName.of('Functions')));
    if (fns instanceof PDFArray) for (const x of fns.asArray()) convertFunction(context, x, conv, done);
  }
}

function isShading(d: PDFDict): boolean {
  return d.has(PDFName.of('ShadingType'));
}

/** Collect pass: RGB colours of shadings and soft-mask backdrops. */
export function collectObjectColours(context: PDFContext, dicts: PDFDict[], collect: (c: Rgb8) => void): void {
  for (const d of dicts) {
    if (isShading(d) && spaceKindOf(context, d.get(PDFName.of('ColorSpace'))) === 'rgb') {
      const cs: Rgb8[] = [];
      functionColours(context, d.get(PDFName.of('Function')), cs);
      cs.forEach(collect);
    }
    if (getName(d, 'S') === 'Luminosity') {
      const bc = numbers(context, d.get(PDFName.of('BC')));
      if (bc?.length === 3) collect(rgbFromUnit(bc[0]!, bc[1]!, bc[2]!));
    }
  }
}

export interface ObjectColourOptions {
  variant: 'x4' | 'x4-cmyk';
  converter: ColourConverter;
  srgbSpace: () => PDFRef;
}

/**
 * Converts shadings and group spaces. Returns one warning per object that
 * could not be converted (it keeps its RGB; preflight then reports it).
 */
export function convertObjectColours(context: PDFContext, dicts: PDFDict[], o: ObjectColourOptions): string[] {
  const warnings: string[] = [];
  const cmykSpace = PDFName.of('DeviceCMYK');
  const done = new Set<PDFDict>();
  for (const d of dicts) {
    const group = getName(d, 'S') === 'Transparency';
    if (group && spaceKindOf(context, d.get(PDFName.of('CS'))) === 'rgb') d.set(PDFName.of('CS'), cmykSpace);
    if (getName(d, 'S') === 'Luminosity') {
      const bc = numbers(context, d.get(PDFName.of('BC')));
      if (bc?.length === 3) {
        const c = o.converter.cmykFor(rgbFromUnit(bc[0]!, bc[1]!, bc[2]!));
        d.set(PDFName.of('BC'), context.obj([c.c / 100, c.m / 100, c.y / 100, c.k / 100]));
      }
    }
    if (!isShading(d)) continue;
    const cs = d.get(PDFName.of('ColorSpace'));
    if (spaceKindOf(context, cs) !== 'rgb') continue;
    if (o.variant === 'x4') {
      if (cs instanceof PDFName) d.set(PDFName.of('ColorSpace'), o.srgbSpace());
      continue;
    }
    const probe: Rgb8[] = [];
    if (!functionColours(context, d.get(PDFName.of('Function')), probe) || d.has(PDFName.of('Background'))) {
      warnings.push(`a gradient (shading type ${context.lookup(d.get(PDFName.of('ShadingType')))?.toString()}) could not be converted to CMYK`);
      continue;
    }
    convertFunction(context, d.get(PDFName.of('Function')), o.converter, done);
    d.set(PDFName.of('ColorSpace'), cmykSpace);
  }
  return warnings;
}
