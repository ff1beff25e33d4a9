import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, deskConnectSource } from '../../../electron/node/web/security';

describe('contentSecurityPolicy', () => {
  it('allows only the page’s own scripts, never eval or inline script', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(script).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/frame-ancestors 'none'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/object-src 'none'/);
  });

  it('adds extra image sources (the desktop app’s asset scheme) to img-src only', () => {
    const desktop = contentSecurityPolicy(['banmian-asset:']);
    expect(desktop).toMatch(/img-src 'self' data: blob: banmian-asset:(;|$)/);
    expect(desktop.replace(' banmian-asset:', '')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('lets web mode connect to the one desk it was started with, and nowhere else', () => {
    const withDesk = contentSecurityPolicy([], [deskConnectSource('http://127.0.0.1:9100')]);
    expect(withDesk).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:9100(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'(;|$)/);
    expect(deskConnectSource('https://desk.example.org/x')).toBe('wss://desk.example.org');
  });
});
