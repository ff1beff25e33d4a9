/**
 * The slug line: one line outside the bleed, bottom left, in the
 * registration colour, naming edition, date, page, section, export time and
 * variant, so every plate says what it is. Set in Noto Sans SC (shipped with
 * the app) embedded as TrueType CID subsets — a PDF/X file may not rely on
 * an unembedded font.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { PDFDict, PDFDocument } from 'pdf-lib';
import { PDFName, PDFString } from 'pdf-lib';
import { createHash } from 'node:crypto';
import { fmt } from './content-tokens';
import type { PrintGeometry } from './page-geometry';
import { flateStream } from './pdf-objects';
import { REGISTRATION_SPACE } from './printer-marks';
import type { Sfnt } from './truetype-subset';
import { advance, decodeWoff, glyphIds, subsetSfnt, unitsPerEm } from './truetype-subset';

export interface SlugInfo {
  paperName: string;
  editionName: string;
  /** ISO date of the issue. */
  date: string;
  pageNumber: number;
  section: string;
}

export interface SlugContext extends SlugInfo {
  pageIndex: number;
  variant: string;
  now: Date;
}

const SLUG_PT = 6;
const VARIANT_LABEL: Record<string, string> = { x4: 'PDF/X-4', 'x4-cmyk': 'PDF/X-4 CMYK', proof: '校样 proof' };

export function slugText(s: SlugContext): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const d = s.now;
  const exported = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  return [
    `${s.paperName} ${s.editionName}`,
    s.date,
    `第${s.pageNumber}版`,
    s.section,
    `导出 ${exported}`,
    VARIANT_LABEL[s.variant] ?? s.variant,
  ].join('  ·  ');
}

interface FontFile {
  file: string;
  ranges: [number, number][];
}

let fontIndex: { dir: string; files: FontFile[] } | undefined;

/** The @fontsource unicode-range subsets of Noto Sans SC 400, from its stylesheet. */
function fontFiles(): { dir: string; files: FontFile[] } {
  if (fontIndex) return fontIndex;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
  const css = readFileSync(join(dir, '400.css'), 'utf8');
  const files: FontFile[] = [];
  for (const m of css.matchAll(/url\(\.\/files\/([^)]+?\.woff)\) format\('woff'\);\s*unicode-range:\s*([^;]+);/g)) {
    const ranges = m[2]!.split(',').map((r): [number, number] => {
      const [a, b] = r.trim().slice(2).split('-');
      return [parseInt(a!, 16), parseInt(b ?? a!, 16)];
    });
    files.push({ file: m[1]!, ranges });
  }
  fontIndex = { dir, files };
  return fontIndex;
}

const loaded = new Map<string, Sfnt>();

function fontFor(cp: number): { name: string; font: Sfnt } | undefined {
  const { dir, files } = fontFiles();
  const f = files.find((x) => x.ranges.some(([a, b]) => cp >= a && cp <= b));
  if (!f) return undefined;
  let font = loaded.get(f.file);
  if (!font) {
    font = decodeWoff(readFileSync(join(dir, 'files', f.file)));
    loaded.set(f.file, font);
  }
  return { name: f.file, font };
}

