/**
 * A Word `.docx` file → HTML (through mammoth) and the bytes of its inline
 * pictures. The HTML refers to each picture as `intake-image:N`; the shared
 * recogniser reads the HTML like pasted copy.
 */
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

export interface DocxImage {
  /** The `src` the HTML uses for it: `intake-image:N`. */
  src: string;
  contentType: string;
  bytes: Uint8Array;
}

export interface DocxContent {
  html: string;
  images: DocxImage[];
  /** mammoth's warnings (unknown styles and the like), one line each. */
  warnings: string[];
}

/** Word styles Chinese newsrooms use for heads, beyond mammoth's Heading 1–6. */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='标题'] => h1:fresh",
  "p[style-name='Subtitle'] => h2:fresh",
  "p[style-name='副标题'] => h2:fresh",
];

/** Reads a .docx; a damaged or truncated file fails with `DOCX_DAMAGED`. Never throws. */
export async function readDocx(bytes: Uint8Array): Promise<Result<DocxContent>> {
  if (bytes.length === 0) return fail('EMPTY', 'the file is empty');
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf) return fail('DOCX_DAMAGED', 'an old Word .doc file, not .docx: save it as .docx in Word or WPS');
    return fail('DOCX_DAMAGED', 'not a Word .docx file (it is not a zip archive)');
  }
  const images: DocxImage[] = [];
  try {
    // Loaded on first use: text imports never pay for it.
    const { default: mammoth } = await import('mammoth');
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        convertImage: mammoth.images.imgElement(async (image) => {
          const data = await image.readAsBuffer();
          const src = `intake-image:${images.length + 1}`;
          images.push({ src, contentType: image.contentType, bytes: new Uint8Array(data) });
          return { src };
        }),
      },
    );
    const warnings = result.messages.map((m) => m.message);
    return ok({ html: result.value, images, warnings });
  } catch (e) {
    const reason = (e as Error).message.split('\n')[0] ?? '';
    return fail('DOCX_DAMAGED', `not a readable Word .docx file: the file is damaged or truncated (${reason})`);
  }
}
