/**
 * PDF/X-4 identification (ISO 15930-7): the output intent with the embedded
 * profile, XMP metadata with `pdfxid:GTS_PDFXVersion`, a document info
 * dictionary that agrees with the XMP, `/Trapped /False`, and a file `/ID`.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { PDFDocument } from 'pdf-lib';
import { PDFHexString, PDFName, PDFString } from 'pdf-lib';
import type { OutputCondition } from './output-profile';
import { flateStream } from './pdf-objects';

export interface IdentifyOptions {
  title: string;
  /** `PDF/X-4`, or null for a plain (proof) PDF. */
  pdfx: 'PDF/X-4' | null;
  profile?: Uint8Array;
  outputCondition?: OutputCondition;
  now: Date;
  creatorTool: string;
  producer: string;
}

/** `D:YYYYMMDDHHmmSS+hh'mm'` in local time. */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `D:${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}${sign}${p(Math.trunc(off / 60))}'${p(off % 60)}'`;
}

/** ISO 8601 with offset, for XMP. */
export function xmpDate(d: Date): string {
  const p = (n: number) => String(Math.abs(n)).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}${sign}${p(Math.trunc(off / 60))}:${p(off % 60)}`;
}

function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A text string for the info dictionary: PDFDocEncoding when ASCII, else UTF-16BE with BOM. */
function textString(s: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(s) ? PDFString.of(s.replace(/[\\()]/g, (c) => `\\${c}`)) : PDFHexString.fromText(s);
}

export function buildXmp(o: IdentifyOptions, documentId: string, instanceId: string): string {
  const created = xmpDate(o.now);
  const pdfx = o.pdfx
    ? `\n   <rdf:Description rdf:about="" xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">\n    <pdfxid:GTS_PDFXVersion>${o.pdfx}</pdfxid:GTS_PDFXVersion>\n   </rdf:Description>`
    : '';
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
   <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:format>application/pdf</dc:format>
    <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(o.title)}</rdf:li></rdf:Alt></dc:title>
   </rdf:Description>
   <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
    <xmp:CreateDate>${created}</xmp:CreateDate>
    <xmp:ModifyDate>${created}</xmp:ModifyDate>
    <xmp:MetadataDate>${created}</xmp:MetadataDate>
    <xmp:CreatorTool>${xmlEscape(o.creatorTool)}</xmp:CreatorTool>
   </rdf:Description>
   <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
    <pdf:Producer>${xmlEscape(o.producer)}</pdf:Producer>
    <pdf:Trapped>False</pdf:Trapped>
   </rdf:Description>
   <rdf:Description rdf:about="" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
    <xmpMM:DocumentID>uuid:${documentId}</xmpMM:DocumentID>
    <xmpMM:InstanceID>uuid:${instanceId}</xmpMM:InstanceID>
    <xmpMM:VersionID>1</xmpMM:VersionID>
    <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   </rdf:Description>${pdfx}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Writes info dictionary, XMP, output intent and file ID into the document. */
export function identify(doc: PDFDocument, o: IdentifyOptions): void {
  const { context, catalog } = doc;
  const documentId = randomUUID();
  const instanceId = randomUUID();

  const info = context.obj({});
  info.set(PDFName.of('Title'), textString(o.title));
  info.set(PDFName.of('Creator'), textString(o.creatorTool));
  info.set(PDFName.of('Producer'), textString(o.producer));
  info.set(PDFName.of('CreationDate'), PDFString.of(pdfDate(o.now)));
  info.set(PDFName.of('ModDate'), PDFString.of(pdfDate(o.now)));
  info.set(PDFName.of('Trapped'), PDFName.of('False'));
  if (o.pdfx) info.set(PDFName.of('GTS_PDFXVersion'), PDFString.of(o.pdfx));
  context.trailerInfo.Info = context.register(info);

  const xmp = Buffer.from(buildXmp(o, documentId, instanceId), 'utf8');
  const meta = context.stream(new Uint8Array(xmp), { Type: 'Metadata', Subtype: 'XML' });
  catalog.set(PDFName.of('Metadata'), context.register(meta));

  if (o.pdfx) {
    if (!o.profile || !o.outputCondition) throw new RangeError('a PDF/X file needs an output profile and condition');
    const profile = flateStream(context, o.profile, { N: 4 });
    const intent = context.obj({ Type: 'OutputIntent', S: 'GTS_PDFX' });
    intent.set(PDFName.of('OutputConditionIdentifier'), PDFString.of(o.outputCondition.identifier));
    intent.set(PDFName.of('OutputCondition'), textString(o.outputCondition.condition));
    intent.set(PDFName.of('Info'), textString(o.outputCondition.condition));
    intent.set(PDFName.of('RegistryName'), PDFString.of(o.outputCondition.registry));
    intent.set(PDFName.of('DestOutputProfile'), context.register(profile));
    catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
  }

  const id = createHash('md5').update(documentId).update(o.title).digest('hex');
  const idHex = PDFHexString.of(id);
  context.trailerInfo.ID = context.obj([idHex, idHex]);
}
