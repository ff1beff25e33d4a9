import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_ROUTE, methodRoute, TOKEN_COOKIE, TOKEN_HEADER } from '../../../shared/host/web-protocol';

const INITIAL = methodRoute('initialDocument');
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { isLoopbackAddress, isOwnHost } from '../../../electron/node/web/security';
import { rawRequest } from './http-client';

const dir = mkdtempSync(join(tmpdir(), 'bm-web-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(join(rendererDir, 'assets'), { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(rendererDir, '.secret'), 'no');
writeFileSync(join(dir, 'outside.txt'), 'outside');

describe('web server', () => {
  let server: WebServer;
  let api: (path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }) => ReturnType<typeof rawRequest>;

  beforeAll(async () => {
    server = await startWebServer({ rendererDir, journal: null });
    api = (path, init = {}) =>
      rawRequest(server.port, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        path,
        headers: {
          [TOKEN_HEADER]: server.token,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
          ...init.headers,
        },
        body: init.body === undefined ? undefined : typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
      });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and prints a URL carrying a long random token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 to an API call without the token and 403 with a wrong one', async () => {
    const none = await rawRequest(server.port, { method: 'POST', path: INITIAL });
    expect(none.status).toBe(401);
    expect(none.json()).toEqual({ ok: false, error: { code: 'NO_TOKEN', message: expect.any(String) } });
    const wrong = await rawRequest(server.port, { method: 'POST', path: INITIAL, headers: { [TOKEN_HEADER]: 'x'.repeat(43) } });
    expect(wrong.status).toBe(403);
    const ok = await api(INITIAL, { body: [] });
    expect(ok.status).toBe(200);
    expect(ok.json()).toEqual({ ok: true, value: null });
  });

  it('does not take the API token from the query string or the cookie', async () => {
    const query = await rawRequest(server.port, { method: 'POST', path: `${INITIAL}?token=${server.token}` });
    expect(query.status).toBe(401);
    const cookie = await rawRequest(server.port, { method: 'POST', path: INITIAL, headers: { Cookie: `${TOKEN_COOKIE}=${server.token}` } });
    expect(cookie.status).toBe(401);
  });

  it('refuses a Host header other than 127.0.0.1:<port> or localhost:<port> (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${server.port}`, '127.0.0.1', `127.0.0.1:${server.port + 1}`, `0.0.0.0:${server.port}`]) {
      const res = await api(INITIAL, { body: [], headers: { Host: host } });
      expect(res.status, host).toBe(403);
    }
    expect((await api(INITIAL, { body: [], headers: { Host: `localhost:${server.port}` } })).status).toBe(200);
    // Even the right token on a static file does not pass a foreign Host.
    const page = await rawRequest(server.port, { path: `/?token=${server.token}`, headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('serves the page with ?token= and sets an HttpOnly SameSite=Strict cookie for the rest', async () => {
    expect((await rawRequest(server.port, { path: '/' })).status).toBe(401);
    expect((await rawRequest(server.port, { path: '/?token=wrong' })).status).toBe(403);
    const page = await rawRequest(server.port, { path: `/?token=${server.token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-eval');
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toContain(`${TOKEN_COOKIE}=${server.token}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const script = await rawRequest(server.port, { path: '/assets/app.js', headers: { Cookie: `${TOKEN_COOKIE}=${server.token}` } });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body.toString()).toBe('console.log(1)');
    expect((await rawRequest(server.port, { path: '/assets/app.js' })).status).toBe(401);
  });

  it('serves nothing outside the renderer folder and no dot-files', async () => {
    const cookie = { Cookie: `${TOKEN_COOKIE}=${server.token}` };
    for (const path of ['/../outside.txt', '/%2e%2e/outside.txt', '/assets/%2e%2e/%2e%2e/outside.txt', '/.secret', '/nope.js']) {
      const res = await rawRequest(server.port, { path, headers: cookie });
      expect(res.status, path).toBe(404);
      expect(res.body.toString(), path).not.toContain('outside');
    }
  });

  it('validates every argument against the method table and answers 400 with a one-line message', async () => {
    const cases: [string, unknown, RegExp][] = [
      ['openPath', [], /path/],
      ['openPath', [3], /path/],
      ['openPath', ['/x', 'extra'], /takes path \(1 argument\), not 2/],
      ['saveDocument', [{ handle: 'h', pages: 'nope' }], /pages/],
      ['saveDocument', [{ handle: 'h', pages: [] }], /pages/],
      ['saveDocument', [{ handle: 'h', pages: [{}], evil: 1 }], /evil|unrecognized/i],
      ['exportWithOptions', [{ handle: 'h', pages: [{}], path: 3 }], /path/],
      ['setDirty', ['h', 'yes'], /dirty/],
      ['journal', [null, [{}]], /handle/],
      ['openRecovered', [''], /id/],
      ['discardRecovered', {}, /expected tuple|invalid/i],
    ];
    for (const [method, body, message] of cases) {
      const route = methodRoute(method);
      const res = await api(route, { body });
      expect(res.status, `${route} ${JSON.stringify(body)}`).toBe(400);
      const json = res.json() as { ok: false; error: { code: string; message: string } };
      expect(json.ok).toBe(false);
      expect(json.error.code).toBe('BAD_REQUEST');
      expect(json.error.message).toMatch(message);
      expect(json.error.message.startsWith(`${method}: `)).toBe(true);
      expect(json.error.message).not.toContain('\n');
    }
  });

  it('refuses bodies that are not JSON, not application/json, or too large', async () => {
    expect((await api(methodRoute('openPath'), { body: '{nope' })).status).toBe(400);
    const plain = await api(methodRoute('openPath'), { body: '["/x"]', headers: { 'Content-Type': 'text/plain' } });
    expect(plain.status).toBe(415);
    const huge = await api(methodRoute('openPath'), { body: 'x', headers: { 'Content-Length': String(65 * 1024 * 1024) } }).catch(
      (e: Error) => e,
    );
    // The server answers 413 from the declared length without reading the body.
    expect(huge instanceof Error ? huge.message : huge.status).toBe(413);
  });

  it('answers the wrong method with 405 and an unknown route with 404', async () => {
    expect((await api(methodRoute('openPath'))).status).toBe(405);
    expect((await api(INITIAL)).status).toBe(405);
    expect((await api(`${ASSET_ROUTE}h/${'a'.repeat(64)}`, { body: [] })).status).toBe(405);
    expect((await api('/api/nope')).status).toBe(404);
  });

  it('answers operations on an unknown document with a Result failure', async () => {
    const res = await api(methodRoute('setDirty'), { body: ['no-such', true] });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ ok: false, error: { code: 'NO_SUCH_DOCUMENT', message: expect.any(String) } });
    const print = await api(methodRoute('documentForPrint'), { body: ['no-such'] });
    expect((print.json() as { error: { code: string } }).error.code).toBe('NO_SUCH_DOCUMENT');
    const asset = await rawRequest(server.port, { path: `${ASSET_ROUTE}no-such/${'a'.repeat(64)}?token=${server.token}` });
    expect(asset.status).toBe(404);
    const badHash = await rawRequest(server.port, { path: `${ASSET_ROUTE}no-such/zz?token=${server.token}` });
    expect(badHash.status).toBe(400);
  });

  it('opens a missing file as a one-line failure', async () => {
    const res = await api(methodRoute('openPath'), { body: [join(dir, 'missing.banmian')] });
    const json = res.json() as { ok: boolean; error: { message: string } };
    expect(json.ok).toBe(false);
    expect(json.error.message).not.toContain('\n');
  });
});

describe('web security guards', () => {
  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(a), a).toBe(true);
    for (const a of ['10.0.0.1', '192.168.1.2', '::ffff:10.0.0.1', 'fe80::1', '', undefined]) expect(isLoopbackAddress(a), String(a)).toBe(false);
  });

  it('accepts only this server as Host', () => {
    expect(isOwnHost('127.0.0.1:8080', 8080)).toBe(true);
    expect(isOwnHost('LOCALHOST:8080', 8080)).toBe(true);
    expect(isOwnHost('localhost', 8080)).toBe(false);
    expect(isOwnHost('127.0.0.1:8080.evil', 8080)).toBe(false);
    expect(isOwnHost(undefined, 8080)).toBe(false);
  });
});
