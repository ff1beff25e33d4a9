/**
 * Bytes of a text file → a string. Reporters' files come as UTF-8 (with or
 * without BOM), UTF-16 with a BOM, or GB18030/GBK from older Windows tools.
 * Strict UTF-8 first; if it is not valid UTF-8, GB18030 (a superset of GBK
 * and GB2312). Files that are not text at all are refused with a reason.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

/** Share of control bytes (other than tab, line ends, form feed, ESC) above which a file is binary. */
export const MAX_CONTROL_RATIO = 0.01;
/** Share of undecodable characters above which GB18030 is not believed. */
const MAX_REPLACEMENT_RATIO = 0.001;

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Names a well-known non-text file type from its first bytes, or null. */
export function sniffBinaryType(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF file (copy its text out, or save it as .txt)';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a zip archive (a Word .docx file? give it the .docx extension)';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an old Word .doc file (save it as .docx in Word or WPS)';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'an RTF file (save it as .docx or .txt)';
  return null;
}

/** Bytes the control-character ratio is measured over: binary data shows itself early. */
const CONTROL_SAMPLE_BYTES = 1024 * 1024;

/** Counts bytes that do not occur in text (C0 controls other than \t \n \v \f \r ESC) in a sample. */
function controlBytes(bytes: Uint8Array): { control: number; sampled: number } {
  let control = 0;
  const sampled = Math.min(bytes.length, CONTROL_SAMPLE_BYTES);
  for (let i = 0; i < sampled; i++) {
    const b = bytes[i]!;
    if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0b || b === 0x0c || b === 0x0d || b === 0x1b) continue;
    control++;
  }
  return { control, sampled };
}

function countByte(bytes: Uint8Array, value: number): number {
  let n = 0;
  for (let i = bytes.indexOf(value); i !== -1; i = bytes.indexOf(value, i + 1)) n++;
  return n;
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Result<DecodedText> {
  const body = bytes.subarray(2);
  if (body.length % 2 !== 0) return fail('BAD_ENCODING', 'the UTF-16 text is cut off (odd number of bytes)');
  const text = new TextDecoder(encoding, { fatal: false }).decode(body);
  return ok({ text, encoding });
}

/**
 * Decodes a text file's bytes. Fails with `EMPTY`, `BINARY` or
 * `BAD_ENCODING` and a one-line reason; never throws.
 */
export function decodeText(bytes: Uint8Array): Result<DecodedText> {
  if (bytes.length === 0) return fail('EMPTY', 'the file is empty');
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return fail('BAD_ENCODING', 'UTF-32 text is not supported; save it as UTF-8');
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes, 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes, 'utf-16be');
  const kind = sniffBinaryType(bytes);
  if (kind) return fail('BINARY', `not a text file: it is ${kind}`);
  const nul = bytes.indexOf(0) === -1 ? 0 : countByte(bytes, 0);
  if (nul > 0) return fail('BINARY', `not a text file: it holds ${nul} NUL byte${nul === 1 ? '' : 's'} (binary data, or UTF-16 without a BOM)`);
  const { control, sampled } = controlBytes(bytes);
  if (control / sampled > MAX_CONTROL_RATIO) {
    return fail('BINARY', `not a text file: ${((control / sampled) * 100).toFixed(1)}% of its bytes are control characters`);
  }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Strict UTF-8 first (isUtf8 validates natively, far faster than a fatal TextDecoder on big files).
  if (isUtf8(buffer)) {
    const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
    return ok({ text: buffer.toString('utf8', hasBom ? 3 : 0), encoding: hasBom ? 'utf-8-bom' : 'utf-8' });
  }
  // Not valid UTF-8: the other encoding Chinese text files come in.
  const text = iconv.decode(buffer, 'gb18030');
  let bad = 0;
  for (let i = text.indexOf('\ufffd'); i !== -1; i = text.indexOf('\ufffd', i + 1)) bad++;
  if (bad > 0 && bad / text.length > MAX_REPLACEMENT_RATIO) {
    return fail('BAD_ENCODING', `neither UTF-8 nor GB18030 text (${bad} undecodable characters); save it as UTF-8`);
  }
  return ok({ text, encoding: 'gb18030' });
}
