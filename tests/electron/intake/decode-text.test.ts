import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../electron/node/intake/decode-text';
import { intakeText } from '../../../shared/intake/intake';
import { seedText } from '../../shared/intake/seed-text';

const seed = seedText();
const crlf = seed.replace(/\n/g, '\r\n');
const decode = (bytes: Uint8Array) => {
  const r = decodeText(bytes);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('decodeText', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(decode(Buffer.from(seed, 'utf8'))).toEqual({ text: seed, encoding: 'utf-8' });
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed, 'utf8')]))).toEqual({ text: seed, encoding: 'utf-8-bom' });
  });

  it('reads GB18030 (and so GBK) when the bytes are not UTF-8', () => {
    const bytes = iconv.encode(seed, 'gb18030');
    expect(Buffer.from(bytes).equals(Buffer.from(seed, 'utf8'))).toBe(false);
    expect(decode(bytes)).toEqual({ text: seed, encoding: 'gb18030' });
    expect(decode(iconv.encode('萧山日报', 'gbk')).text).toBe('萧山日报');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    expect(decode(iconv.encode(crlf, 'utf-16le', { addBOM: true }))).toEqual({ text: crlf, encoding: 'utf-16le' });
    expect(decode(iconv.encode(crlf, 'utf-16be', { addBOM: true }))).toEqual({ text: crlf, encoding: 'utf-16be' });
  });

  it('imports the seed identically from UTF-8, GB18030 and UTF-16 with CRLF', () => {
    const reference = intakeText(seed);
    for (const bytes of [
      iconv.encode(seed, 'gb18030'),
      iconv.encode(crlf, 'gb18030'),
      iconv.encode(crlf, 'utf-16le', { addBOM: true }),
      iconv.encode(crlf, 'utf-16be', { addBOM: true }),
    ]) {
      expect(intakeText(decode(bytes).text)).toEqual(reference);
    }
  });

  it('refuses binary data, empty files and undecodable bytes with one-line reasons', () => {
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(0), 'EMPTY', /empty/],
      [Uint8Array.from([0x41, 0x00, 0x42, 0x43]), 'BINARY', /NUL byte/],
      [Uint8Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 0x07 : 0x41)), 'BINARY', /control characters/],
      [Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'BINARY', /PNG image/],
      [Buffer.from('%PDF-1.7\n'), 'BINARY', /PDF/],
      [Uint8Array.from({ length: 400 }, (_, i) => (i % 2 ? 0xff : 0x80)), 'BAD_ENCODING', /neither UTF-8 nor GB18030/],
      [Uint8Array.from([0xff, 0xfe, 0x41]), 'BAD_ENCODING', /cut off/],
    ];
    for (const [bytes, code, message] of cases) {
      const r = decodeText(bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
        expect(r.error.message).not.toContain('\n');
      }
    }
  });
});
