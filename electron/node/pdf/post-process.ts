/**
 * Chromium's PDF → print-ready PDF.
 *
 * Variants:
 * - `x4`: PDF/X-4. Swatches and greys become exact DeviceCMYK, other vector
 *   colours and images stay RGB tagged with the sRGB profile (the RIP
 *   separates them through the output intent).
 * - `x4-cmyk`: PDF/X-4 with every colour, images included, in DeviceCMYK,
 *   separated through the output profile here.
 * - `proof`: the screen PDF: Chromium's colours, trim box, no output intent.
 *
 * All variants: TrimBox is the paper exactly, BleedBox trim + bleed, and with
 * marks a MediaBox large enough for crop and registration marks and the
 * slug line. Black (K100) text and rules overprint.
 */
import type { PDFObject, PDFPage } from 'pdf-lib';
import { PDFArray, PDFDict, PDFName, PDFRawStream, PDFRef, PDFStream } from 'pdf-lib';
import type { PDFDocument } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { Rgb8 } from '../../../shared/color/cmyk';
import { buildSwatchIndex, DEFAULT_SWATCH_BOOK } from '../../../shared/color/swatches';
import { mmToPt } from '../../../shared/page/units';
import { DEFAULT_JPEG_QUALITY } from './cmyk-encode';
import { ColourConverter } from './colour-convert';
import { allDicts, collectObjectColours, convertObjectColours } from './colour-objects';
import { latin1ToBytes } from './content-tokens';
import type { ImageJob, ImageReport } from './images';
import type { PostProcessOptions, PostProcessReport, PostProcessResult } from './post-process-options';
import { processImage } from './images';
import type { Matrix } from './matrix';
import { IDENTITY, multiply } from './matrix';
import { DEFAULT_OUTPUT_CONDITION, loadOutputProfile, shippedProfilePath } from './output-profile';
import { boxArray, printGeometry } from './page-geometry';
import { identify } from './pdfx-metadata';
import type { PipelineHooks } from './pdf-pipeline';
import { loadPdf, savePdf } from './pdf-pipeline';
import { flateStream, getName, lookupDict, namedSpaceKind, resourceDict, streamText, xobjectKind, xobjectRef } from './pdf-objects';
import { markContent, REGISTRATION_SPACE } from './printer-marks';
import type { RewriteContext } from './rewrite-content';
import { rewriteContent, SRGB_SPACE } from './rewrite-content';
import { slugContent } from './slug';

export { PDF_VARIANTS } from './post-process-options';
export type { PdfVariant, PostProcessOptions, PostProcessReport, PostProcessResult } from './post-process-options';

interface StreamJob {
  /** The stream object (forms, patterns) or null for a page's content. */
  ref: PDFRef | null;
  page: PDFPage | null;
  resources: PDFDict | undefined;
  text: string;
}

function pageContentText(page: PDFPage): string {
  const ctx = page.doc.context;
  const contents = ctx.lookup(page.node.get(PDFName.of('Contents')));
  const streams = contents instanceof PDFStream ? [contents] : contents && 'asArray' in contents ? (contents as unknown as { asArray(): unknown[] }).asArray() : [];
  return streams
    .map((s) => ctx.lookup(s as PDFRef))
    .filter((s): s is PDFStream => s instanceof PDFStream)
    .map(streamText)
    .join('\n');
}

function flate(context: PDFDocument['context'], text: string, dict: Record<string, unknown> = {}): PDFRawStream {
  const d = context.obj(dict as never) as unknown as PDFDict;
  d.set(PDFName.of('Filter'), PDFName.of('FlateDecode'));
  return PDFRawStream.of(d, new Uint8Array(deflateSync(latin1ToBytes(text))));
}

let srgbProfile: Promise<Uint8Array> | undefined;

/** libvips' sRGB profile, obtained once per process. */
function srgbProfileBytes(): Promise<Uint8Array> {
  srgbProfile ??= (async () => {
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: '#fff' } }).withIccProfile('srgb').png().toBuffer();
    const icc = (await sharp(png).metadata()).icc;
    if (!icc) throw new Error('could not obtain the sRGB profile from libvips');
    return new Uint8Array(icc);
  })();
  srgbProfile.catch(() => (srgbProfile = undefined));
  return srgbProfile;
}

/**
 * Deletes objects nothing refers to any more (replaced content streams,
 * Chromium's sRGB profile after its images went CMYK): a checker walking
 * every object must not find colour the page no longer uses.
 */
