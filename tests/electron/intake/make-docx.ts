/**
 * Builds a minimal but genuine .docx in memory (yazl zip, WordprocessingML,
 * a PNG made with sharp), as a reporter's Word file would hold a story.
 */
import sharp from 'sharp';
import yazl from 'yazl';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WP = 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const PIC = 'http://schemas.openxmlformats.org/drawingml/2006/picture';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export type DocxPara =
  | { heading: string }
  | { text: string; bold?: string }
  | { image: true; alt?: string };

function paragraph(p: DocxPara): string {
  if ('heading' in p) return `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>${esc(p.heading)}</w:t></w:r></w:p>`;
  if ('image' in p) {
    return (
      `<w:p><w:r><w:drawing><wp:inline><wp:extent cx="1905000" cy="1270000"/>` +
      `<wp:docPr id="1" name="Picture 1" descr="${esc(p.alt ?? '')}"/>` +
      `<a:graphic><a:graphicData uri="${PIC}"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="image1.png"/><pic:cNvPicPr/></pic:nvPicPr>` +
      `<pic:blipFill><a:blip r:embed="rIdImage1"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>` +
      `</wp:inline></w:drawing></w:r></w:p>`
    );
  }
  const bold = p.bold ? `<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">${esc(p.bold)}</w:t></w:r>` : '';
  return `<w:p>${bold}<w:r><w:t xml:space="preserve">${esc(p.text)}</w:t></w:r></w:p>`;
}

/** A PNG of the given size (a plain colour field). */
export async function makePng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 60, b: 40 } } }).png().toBuffer();
}

export async function makeDocx(paras: DocxPara[], png: Buffer): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name);
  add(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
      `<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>` +
      `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
      `<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
  );
  add(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/></Relationships>`,
  );
  add(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rIdStyles" Type="${R}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rIdImage1" Type="${R}/image" Target="media/image1.png"/></Relationships>`,
  );
  add(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="${W}">` +
      `<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style></w:styles>`,
  );
  add(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
      `<w:document xmlns:w="${W}" xmlns:r="${R}" xmlns:wp="${WP}" xmlns:a="${A}" xmlns:pic="${PIC}"><w:body>` +
      paras.map(paragraph).join('') +
      `</w:body></w:document>`,
  );
  zip.addBuffer(png, 'word/media/image1.png');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The story the docx tests import. */
export const DOCX_STORY: DocxPara[] = [
  { heading: '萧山9人上榜“浙江工匠”培养名单' },
  { text: '记者 童宇倩 通讯员 韩超' },
  { text: '近日,2022年“浙江工匠”培养项目人员名单出炉,全省600位技能型人才上榜,萧山9人入选。', bold: '本报讯 ' },
  { text: '孙叶江,杭州跨湖楼餐饮有限公司行政总厨,投身餐饮行业三十余载。' },
  { image: true, alt: '孙叶江在厨房' },
  { text: '孙叶江在研发新菜。 记者 丁力摄' },
  { text: '截至目前,萧山共培养选树“浙江工匠”29名。' },
];
