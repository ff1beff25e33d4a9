import { describe, expect, it } from 'vitest';
import type { OpenedDocument } from '../../../shared/host/host-api';
import { TOKEN_HEADER } from '../../../shared/host/web-protocol';
import { defaultExportPath, defaultSavePath } from '../../../renderer/host/default-paths';
import { createWebHost } from '../../../renderer/host/web-host';
import type { PathPrompt } from '../../../renderer/host/web-host';

interface Call {
  url: string;
  method: string;
  token: string | null;
  body: unknown;
}

function fakeServer(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      token: headers.get(TOKEN_HEADER),
      body: init?.body ? JSON.parse(String(init.body)) : undefined,
    };
    calls.push(call);
    return new Response(JSON.stringify(answer(call)), { status: 200, headers: { 'Content-Type': 'application/json' } });
  }) as typeof fetch;
  return { calls, fetchFn };
}

const opened: OpenedDocument = { handle: 'h1', path: '/news/p1.banmian', name: 'p1.banmian', pages: [{}], assets: [], warnings: [] };

function host(answer: (call: Call) => unknown, prompt: PathPrompt = () => null) {
  const server = fakeServer(answer);
  const prompts: { kind: string; suggestion: string }[] = [];
  const h = createWebHost({
    origin: 'http://127.0.0.1:9000/',
    token: 'secret',
    fetch: server.fetchFn,
    prompt: (kind, suggestion) => {
      prompts.push({ kind, suggestion });
      return prompt(kind, suggestion);
    },
  });
  return { h, calls: server.calls, prompts };
}

