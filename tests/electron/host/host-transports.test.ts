/**
 * The host's method table drives all three transports: every method is
 * exposed by the Electron preload (public ones) on its own channel, handled
 * by main's IPC handlers, routed by web mode's server to the HostService
 * method of the same name, and offered by web mode's client; bad arguments
 * are refused with the same code and line everywhere.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HostService } from '../../../electron/node/host/host-service';
import { createIpcHandlers } from '../../../electron/node/ipc/ipc-handlers';
import { channelOf } from '../../../electron/node/ipc/channels';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { createWebHost } from '../../../renderer/host/web-host';
import type { HostApi } from '../../../shared/host/host-api';
import { HOST_API_METHODS } from '../../../shared/host/host-api';
import type { HostMethodName } from '../../../shared/host/host-methods';
import { HOST_METHOD_NAMES, HOST_METHODS } from '../../../shared/host/host-methods';
import { ARGS_HEADER, FILE_NAME_HEADER, methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { rawRequest, uploadHeaders } from '../web/http-client';

const electron = vi.hoisted(() => ({
  exposed: {} as Record<string, unknown>,
  invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
}));

vi.mock('electron', async () => {
  // What main answers on METHODS_CHANNEL (electron/main/ipc.ts).
  const { PUBLIC_HOST_METHOD_NAMES } = await import('../../../shared/host/host-methods');
  return {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (electron.exposed[key] = api) },
    ipcRenderer: { invoke: electron.invoke, sendSync: () => PUBLIC_HOST_METHOD_NAMES, on: () => undefined, removeListener: () => undefined },
  };
});

const bytes = new Uint8Array([1, 2, 3]);
/** Good arguments for every method: a new method needs its sample here, or this test fails. */
const SAMPLES: Record<HostMethodName, unknown[]> = {
  hostInfo: [],
  initialDocument: [],
  initialDesk: [],
  deskDocument: [{ url: 'http://127.0.0.1:9100', edition: 'a1', user: 'sub1', token: 't' }],
  deskAssets: ['h1', ['a'.repeat(64)]],
  openDocument: [],
  openPath: ['/news/p1.banmian'],
  saveDocument: [{ handle: 'h1', pages: [{}] }],
  exportWithOptions: [{ handle: 'h1', pages: [{}], job: 'job-sample-01' }],
  exportProgress: ['job-sample-01'],
  cancelExport: ['job-sample-01'],
  chooseOutputProfile: [],
  uploadOutputProfile: [{ file: { name: 'plant.icc', bytes } }],
  setDirty: ['h1', true],
  documentForPrint: ['h1'],
  journal: ['h1', [{}]],
  pageThumbnails: ['h1', [{}], 240, 'draft'],
  listRecovered: [],
  openRecovered: ['r1'],
  discardRecovered: ['r1'],
  importCopy: [{ handle: 'h1', file: { name: '来稿.txt', bytes } }],
  importImage: [{ handle: 'h1', file: { name: '湖畔.jpg', bytes } }],
};
/** Arguments no method takes. */
const BAD = [{ bogus: true }, 42, 'three', null];
const isPublic = (m: HostMethodName) => !('internal' in HOST_METHODS[m]);

