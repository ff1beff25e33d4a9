import { describe, expect, it } from 'vitest';
import { createWebHost } from '../../../renderer/host/web-host';
import { FILE_NAME_HEADER, MAX_PROFILE_UPLOAD_BYTES, methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';

const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe('WebHost.cancelExport', () => {
  it('cancels the running export of the document by its job id; nothing to cancel otherwise', async () => {
    const sent: { route: string; body: unknown }[] = [];
    let finishExport: () => void = () => {};
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const route = new URL(String(input)).pathname;
      const body = init?.body ? JSON.parse(String(init.body)) : undefined;
      sent.push({ route, body });
      if (route === methodRoute('exportWithOptions')) {
        await new Promise<void>((resolve) => (finishExport = resolve));
        return json({ ok: false, error: { code: 'CANCELLED', message: 'the export was cancelled' } });
      }
      if (route === methodRoute('cancelExport')) return json({ ok: true, value: true });
      return json({ ok: true, value: null });
    }) as typeof fetch;
    const h = createWebHost({ origin: 'http://127.0.0.1:9000', token: 't', fetch: fetchFn, prompt: () => '/out/p1.pdf' });
    expect(await h.cancelExport('h1')).toEqual({ ok: true, value: false });
    expect(sent).toEqual([]);
    // Without a progress listener too: every export can be cancelled.
    const running = h.exportPdf({ handle: 'h1', pages: [{}] });
    await new Promise((r) => setTimeout(r, 0));
    const job = (sent[0]!.body as [{ job: string }])[0].job;
    expect(job).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(await h.cancelExport('h2')).toEqual({ ok: true, value: false });
    expect(await h.cancelExport('h1')).toEqual({ ok: true, value: true });
    expect(sent.at(-1)).toEqual({ route: methodRoute('cancelExport'), body: [job] });
    finishExport();
    expect(await running).toEqual({ ok: false, error: { code: 'CANCELLED', message: 'the export was cancelled' } });
    sent.length = 0;
    expect(await h.cancelExport('h1')).toEqual({ ok: true, value: false });
    expect(sent).toEqual([]);
  });
});

describe('WebHost.chooseOutputProfile', () => {
  function setup(pick: () => Promise<{ name: string; size: number; body: Uint8Array } | null>) {
    const sent: { url: string; headers: Headers; body: unknown }[] = [];
    const host = createWebHost({
      origin: 'http://127.0.0.1:9000',
      token: 'secret',
      prompt: () => null,
      pickProfile: pick,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body });
        return json({ ok: true, value: { path: '/tmp/banmian-profiles-x/ab.icc', name: '新闻纸.icc', description: 'Plant' } });
      }) as typeof fetch,
    });
    return { host, sent };
  }

  it('uploads the picked file as octet-stream with its URI-encoded name and answers the host’s path', async () => {
    const bytes = new Uint8Array([0, 0, 1, 0]);
    const { host, sent } = setup(async () => ({ name: '新闻纸.icc', size: bytes.length, body: bytes }));
    const r = await host.chooseOutputProfile();
    expect(r).toEqual({ ok: true, value: { path: '/tmp/banmian-profiles-x/ab.icc', name: '新闻纸.icc', description: 'Plant' } });
    expect(sent[0]!.url).toBe(`http://127.0.0.1:9000${methodRoute('uploadOutputProfile')}`);
    expect([sent[0]!.headers.get(TOKEN_HEADER), sent[0]!.headers.get('Content-Type'), sent[0]!.headers.get(FILE_NAME_HEADER)]).toEqual([
      'secret',
      'application/octet-stream',
      encodeURIComponent('新闻纸.icc'),
    ]);
    expect(sent[0]!.body).toBe(bytes);
  });

  it('answers null without a request when the picker is cancelled, and refuses a huge file unread', async () => {
    const cancelled = setup(async () => null);
    expect(await cancelled.host.chooseOutputProfile()).toEqual({ ok: true, value: null });
    expect(cancelled.sent).toEqual([]);
    const huge = setup(async () => ({ name: 'big.icc', size: MAX_PROFILE_UPLOAD_BYTES + 1, body: new Uint8Array(1) }));
    const r = await huge.host.chooseOutputProfile();
    expect(r.ok || r.error.code).toBe('TOO_LARGE');
    expect(huge.sent).toEqual([]);
  });
});