function dropUnreachable(doc: PDFDocument): void {
  const { context } = doc;
  const reached = new Set<string>();
  const visit = (o: PDFObject | undefined): void => {
    if (!o) return;
    if (o instanceof PDFRef) {
      const key = o.toString();
      if (reached.has(key)) return;
      reached.add(key);
      visit(context.lookup(o));
    } else if (o instanceof PDFStream) visit(o.dict);
    else if (o instanceof PDFDict) for (const [, v] of o.entries()) visit(v);
    else if (o instanceof PDFArray) for (const v of o.asArray()) visit(v);
  };
  visit(context.trailerInfo.Root);
  visit(context.trailerInfo.Info);
  for (const [ref] of context.enumerateIndirectObjects()) if (!reached.has(ref.toString())) context.delete(ref);
}

/**
 * Load, {@link postProcessDocument}, save as PDF 1.6: Chromium's PDF (or a
 * finished one) to the print-ready variant in one call.
 */
export async function postProcess(chromiumPdf: Uint8Array, options: PostProcessOptions): Promise<PostProcessResult> {
  const t0 = performance.now();
  const hooks: PipelineHooks = { signal: options.signal };
  const doc = await loadPdf(chromiumPdf, hooks);
  const loadMs = performance.now() - t0;
  const report = await postProcessDocument(doc, options);
  const t1 = performance.now();
  const pdf = await savePrintPdf(doc, hooks);
  report.timings = { load: round(loadMs), ...report.timings, save: round(performance.now() - t1) };
  report.timings['total'] = round(performance.now() - t0);
  return { pdf, report };
}