const dir = mkdtempSync(join(tmpdir(), 'bm-transports-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function webAnswer(server: WebServer, method: HostMethodName, args: unknown[]) {
  if ('upload' in HOST_METHODS[method]) {
    const { file, ...fields } = args[0] as { file: { name: string; bytes: Uint8Array } };
    return rawRequest(server.port, { method: 'POST', path: methodRoute(method), headers: uploadHeaders(server.token, file.name, fields), body: Buffer.from(file.bytes) });
  }
  return rawRequest(server.port, {
    method: 'POST',
    path: methodRoute(method),
    headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/json' },
    body: JSON.stringify(args),
  });
}

describe('the host method table', () => {
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ rendererDir, journal: null });
  });
  afterAll(() => server?.close());

  it('has a sample for every method, each one its own arguments accept', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...HOST_METHOD_NAMES].sort());
    for (const m of HOST_METHOD_NAMES) expect(HOST_METHODS[m].args.safeParse(SAMPLES[m]).success, m).toBe(true);
  });

  it('is exposed by the preload: every public method invokes its own channel with its arguments', async () => {
    await import('../../../electron/preload/preload');
    const api = electron.exposed['banmian'] as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(api).filter((k) => k !== 'kind').sort()).toEqual([...HOST_API_METHODS].sort());
    // The HostApi composes these from table methods; the rest pass straight through.
    const composed = ['cancelExport', 'setDirty'];
    for (const m of HOST_METHOD_NAMES.filter((n) => isPublic(n) && !composed.includes(n))) {
      electron.invoke.mockClear();
      await api[m]!(...SAMPLES[m]);
      expect(electron.invoke, m).toHaveBeenCalledWith(channelOf(m), ...SAMPLES[m]);
    }
    for (const m of HOST_METHOD_NAMES.filter((n) => !isPublic(n))) expect(api[m], m).toBeUndefined();
  });

  it('is routed by web mode to the HostService method of the same name, with the arguments as sent', async () => {
    for (const m of HOST_METHOD_NAMES) {
      const spy = vi.spyOn(server.host, m).mockResolvedValue({ ok: true, value: `answer of ${m}` } as never);
      const res = await webAnswer(server, m, SAMPLES[m]);
      expect([res.status, res.json()], m).toEqual([200, { ok: true, value: `answer of ${m}` }]);
      const sent = spy.mock.calls[0]!.slice(0, SAMPLES[m].length);
      // Uploaded bytes arrive as a Buffer-backed Uint8Array: compare their content.
      expect(JSON.parse(JSON.stringify(sent, (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))), m).toEqual(
        JSON.parse(JSON.stringify(SAMPLES[m], (_k, v: unknown) => (v instanceof Uint8Array ? [...v] : v))),
      );
      spy.mockRestore();
    }
  });

  it('is handled in IPC and over HTTP, refusing bad arguments with the same BAD_REQUEST line', async () => {
    const handlers = createIpcHandlers(new HostService(), {
      chooseOpenPath: async () => null,
      chooseCopyPath: async () => null,
      chooseImagePath: async () => null,
      chooseSavePath: async () => null,
      saved: () => undefined,
      saveAbandoned: () => undefined,
    });
    expect(Object.keys(handlers).sort()).toEqual([...HOST_METHOD_NAMES].sort());
    for (const m of HOST_METHOD_NAMES) {
      const ipc = (await handlers[m]({ owner: 1 }, BAD)) as Result<unknown>;
      expect(ipc.ok || ipc.error.code, m).toBe('BAD_REQUEST');
      expect(!ipc.ok && ipc.error.message.startsWith(`${m}: `), m).toBe(true);
      // Good arguments pass the check (whatever the host then answers).
      const good = (await handlers[m]({ owner: 1 }, SAMPLES[m])) as Result<unknown>;
      expect(good.ok || good.error.code, m).not.toBe('BAD_REQUEST');
      if ('upload' in HOST_METHODS[m]) {
        // Over HTTP an upload's fields travel in a header: a bad one is refused before the body is read.
        const res = await rawRequest(server.port, { method: 'POST', path: methodRoute(m), headers: uploadHeaders(server.token, 'a.bin', { bogus: true }), body: Buffer.from(bytes) });
        expect([res.status, (res.json() as Result<unknown> & { ok: false }).error.code], m).toEqual([400, 'BAD_REQUEST']);
        continue;
      }
      const res = await webAnswer(server, m, BAD);
      expect([res.status, res.json()], m).toEqual([400, ipc]);
    }
  });

  it('tells what the host is and whether recovery and printing work, in both transports', async () => {
    const web = (await webAnswer(server, 'hostInfo', [])).json() as Result<{ version: string; platform: string; recovery: boolean; printing: boolean }>;
    expect(web.ok && HOST_METHODS.hostInfo.result.safeParse(web.value).success).toBe(true);
    // This server was started without a journal; web mode always has its print browser.
    expect(web.ok && web.value).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+/), platform: process.platform, recovery: false, printing: true });
    const ui = { chooseOpenPath: async () => null, chooseCopyPath: async () => null, chooseImagePath: async () => null, chooseSavePath: async () => null, saved: () => undefined, saveAbandoned: () => undefined };
    const bare = createIpcHandlers(new HostService(), ui);
    expect(await bare.hostInfo({ owner: 1 }, [])).toMatchObject({ ok: true, value: { recovery: false, printing: false } });
    expect(await bare.hostInfo({ owner: 1 }, ['extra'])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST', message: 'hostInfo: takes no arguments, not 1' } });
  });

  it('answers with values its result schemas accept', async () => {
    const file = await writeSampleFile(dir);
    const opened = await webAnswer(server, 'openPath', [file.path]);
    const doc = opened.json() as Result<{ handle: string }>;
    expect(doc.ok && HOST_METHODS.openPath.result.safeParse(doc.value).success).toBe(true);
    const handle = doc.ok ? doc.value.handle : '';
    const saved = (await webAnswer(server, 'saveDocument', [{ handle, pages: file.pages, path: join(dir, 'copy.banmian') }])).json() as Result<unknown>;
    expect(saved.ok && HOST_METHODS.saveDocument.result.safeParse(saved.value).success).toBe(true);
    const progress = (await webAnswer(server, 'exportProgress', ['job-none-0001'])).json() as Result<unknown>;
    expect(progress.ok && HOST_METHODS.exportProgress.result.safeParse(progress.value ?? null).success).toBe(true);
    const cancelled = (await webAnswer(server, 'cancelExport', ['job-none-0001'])).json() as Result<unknown>;
    expect(cancelled.ok && HOST_METHODS.cancelExport.result.safeParse(cancelled.value).success).toBe(true);
  });

  it('is offered by web mode’s client: every public method, posting table methods to their routes', async () => {
    const sent: { url: string; headers: Headers; body: unknown }[] = [];
    const host = createWebHost({
      origin: 'http://127.0.0.1:9000',
      token: 't',
      prompt: () => null,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        sent.push({ url: String(input), headers: new Headers(init?.headers), body: init?.body });
        return new Response(JSON.stringify({ ok: true, value: null }), { status: 200 });
      }) as typeof fetch,
    }) as unknown as Record<string, (...a: unknown[]) => unknown>;
    expect(Object.keys(host).filter((k) => k !== 'kind').sort()).toEqual([...HOST_API_METHODS].sort());
    // Web mode asks for paths and files itself before calling these; the rest pass straight through.
    const composed = ['openDocument', 'saveDocument', 'cancelExport', 'chooseOutputProfile', 'setDirty'];
    for (const m of HOST_METHOD_NAMES.filter((n) => isPublic(n) && !composed.includes(n))) {
      sent.length = 0;
      await host[m]!(...SAMPLES[m]);
      expect(sent[0]?.url, m).toBe(`http://127.0.0.1:9000${methodRoute(m)}`);
      if ('upload' in HOST_METHODS[m]) {
        const { file, ...fields } = SAMPLES[m][0] as { file: { name: string } };
        expect([decodeURIComponent(sent[0]!.headers.get(FILE_NAME_HEADER)!), JSON.parse(decodeURIComponent(sent[0]!.headers.get(ARGS_HEADER)!))], m).toEqual([file.name, fields]);
      } else {
        expect(JSON.parse(String(sent[0]!.body)), m).toEqual(SAMPLES[m]);
      }
    }
    expect((host as unknown as HostApi).kind).toBe('web');
  });
});
