import { describe, expect, it } from 'vitest';
import { electronAssetUrl, isOwnPageUrl, parseAssetUrl } from '../../../electron/node/ipc/channels';

describe('IPC channels and URLs', () => {
  it('accepts only our own page as a caller', () => {
    expect(isOwnPageUrl('banmian-app://app/index.html')).toBe(true);
    expect(isOwnPageUrl('banmian-app://app/index.html?print=abc')).toBe(true);
    for (const url of ['file:///tmp/index.html', 'https://evil.example/index.html', 'banmian-app://evil/index.html', 'banmian-app://app/other.html', 'about:blank', '']) {
      expect(isOwnPageUrl(url), url).toBe(false);
    }
  });

  it('round-trips asset URLs and refuses malformed ones', () => {
    const hash = 'b'.repeat(64);
    expect(parseAssetUrl(electronAssetUrl('h-1', hash))).toEqual({ handle: 'h-1', hash, original: false });
    expect(parseAssetUrl(electronAssetUrl('h-1', hash, true))).toEqual({ handle: 'h-1', hash, original: true });
    for (const url of ['banmian-asset://doc/h-1', 'banmian-asset://other/h/x', 'http://doc/h/x', 'banmian-asset://doc/a/b/c', 'nope']) {
      expect(parseAssetUrl(url), url).toBeNull();
    }
  });
});
