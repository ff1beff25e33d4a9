/**
 * A tokenizer for PDF content streams (ISO 32000-1 §7.2, §7.8.2): splits a
 * stream into operations, each an operator with its operands, keeping every
 * operation's exact source text so a rewrite only touches what it changes.
 *
 * Content streams are handled as latin1 strings: one char per byte, so binary
 * data (strings, inline images) survives a round trip unchanged.
 */

export type OperandKind = 'number' | 'name' | 'string' | 'hex' | 'array' | 'dict' | 'keyword';

export interface Operand {
  kind: OperandKind;
  /** Exact source text. */
  raw: string;
}

export interface Operation {
  /** The operator, e.g. `rg`, `Tj`, `BI` (an inline image is one `BI` operation). */
  op: string;
  operands: Operand[];
  /** Source text of the whole operation, operands included. */
  raw: string;
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

function isWhite(c: number): boolean {
  return WHITESPACE.has(c);
}

function isRegular(c: number): boolean {
  return !WHITESPACE.has(c) && !DELIMITERS.has(c);
}

/** Decodes bytes to the latin1 string form used here. */
export function bytesToLatin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export function latin1ToBytes(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'latin1'));
}

class Lexer {
  pos = 0;
  constructor(readonly src: string) {}

  private code(i = this.pos): number {
    return this.src.charCodeAt(i);
  }

  skipWhiteAndComments(): void {
    const n = this.src.length;
    while (this.pos < n) {
      const c = this.code();
      if (isWhite(c)) this.pos++;
      else if (c === 0x25) {
        while (this.pos < n && this.code() !== 0x0a && this.code() !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** Reads a literal string starting at `(`; returns the end index. */
  private endOfString(start: number): number {
    let depth = 0;
    let i = start;
    const n = this.src.length;
    while (i < n) {
      const c = this.code(i);
      if (c === 0x5c) i += 2;
      else {
        if (c === 0x28) depth++;
        else if (c === 0x29) {
          depth--;
          if (depth === 0) return i + 1;
        }
        i++;
      }
    }
    throw new RangeError(`unterminated string at byte ${start}`);
  }

  private endOfHex(start: number): number {
    const end = this.src.indexOf('>', start);
    if (end < 0) throw new RangeError(`unterminated hex string at byte ${start}`);
    return end + 1;
  }

  /** End of an array or dictionary whose opening bracket is at `start`. */
  private endOfNested(start: number): number {
    let i = start;
    let depth = 0;
    const n = this.src.length;
    while (i < n) {
      const c = this.code(i);
      if (c === 0x28) {
        i = this.endOfString(i);
        continue;
      }
      if (c === 0x25) {
        while (i < n && this.code(i) !== 0x0a && this.code(i) !== 0x0d) i++;
        continue;
      }
      if (c === 0x3c && this.code(i + 1) === 0x3c) {
        depth++;
        i += 2;
        continue;
      }
      if (c === 0x3e && this.code(i + 1) === 0x3e) {
        depth--;
        i += 2;
        if (depth === 0) return i;
        continue;
      }
      if (c === 0x3c) {
        i = this.endOfHex(i);
        continue;
      }
      if (c === 0x5b) depth++;
      else if (c === 0x5d) {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new RangeError(`unterminated array or dictionary at byte ${start}`);
  }

  /** The next token, or null at the end. */
  next(): Operand | { kind: 'op'; raw: string } | null {
    this.skipWhiteAndComments();
    const start = this.pos;
    if (start >= this.src.length) return null;
    const c = this.code();
    let end: number;
    let kind: OperandKind | 'op';
    if (c === 0x28) {
      end = this.endOfString(start);
      kind = 'string';
    } else if (c === 0x3c && this.code(start + 1) === 0x3c) {
      end = this.endOfNested(start);
      kind = 'dict';
    } else if (c === 0x3c) {
      end = this.endOfHex(start);
      kind = 'hex';
    } else if (c === 0x5b) {
      end = this.endOfNested(start);
      kind = 'array';
    } else if (c === 0x2f) {
      end = start + 1;
      while (end < this.src.length && isRegular(this.code(end))) end++;
      kind = 'name';
    } else if (isRegular(c)) {
      end = start;
      while (end < this.src.length && isRegular(this.code(end))) end++;
      const word = this.src.slice(start, end);
      if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) kind = 'number';
      else if (word === 'true' || word === 'false' || word === 'null') kind = 'keyword';
      else kind = 'op';
    } else {
      throw new RangeError(`unexpected "${String.fromCharCode(c)}" at byte ${start}`);
    }
    this.pos = end;
    return { kind, raw: this.src.slice(start, end) } as Operand | { kind: 'op'; raw: string };
  }

  /**
   * After `ID`: skips the single white-space byte and the image data up to an
   * `EI` that stands alone (white space or end on both sides).
   */
  inlineImageEnd(): number {
    let i = this.pos + 1;
    const n = this.src.length;
    while (i < n) {
      const at = this.src.indexOf('EI', i);
      if (at < 0) break;
      const before = this.code(at - 1);
      const after = at + 2 < n ? this.code(at + 2) : 0x20;
      if (isWhite(before) && (isWhite(after) || at + 2 === n)) return at + 2;
      i = at + 1;
    }
    throw new RangeError(`inline image without EI at byte ${this.pos}`);
  }
}

/** Splits a content stream into operations. Throws `RangeError` on malformed syntax. */
export function tokenizeContent(src: string): Operation[] {
  const lexer = new Lexer(src);
  const ops: Operation[] = [];
  let operands: Operand[] = [];
  let opStart = -1;
  for (;;) {
    lexer.skipWhiteAndComments();
    const tokenStart = lexer.pos;
    const token = lexer.next();
    if (!token) break;
    if (opStart < 0) opStart = tokenStart;
    if (token.kind !== 'op') {
      operands.push(token as Operand);
      continue;
    }
    if (token.raw === 'BI') {
      // Inline image: the dictionary entries, `ID`, binary data, `EI` — one operation.
      for (;;) {
        const t = lexer.next();
        if (!t) throw new RangeError('inline image without ID');
        if (t.kind === 'op' && t.raw === 'ID') break;
      }
      lexer.pos = lexer.inlineImageEnd();
    }
    ops.push({ op: token.raw, operands, raw: src.slice(opStart, lexer.pos) });
    operands = [];
    opStart = -1;
  }
  if (operands.length > 0) throw new RangeError(`operands without an operator at the end of the stream`);
  return ops;
}

/** The numeric value of a number operand. */
export function num(o: Operand | undefined): number {
  if (!o || o.kind !== 'number') throw new RangeError(`expected a number, got ${o ? o.raw : 'nothing'}`);
  return Number(o.raw);
}

/** Formats a number for a content stream: at most 5 decimals, no exponent, no trailing zeros. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  const r = Math.round(v * 1e5) / 1e5;
  if (Object.is(r, -0) || r === 0) return '0';
  let s = r.toFixed(5);
  s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}