describe('WebHost', () => {
  it('sends the token header on every API call and reads the initial document', async () => {
    const { h, calls } = host(() => ({ ok: true, value: opened }));
    const r = await h.initialDocument();
    expect(r).toEqual({ ok: true, value: opened });
    expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:9000/api/initialDocument', method: 'POST', token: 'secret', body: [] });
  });

  it('saves to the document own path without asking', async () => {
    const { h, calls, prompts } = host((c) =>
      c.url.endsWith('/api/initialDocument') ? { ok: true, value: opened } : { ok: true, value: { path: '/news/p1.banmian', name: 'p1.banmian', bytes: 10 } },
    );
    await h.initialDocument();
    const r = await h.saveDocument({ handle: 'h1', pages: [{ a: 1 }] });
    expect(r.ok).toBe(true);
    expect(prompts).toEqual([]);
    expect(calls[1]).toMatchObject({ url: 'http://127.0.0.1:9000/api/saveDocument', method: 'POST', token: 'secret', body: [{ handle: 'h1', pages: [{ a: 1 }] }] });
  });

  it('asks for a path on Save As, suggesting the current one, and sends it', async () => {
    const { h, calls, prompts } = host(
      (c) => (c.url.endsWith('/api/initialDocument') ? { ok: true, value: opened } : { ok: true, value: { path: '/news/p2.banmian', name: 'p2.banmian', bytes: 10 } }),
      () => ' /news/p2.banmian ',
    );
    await h.initialDocument();
    await h.saveDocument({ handle: 'h1', pages: [], saveAs: true });
    expect(prompts).toEqual([{ kind: 'save', suggestion: '/news/p1.banmian' }]);
    expect(calls[1]?.body).toEqual([{ handle: 'h1', pages: [], path: '/news/p2.banmian' }]);
  });

  it('returns null without calling the server when the prompt is cancelled', async () => {
    const { h, calls } = host(() => ({ ok: true, value: null }));
    expect(await h.saveDocument({ handle: 'unknown', pages: [] })).toEqual({ ok: true, value: null });
    expect(await h.exportPdf({ handle: 'unknown', pages: [] })).toEqual({ ok: true, value: null });
    expect(await h.openDocument()).toEqual({ ok: true, value: null });
    expect(calls).toEqual([]);
  });

  it('suggests the document folder and name with .pdf for export', async () => {
    const { h, calls, prompts } = host(
      (c) => (c.url.endsWith('/api/initialDocument') ? { ok: true, value: opened } : { ok: true, value: { path: '/news/p1.pdf', bytes: 1, pageCount: 1, elapsedMs: 5 } }),
      (_k, s) => s,
    );
    await h.initialDocument();
    await h.exportPdf({ handle: 'h1', pages: [] });
    expect(prompts[0]).toEqual({ kind: 'export', suggestion: '/news/p1.pdf' });
    expect(calls[1]).toMatchObject({ url: 'http://127.0.0.1:9000/api/exportWithOptions', body: [{ handle: 'h1', pages: [], path: '/news/p1.pdf' }] });
  });

  it('asks for a path when the server has none (NO_PATH) and retries once', async () => {
    let saves = 0;
    const { h, calls } = host(
      (c) => {
        if (!c.url.endsWith('/api/saveDocument')) return { ok: true, value: { ...opened, path: '/x/p1.banmian' } };
        saves++;
        return saves === 1 ? { ok: false, error: { code: 'NO_PATH', message: 'no path' } } : { ok: true, value: { path: '/y/new.banmian', name: 'new.banmian', bytes: 3 } };
      },
      () => '/y/new.banmian',
    );
    await h.openPath('/x/p1.banmian');
    const r = await h.saveDocument({ handle: 'h1', pages: [] });
    expect(r).toEqual({ ok: true, value: { path: '/y/new.banmian', name: 'new.banmian', bytes: 3 } });
    expect(calls.map((c) => (c.body as [{ path?: string } | string])[0])).toEqual(['/x/p1.banmian', { handle: 'h1', pages: [] }, { handle: 'h1', pages: [], path: '/y/new.banmian' }]);
  });

  it('turns an unreachable server or a non-result body into a failed Result', async () => {
    const down = createWebHost({ origin: 'http://x', token: 't', prompt: () => null, fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    const r = await down.initialDocument();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NETWORK');
    const { h } = host(() => ({ hello: 1 }));
    const r2 = await h.listRecovered();
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.code).toBe('BAD_RESPONSE');
    // A failure with a code the HostErrorCode union does not know is not a result either.
    const { h: odd } = host(() => ({ ok: false, error: { code: 'NO_PAHT', message: 'x' } }));
    expect(await odd.listRecovered()).toMatchObject({ ok: false, error: { code: 'BAD_RESPONSE' } });
  });

  it('builds asset URLs with the token in the query and print requests by handle', async () => {
    const { h, calls } = host(() => ({ ok: true, value: opened }));
    expect(h.assetUrl('h 1', 'ab12')).toBe('http://127.0.0.1:9000/api/asset/h%201/ab12?token=secret');
    await h.documentForPrint('h1');
    expect(calls[0]).toMatchObject({ url: 'http://127.0.0.1:9000/api/documentForPrint', body: ['h1'] });
  });
});

describe('default paths', () => {
  it('suggests the document path, or its name, for saving', () => {
    expect(defaultSavePath('/a/b.banmian', 'b.banmian')).toBe('/a/b.banmian');
    expect(defaultSavePath(null, '头版.docx')).toBe('头版.banmian');
    expect(defaultSavePath(null, '')).toBe('untitled.banmian');
  });

  it('suggests a .pdf next to the document', () => {
    expect(defaultExportPath('/a/b.banmian', 'b.banmian')).toBe('/a/b.pdf');
    expect(defaultExportPath('C:\\news\\p1.banmian', 'p1')).toBe('C:\\news\\p1.pdf');
    expect(defaultExportPath(null, 'p1.banmian')).toBe('p1.pdf');
  });

  it('exports with the dialog options, polling the job for progress until the export answers', async () => {
    const stages = ['layout', 'print', 'postprocess', 'check'];
    let polls = 0;
    let finish: (v: unknown) => void = () => {};
    const answered = new Promise((r) => (finish = r));
    const fetchCalls: string[] = [];
    const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input);
      fetchCalls.push(`${init?.method ?? 'GET'} ${url.replace(/^http:\/\/[^/]+/, '')}`);
      const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200 });
      if (url.endsWith('/api/exportProgress')) {
        const i = Math.min(polls++, stages.length - 1);
        if (polls === stages.length) setTimeout(() => finish(null), 10);
        // The job keeps every report; a poll answers all of them so far.
        const reports = stages.slice(0, i + 1).map((stage, k) => ({ stage, elapsedMs: k * 10, ...(k === 3 ? { findings: [] } : {}) }));
        return json({ ok: true, value: reports });
      }
      const [body] = JSON.parse(String(init!.body)) as [{ job: string; options: unknown; path: string }];
      expect(body.options).toEqual({ variant: 'x4-cmyk', bleedMm: 3 });
      expect(body.path).toBe('/out/p1.pdf');
      expect(body.job).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
      await answered;
      return json({ ok: true, value: { path: '/out/p1.pdf', bytes: 1, pageCount: 1, elapsedMs: 40, findings: [] } });
    }) as typeof fetch;
    const h = createWebHost({ origin: 'http://127.0.0.1:9000', token: 't', fetch: fetchFn, prompt: () => '/out/p1.pdf' });
    const heard: string[] = [];
    const r = await h.exportPdf({ handle: 'h1', pages: [{}], options: { variant: 'x4-cmyk', bleedMm: 3 } }, (p) => heard.push(p.stage));
    expect(r.ok && r.value?.path).toBe('/out/p1.pdf');
    expect(heard).toEqual(stages);
    expect(fetchCalls[0]).toBe('POST /api/exportWithOptions');
    expect(fetchCalls.filter((c) => c === 'POST /api/exportProgress').length).toBeGreaterThanOrEqual(4);
  });

  it('hears every stage in order even when the export passed them all between two polls', async () => {
    const stages = ['layout', 'print', 'postprocess', 'check'];
    let over = false;
    const fetchFn = (async (input: RequestInfo | URL) => {
      const json = (v: unknown) => new Response(JSON.stringify(v), { status: 200 });
      if (String(input).endsWith('/api/exportProgress')) {
        // Before the export is over the job has not reported yet; afterwards it has passed every stage.
        return json({ ok: true, value: over ? stages.map((stage, k) => ({ stage, elapsedMs: k })) : null });
      }
      over = true;
      return json({ ok: true, value: { path: '/out/p1.pdf', bytes: 1, pageCount: 1, elapsedMs: 4, findings: [] } });
    }) as typeof fetch;
    const h = createWebHost({ origin: 'http://127.0.0.1:9000', token: 't', fetch: fetchFn, prompt: () => '/out/p1.pdf' });
    const heard: string[] = [];
    const r = await h.exportPdf({ handle: 'h1', pages: [{}], options: { variant: 'proof' } }, (p) => heard.push(p.stage));
    expect(r.ok).toBe(true);
    expect(heard).toEqual(stages);
  });
});
