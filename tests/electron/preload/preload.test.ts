import { beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_COMMANDS, HOST_API_METHODS } from '../../../shared/host/host-api';
import type { AppCommand, HostApi } from '../../../shared/host/host-api';
import type { HostMethodName } from '../../../shared/host/host-methods';
import { channelOf, COMMAND_CHANNEL, EXPORT_PROGRESS_CHANNEL, METHODS_CHANNEL } from '../../../electron/node/ipc/channels';
import { PUBLIC_HOST_METHOD_NAMES } from '../../../shared/host/host-methods';

const electron = vi.hoisted(() => {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, ((...args: unknown[]) => void)[]>();
  return {
    exposed,
    listeners,
    invoke: vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: null })),
    methods: [] as string[],
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      electron.exposed[key] = api;
    },
  },
  ipcRenderer: {
    invoke: electron.invoke,
    // What main answers on METHODS_CHANNEL (electron/main/ipc.ts).
    sendSync: (channel: string) => (channel === METHODS_CHANNEL ? electron.methods : null),
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), fn]);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) => {
      electron.listeners.set(channel, (electron.listeners.get(channel) ?? []).filter((f) => f !== fn));
    },
  },
}));

describe('preload', () => {
  let api: HostApi;
  beforeAll(async () => {
    electron.methods = [...PUBLIC_HOST_METHOD_NAMES];
    await import('../../../electron/preload/preload');
    api = electron.exposed['banmian'] as HostApi;
  });

  it('exposes one object, window.banmian, with exactly the HostApi methods and its kind', () => {
    expect(Object.keys(electron.exposed)).toEqual(['banmian']);
    const functions = Object.entries(api).filter(([, v]) => typeof v === 'function').map(([k]) => k);
    expect(functions.sort()).toEqual([...HOST_API_METHODS].sort());
    expect(Object.keys(api).sort()).toEqual([...HOST_API_METHODS, 'kind'].sort());
    expect(api.kind).toBe('electron');
  });

  it('calls each method through ipcRenderer.invoke on its own channel with its arguments', async () => {
    const pages = [{ type: 'page' }];
    const calls: [HostMethodName, () => unknown, unknown[]][] = [
      // Every export carries a job id, the one cancelExport stops.
      ['exportWithOptions', () => api.exportPdf({ handle: 'h', pages }), [{ handle: 'h', pages, job: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) }]],
      ['initialDocument', () => api.initialDocument(), []],
      ['openDocument', () => api.openDocument(), []],
      ['openPath', () => api.openPath('/a.banmian'), ['/a.banmian']],
      ['saveDocument', () => api.saveDocument({ handle: 'h', pages, saveAs: true }), [{ handle: 'h', pages, saveAs: true }]],
      ['chooseOutputProfile', () => api.chooseOutputProfile(), []],
      ['setDirty', () => api.setDirty('h', true), ['h', true]],
      ['documentForPrint', () => api.documentForPrint('h'), ['h']],
      ['journal', () => api.journal('h', pages), ['h', pages]],
      ['listRecovered', () => api.listRecovered(), []],
      ['openRecovered', () => api.openRecovered('r1'), ['r1']],
      ['discardRecovered', () => api.discardRecovered('r1'), ['r1']],
    ];
    for (const [method, call, args] of calls) {
      electron.invoke.mockClear();
      await call();
      expect(electron.invoke, method).toHaveBeenCalledWith(channelOf(method), ...args);
    }
  });

  it('relays the export progress main sends for this export only, and stops listening when it ends', async () => {
    const heard: unknown[] = [];
    electron.invoke.mockImplementationOnce(async (_channel: unknown, ...args: unknown[]) => {
      const { job: progressId } = args[0] as { job: string };
      for (const fn of electron.listeners.get(EXPORT_PROGRESS_CHANNEL) ?? []) {
        fn({ sender: 'internals' }, 'someone-else', { stage: 'print', elapsedMs: 1 });
        fn({ sender: 'internals' }, progressId, { stage: 'layout', elapsedMs: 2 });
        fn({ sender: 'internals' }, progressId, { stage: 'check', elapsedMs: 3 });
      }
      return { ok: true, value: null };
    });
    const request = { handle: 'h', pages: [{}], options: { variant: 'x4' as const } };
    await api.exportPdf(request, (p) => heard.push(p));
    expect(heard).toEqual([
      { stage: 'layout', elapsedMs: 2 },
      { stage: 'check', elapsedMs: 3 },
    ]);
    const sent = electron.invoke.mock.calls.at(-1)!;
    expect(sent[0]).toBe(channelOf('exportWithOptions'));
    expect(sent[1]).toMatchObject({ ...request, job: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(electron.listeners.get(EXPORT_PROGRESS_CHANNEL)).toEqual([]);
  });

  it('cancels the running export of a document by its job id, and nothing when none runs', async () => {
    electron.invoke.mockClear();
    expect(await api.cancelExport('h')).toEqual({ ok: true, value: false });
    expect(electron.invoke).not.toHaveBeenCalled();
    let finish: (v: unknown) => void = () => {};
    electron.invoke.mockImplementationOnce(() => new Promise((resolve) => (finish = resolve)));
    const running = api.exportPdf({ handle: 'h', pages: [{}] });
    const { job: progressId } = electron.invoke.mock.calls.at(-1)![1] as { job: string };
    electron.invoke.mockImplementationOnce(async () => ({ ok: true, value: true }));
    expect(await api.cancelExport('other')).toEqual({ ok: true, value: false });
    expect(await api.cancelExport('h')).toEqual({ ok: true, value: true });
    expect(electron.invoke).toHaveBeenLastCalledWith(channelOf('cancelExport'), progressId);
    finish({ ok: false, error: { code: 'CANCELLED', message: 'the export was cancelled' } });
    await running;
    electron.invoke.mockClear();
    expect(await api.cancelExport('h')).toEqual({ ok: true, value: false });
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('builds asset URLs locally, on the asset scheme', () => {
    electron.invoke.mockClear();
    expect(api.assetUrl('h-1', 'a'.repeat(64))).toBe(`banmian-asset://doc/h-1/${'a'.repeat(64)}`);
    expect(electron.invoke).not.toHaveBeenCalled();
  });

  it('passes known commands to listeners, without the event, and unsubscribes', () => {
    const got: AppCommand[] = [];
    const off = api.onCommand((c) => got.push(c));
    const emit = (...args: unknown[]) => electron.listeners.get(COMMAND_CHANNEL)!.forEach((fn) => fn(...args));
    emit({ sender: 'internals' }, 'save');
    emit({}, 'rm -rf');
    emit({}, 42);
    expect(got).toEqual(['save']);
    off();
    emit({}, 'undo');
    expect(got).toEqual(['save']);
    expect(APP_COMMANDS).toContain('saveAndClose');
  });
});