/** Saves a post-processed document: PDF/X-4 is PDF 1.6. */
export function savePrintPdf(doc: PDFDocument, hooks: PipelineHooks = {}): Promise<Uint8Array> {
  return savePdf(doc, { version: '1.6' }, hooks);
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/**
 * The print-ready stages over a loaded document, in place: colours, content,
 * images, page geometry (every page box, marks, slug), identification. Each
 * stage's milliseconds go to the report's timings and to `hooks.onStage`.
 */
export async function postProcessDocument(doc: PDFDocument, options: PostProcessOptions, hooks: Pick<PipelineHooks, 'onStage'> = {}): Promise<PostProcessReport> {
  const timings: Record<string, number> = {};
  const lap = (name: string, since: number) => {
    const ms = performance.now() - since;
    timings[name] = round(ms);
    hooks.onStage?.(name, ms);
    // Every phase boundary is a safe point to stop a cancelled export.
    options.signal?.throwIfAborted();
    return performance.now();
  };
  const variant = options.variant;
  const print = variant !== 'proof';
  const bleedMm = options.bleedMm ?? (print ? 3 : 0);
  const sourceBleedMm = options.sourceBleedMm ?? 0;
  const marks = options.marks ?? print;
  const now = options.now ?? new Date();
  const warnings: string[] = [];

  const { context } = doc;
  const pages = doc.getPages();
  let t = performance.now();

  let srgbRef: PDFRef | undefined;
  const srgbBytes = variant === 'x4' ? await srgbProfileBytes() : undefined;
  const srgbSpace = (): PDFRef => {
    if (!srgbRef) {
      const stream = flateStream(context, srgbBytes!, { N: 3 });
      srgbRef = context.register(context.obj([PDFName.of('ICCBased'), context.register(stream)]));
    }
    return srgbRef;
  };

  const images: ImageReport[] = [];
  let colourOps = 0;
  let profile: Uint8Array | undefined;

  if (print) {
    const profilePath = options.profilePath ?? shippedProfilePath();
    profile = loadOutputProfile(profilePath).bytes;
    const converter = new ColourConverter(buildSwatchIndex(options.swatches ?? DEFAULT_SWATCH_BOOK), profilePath);

    // Every content stream: page contents, form XObjects, tiling patterns.
    const jobs: StreamJob[] = pages.map((page) => ({ ref: null, page, resources: lookupDict(context, page.node.get(PDFName.of('Resources'))), text: pageContentText(page) }));
    const firstResources = jobs[0]?.resources;
    for (const [ref, obj] of context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFStream)) continue;
      const isForm = getName(obj.dict, 'Subtype') === 'Form';
      const pt = context.lookup(obj.dict.get(PDFName.of('PatternType')));
      const isTiling = pt !== undefined && pt.toString() === '1';
      if (!isForm && !isTiling) continue;
      jobs.push({ ref, page: null, resources: lookupDict(context, obj.dict.get(PDFName.of('Resources'))) ?? firstResources, text: streamText(obj) });
    }
    const ctxFor = (resources: PDFDict | undefined, extra: Partial<RewriteContext>): RewriteContext => ({
      variant,
      spaceKind: (name) => namedSpaceKind(context, resources, name),
      xobjectKind: (name) => xobjectKind(context, resources, name),
      thinPt: options.thinRulePt ?? 2,
      ...extra,
    });

    // Pass 1: gather the colours that need the profile, convert them in one batch.
    const colours: Rgb8[] = [];
    const collect = (c: Rgb8) => colours.push(c);
    for (const job of jobs) rewriteContent(job.text, ctxFor(job.resources, { collect }), IDENTITY, false);
    const dicts = allDicts(context);
    collectObjectColours(context, dicts, collect);
    await converter.prepare(colours);
    t = lap('colours', t);

    // Pass 2: rewrite. Image placements are followed through forms.
    const placements = new Map<string, ImageJob>();
    const formCtm = new Map<string, Matrix>();
    const place = (resources: PDFDict | undefined, ctm: Matrix) => ({
      onImage: (name: string, w: number, h: number) => {
        const ref = xobjectRef(context, resources, name);
        if (!ref) return;
        const key = ref.toString();
        const prev = placements.get(key);
        // The largest placement decides the resolution the image needs.
        if (!prev || w * h > prev.widthPt * prev.heightPt) placements.set(key, { ref, widthPt: w, heightPt: h });
      },
      onForm: (name: string, at: Matrix) => {
        const ref = xobjectRef(context, resources, name);
        const form = ref ? context.lookup(ref) : undefined;
        if (!ref || !(form instanceof PDFStream)) return;
        const m = context.lookup(form.dict.get(PDFName.of('Matrix')));
        const fm = m && 'asArray' in m ? ((m as unknown as { asArray(): { asNumber(): number }[] }).asArray().map((x) => x.asNumber()) as unknown as Matrix) : IDENTITY;
        if (!formCtm.has(ref.toString())) formCtm.set(ref.toString(), multiply(fm, at));
      },
      ctm,
    });
    const addResources = (resources: PDFDict | undefined, usedGs: Set<string>, usesSrgb: boolean) => {
      if (!resources || (usedGs.size === 0 && !usesSrgb)) return;
      const gs = resourceDict(context, resources, 'ExtGState');
      for (const name of usedGs) {
        const [s, f] = [name.at(-2) === '1', name.at(-1) === '1'];
        gs.set(PDFName.of(name), context.obj({ Type: 'ExtGState', OP: s, op: f, OPM: 1 }));
      }
      if (usesSrgb) resourceDict(context, resources, 'ColorSpace').set(PDFName.of(SRGB_SPACE), srgbSpace());
    };
    for (const job of jobs.filter((j) => j.page)) {
      const p = place(job.resources, IDENTITY);
      const r = rewriteContent(job.text, ctxFor(job.resources, { converter, onImage: p.onImage, onForm: p.onForm }), IDENTITY, true);
      colourOps += r.changed;
      job.text = r.content;
      addResources(job.resources, r.usedGs, r.usesSrgb);
    }
    // Forms after pages, so their placement is known; nested forms are found as they go.
    const formJobs = jobs.filter((j) => !j.page);
    for (let i = 0; i < formJobs.length; i++) {
      const job = formJobs[i]!;
      const ctm = formCtm.get(job.ref!.toString()) ?? IDENTITY;
      const p = place(job.resources, ctm);
      const r = rewriteContent(job.text, ctxFor(job.resources, { converter, onImage: p.onImage, onForm: p.onForm }), ctm, false);
      colourOps += r.changed;
      addResources(job.resources, r.usedGs, r.usesSrgb);
      const old = context.lookup(job.ref!) as PDFStream;
      const dict = old.dict.clone(context);
      for (const k of ['Filter', 'DecodeParms', 'Length']) dict.delete(PDFName.of(k));
      const stream = flate(context, r.content);
      for (const [k, v] of dict.entries()) stream.dict.set(k, v);
      context.assign(job.ref!, stream);
    }
    t = lap('content', t);

    // Images: every image XObject that is not itself a mask.
    const masks = new Set<string>();
    for (const [, obj] of context.enumerateIndirectObjects()) {
      if (obj instanceof PDFStream) for (const key of ['SMask', 'Mask']) {
        const m = obj.dict.get(PDFName.of(key));
        if (m instanceof PDFRef) masks.add(m.toString());
      }
    }
    const imageJobs: ImageJob[] = [];
    for (const [ref, obj] of context.enumerateIndirectObjects()) {
      if (!(obj instanceof PDFStream) || getName(obj.dict, 'Subtype') !== 'Image' || masks.has(ref.toString())) continue;
      // An image placed nowhere keeps its resolution (infinite size → no downsampling).
      imageJobs.push(placements.get(ref.toString()) ?? { ref, widthPt: Infinity, heightPt: Infinity });
    }
    // Images convert side by side (sharp works off the main thread); reports stay in document order.
    const reports = await Promise.all(
      imageJobs.map((job) => {
        options.signal?.throwIfAborted();
        return processImage(context, job, { variant, profilePath, maxPpi: options.maxPpi ?? 300, jpegQuality: options.jpegQuality ?? DEFAULT_JPEG_QUALITY, srgbSpace });
      }),
    );
    for (const report of reports) {
      if (report.action === 'unsupported') warnings.push(`image ${report.ref}: ${report.note ?? 'unsupported'}, left as it was`);
      images.push(report);
    }
    t = lap('images', t);
    warnings.push(...convertObjectColours(context, dicts, { variant, converter, srgbSpace }));

    for (const job of jobs.filter((j) => j.page)) job.page!.node.set(PDFName.of('Contents'), context.register(flate(context, job.text)));
  }

  // Geometry, marks, slug.
  const geom = printGeometry(options.paper, bleedMm, marks);
  const allSpace = context.register(
    context.obj([
      PDFName.of('Separation'),
      PDFName.of('All'),
      PDFName.of('DeviceCMYK'),
      context.obj({ FunctionType: 2, Domain: [0, 1], C0: [0, 0, 0, 0], C1: [1, 1, 1, 1], N: 1 }),
    ]),
  );
  pages.forEach((page, i) => {
    const media = page.getMediaBox();
    const sb = mmToPt(sourceBleedMm);
    const tx = geom.trim.x - sb - media.x;
    const ty = geom.trim.y + geom.trim.height + sb - (media.y + media.height);
    const b = geom.bleed;
    // Rounded to 1/10000 pt: a float's hair of difference (1e-13) would print in exponent notation, which is not PDF.
    const f = (v: number) => String(Math.round(v * 10000) / 10000);
    const pre = `q ${f(b.x)} ${f(b.y)} ${f(b.width)} ${f(b.height)} re W n 1 0 0 1 ${f(tx)} ${f(ty)} cm\n`;
    let post = '\nQ\n';
    const resources = lookupDict(context, page.node.get(PDFName.of('Resources'))) ?? context.obj({});
    page.node.set(PDFName.of('Resources'), resources);
    if (marks) {
      resourceDict(context, resources, 'ColorSpace').set(PDFName.of(REGISTRATION_SPACE), allSpace);
      post += markContent(geom) + '\n';
      if (options.slug) post += slugContent(doc, resources, geom, { ...options.slug, pageIndex: i, variant, now }) + '\n';
    }
    const contents = context.lookup(page.node.get(PDFName.of('Contents')));
    const refs = contents instanceof PDFStream ? [page.node.get(PDFName.of('Contents'))] : contents && 'asArray' in contents ? (contents as unknown as { asArray(): unknown[] }).asArray() : [];
    page.node.set(
      PDFName.of('Contents'),
      context.obj([context.register(flate(context, pre)), ...(refs as PDFRef[]), context.register(flate(context, post))]),
    );
    page.node.set(PDFName.of('MediaBox'), context.obj(boxArray(geom.media)));
    page.node.delete(PDFName.of('CropBox'));
    page.node.set(PDFName.of('BleedBox'), context.obj(boxArray(geom.bleed)));
    page.node.set(PDFName.of('TrimBox'), context.obj(boxArray(geom.trim)));
    // Every box of the print file is set here, once (the screen PDF's are set by finish.ts).
    page.node.set(PDFName.of('ArtBox'), context.obj(boxArray(geom.trim)));
    // Links and other annotations have no place in a print file (PDF/X forbids them inside the trim).
    if (print) page.node.delete(PDFName.of('Annots'));
  });
  if (print) {
    for (const key of ['OpenAction', 'AA', 'Names', 'AcroForm']) doc.catalog.delete(PDFName.of(key));
  }
  t = lap('geometry', t);

  identify(doc, {
    title: options.title ?? 'Banmian page',
    pdfx: print ? 'PDF/X-4' : null,
    profile,
    outputCondition: options.outputCondition ?? DEFAULT_OUTPUT_CONDITION,
    now,
    creatorTool: 'Banmian',
    producer: `Banmian print pipeline (pdf-lib); ${variant}`,
  });
  dropUnreachable(doc);
  lap('identify', t);
  return { variant, pages: pages.length, images, colourOps, warnings, timings };
}
