import { describe, expect, it } from 'vitest';
import { fmt, tokenizeContent } from '../../../electron/node/pdf/content-tokens';

describe('content-tokens', () => {
  it('splits operators and operands, keeping source text', () => {
    const ops = tokenizeContent('q .902 0 .0706 rg\n/G3 gs 76 76 100 46 re f Q');
    expect(ops.map((o) => o.op)).toEqual(['q', 'rg', 'gs', 're', 'f', 'Q']);
    expect(ops[1]!.operands.map((o) => o.raw)).toEqual(['.902', '0', '.0706']);
    expect(ops[2]!.operands[0]).toEqual({ kind: 'name', raw: '/G3' });
  });

  it('keeps strings with parentheses, escapes and operator-like text intact', () => {
    const ops = tokenizeContent('BT (a \\(rg\\) (nested) k) Tj [<0262> -250 (x)] TJ ET');
    expect(ops.map((o) => o.op)).toEqual(['BT', 'Tj', 'TJ', 'ET']);
    expect(ops[1]!.operands[0]!.raw).toBe('(a \\(rg\\) (nested) k)');
    expect(ops[2]!.operands[0]!.kind).toBe('array');
  });

  it('reads a marked-content dictionary and skips comments', () => {
    const ops = tokenizeContent('% a comment with 1 0 0 rg\n/Span <</ActualText (x) /MCID 3>> BDC EMC');
    expect(ops.map((o) => o.op)).toEqual(['BDC', 'EMC']);
    expect(ops[0]!.operands[1]!.kind).toBe('dict');
  });

  it('treats an inline image as one operation, binary data included', () => {
    const src = 'q BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00EI\xff\x10\x20 EI Q';
    const ops = tokenizeContent(src);
    expect(ops.map((o) => o.op)).toEqual(['q', 'BI', 'Q']);
    expect(ops[1]!.raw).toBe('BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x00EI\xff\x10\x20 EI');
  });

  it('throws RangeError on an unterminated string', () => {
    expect(() => tokenizeContent('(abc Tj')).toThrow(RangeError);
  });

  it('formats numbers without exponents or trailing zeros', () => {
    expect(fmt(1)).toBe('1');
    expect(fmt(0.5)).toBe('0.5');
    expect(fmt(1e-7)).toBe('0');
    expect(fmt(-0.000001)).toBe('0');
    expect(fmt(123.456789)).toBe('123.45679');
  });
});