/** Embeds one subset font as a Type0 / CIDFontType2 font; returns its reference. */
function embedSubset(doc: PDFDocument, font: Sfnt, used: Map<number, number>, tag: string) {
  const { context } = doc;
  const upm = unitsPerEm(font);
  const gids = [...new Set(used.values())].sort((a, b) => a - b);
  const program = subsetSfnt(font, gids);
  const fontFile = context.register(flateStream(context, program, { Length1: program.length }));
  const head = font.tables.get('head')!;
  const hhea = font.tables.get('hhea')!;
  const scale = (v: number) => Math.round((v * 1000) / upm);
  const baseFont = `${tag}+NotoSansSC-Regular`;
  const descriptor = context.register(
    context.obj({
      Type: 'FontDescriptor',
      FontName: baseFont,
      Flags: 4,
      FontBBox: [scale(head.readInt16BE(36)), scale(head.readInt16BE(38)), scale(head.readInt16BE(40)), scale(head.readInt16BE(42))],
      ItalicAngle: 0,
      Ascent: scale(hhea.readInt16BE(4)),
      Descent: scale(hhea.readInt16BE(6)),
      CapHeight: scale(hhea.readInt16BE(4)),
      StemV: 80,
      FontFile2: fontFile,
    }),
  );
  const widths: (number | number[])[] = [];
  for (const g of gids) widths.push(g, [scale(advance(font, g))]);
  const cidDict = context.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: baseFont,
    FontDescriptor: descriptor,
    CIDToGIDMap: 'Identity',
    W: widths,
  });
  const sys = context.obj({ Supplement: 0 });
  sys.set(PDFName.of('Registry'), PDFString.of('Adobe'));
  sys.set(PDFName.of('Ordering'), PDFString.of('Identity'));
  cidDict.set(PDFName.of('CIDSystemInfo'), sys);
  const cid = context.register(cidDict);
  const lines = [...used.entries()].map(([cp, g]) => `<${g.toString(16).padStart(4, '0')}> <${Buffer.from(String.fromCodePoint(cp), 'utf16le').swap16().toString('hex')}>`);
  const cmap = `/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def /CMapName /Adobe-Identity-UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange ${lines.length} beginbfchar ${lines.join(' ')} endbfchar endcmap CMapName currentdict /CMapName defineresource pop end end`;
  const toUnicode = context.register(flateStream(context, cmap));
  return context.register(
    context.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: baseFont, Encoding: 'Identity-H', DescendantFonts: [cid], ToUnicode: toUnicode }),
  );
}

/**
 * Content operators drawing the slug line below the bottom-left crop marks;
 * adds its fonts to `resources`.
 */
export function slugContent(doc: PDFDocument, resources: PDFDict, g: PrintGeometry, s: SlugContext): string {
  const text = slugText(s);
  // Runs of characters set in the same subset file.
  const runs: { font: string; chars: number[] }[] = [];
  const byFile = new Map<string, { font: Sfnt; used: Map<number, number> }>();
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const f = fontFor(cp) ?? fontFor(0x3f)!;
    const entry = byFile.get(f.name) ?? { font: f.font, used: new Map() };
    byFile.set(f.name, entry);
    const last = runs.at(-1);
    if (last && last.font === f.name) last.chars.push(cp);
    else runs.push({ font: f.name, chars: [cp] });
  }
  const names = new Map<string, string>();
  const fonts = resources.get(PDFName.of('Font')) ? (doc.context.lookup(resources.get(PDFName.of('Font'))) as PDFDict) : doc.context.obj({});
  resources.set(PDFName.of('Font'), fonts);
  let n = 0;
  for (const [file, entry] of byFile) {
    const gidMap = glyphIds(entry.font, [...new Set(runs.filter((r) => r.font === file).flatMap((r) => r.chars))]);
    gidMap.forEach((gid, cp) => entry.used.set(cp, gid));
    // Subset tag: six capitals derived from the glyphs in the subset (ISO 32000 §9.6.4).
    const digest = createHash('sha1').update(file).update([...entry.used.values()].join(',')).digest();
    const tag = String.fromCharCode(...[...digest.subarray(0, 6)].map((b) => 65 + (b % 26)));
    const name = `BmSlug${n++}`;
    fonts.set(PDFName.of(name), embedSubset(doc, entry.font, entry.used, tag));
    names.set(file, name);
  }
  const x = g.trim.x;
  const y = g.trim.y - g.markOffsetPt - g.markLengthPt - SLUG_PT * 1.5;
  const ops = ['q', `/${REGISTRATION_SPACE} cs 1 scn`, 'BT', `${fmt(x)} ${fmt(y)} Td`];
  for (const run of runs) {
    const entry = byFile.get(run.font)!;
    const hex = run.chars.map((cp) => entry.used.get(cp)!.toString(16).padStart(4, '0')).join('');
    ops.push(`/${names.get(run.font)} ${SLUG_PT} Tf <${hex}> Tj`);
  }
  ops.push('ET', 'Q');
  return ops.join('\n');
}
