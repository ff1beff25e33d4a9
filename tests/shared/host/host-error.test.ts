import { describe, expect, it } from 'vitest';
import { HOST_ERROR_CODES, HOST_ERROR_LINES, hostErrorText, isHostErrorCode } from '../../../shared/host/host-error';
import { fail } from '../../../shared/result';

describe('host error codes', () => {
  it('give every code a Chinese line', () => {
    expect(HOST_ERROR_CODES.length).toBeGreaterThan(40);
    for (const code of HOST_ERROR_CODES) expect(HOST_ERROR_LINES[code], code).toMatch(/[\u4e00-\u9fff]/);
  });

  it('know their own codes and no others', () => {
    expect(isHostErrorCode('NO_PATH')).toBe(true);
    expect(isHostErrorCode('CANCELLED')).toBe(true);
    for (const other of ['NO_PAHT', 'toString', '', 42, null]) expect(isHostErrorCode(other), String(other)).toBe(false);
  });

  it('show a failure in the UI language: its own Chinese line, else the code’s line with the detail', () => {
    const withZh = fail('BAD_PROFILE', 'a.icc is an RGB profile', 'a.icc 是 RGB 配置文件');
    const plain = fail('NO_SUCH_DOCUMENT', 'no document h1');
    if (withZh.ok || plain.ok) throw new Error('expected failures');
    expect(hostErrorText(withZh.error, 'zh-CN')).toBe('a.icc 是 RGB 配置文件');
    expect(hostErrorText(plain.error, 'zh-CN')).toBe('没有这个文档（可能已关闭）：no document h1');
    expect(hostErrorText(plain.error, 'en')).toBe('no document h1');
  });
});
