/**
 * The sandboxed preload: exposes exactly the HostApi as `window.banmian`.
 * Every public method of the host's table (shared/host/host-methods.ts) is an
 * `ipcRenderer.invoke` on its own channel with its arguments, nothing more;
 * the few the HostApi composes are written here. Nothing of Node or Electron
 * reaches the page. The method names come from main, which handles exactly
 * the table: importing the table would put its zod schemas in front of every
 * window's start (measured: ~75 ms to load a 770 KB preload, against 0.5 ms).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { AppCommand, ExportProgress, HostApi } from '../../shared/host/host-api';
import type { HostMethodName } from '../../shared/host/host-methods';
import { APP_COMMANDS } from '../../shared/host/host-types';
import { PRINT_QUERY } from '../../shared/host/web-protocol';
import { channelOf, COMMAND_CHANNEL, electronAssetUrl, EXPORT_PROGRESS_CHANNEL, METHODS_CHANNEL } from '../node/ipc/channels';

// Print mode asks for original images; the editor for screen proxies.
const pageSearch = (globalThis as { location?: { search: string } }).location?.search ?? '';
const printing = new URLSearchParams(pageSearch).has(PRINT_QUERY);

const invoke = (method: HostMethodName, ...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args);

// The table's public methods, each on its own channel.
const names: unknown = ipcRenderer.sendSync(METHODS_CHANNEL);
const table = Object.fromEntries(
  (Array.isArray(names) ? names : [])
    .filter((m): m is HostMethodName => typeof m === 'string' && /^[A-Za-z]{1,64}$/.test(m))
    .map((m) => [m, (...args: unknown[]) => invoke(m, ...args)]),
);

// The running export of each document, by its job id, for cancelExport.
const exporting = new Map<string, string>();

const api: HostApi = {
  ...(table as unknown as HostApi),
  kind: 'electron',
  exportPdf: async (request, onProgress) => {
    // Main sends progress tagged with this job id; only ours reaches the callback, and only the progress itself.
    // The id is also the job cancelExport stops.
    const job = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const wrapped = (_event: unknown, id: unknown, progress: unknown) => {
      if (id === job && progress !== null && typeof progress === 'object') onProgress?.(progress as ExportProgress);
    };
    if (onProgress) ipcRenderer.on(EXPORT_PROGRESS_CHANNEL, wrapped);
    exporting.set(request.handle, job);
    try {
      return await invoke('exportWithOptions', { ...request, job });
    } finally {
      if (exporting.get(request.handle) === job) exporting.delete(request.handle);
      if (onProgress) ipcRenderer.removeListener(EXPORT_PROGRESS_CHANNEL, wrapped);
    }
  },
  cancelExport: async (handle) => {
    const job = exporting.get(handle);
    return job === undefined ? { ok: true, value: false } : invoke('cancelExport', job);
  },
  setDirty: (handle, dirty) => {
    void invoke('setDirty', handle, dirty);
  },
  assetUrl: (handle, hash) => electronAssetUrl(handle, hash, printing),
  onCommand: (listener) => {
    // The event object would hand the page Electron internals: pass the command only, and only a known one.
    const wrapped = (_event: unknown, command: unknown) => {
      if (typeof command === 'string' && (APP_COMMANDS as readonly string[]).includes(command)) listener(command as AppCommand);
    };
    ipcRenderer.on(COMMAND_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('banmian', api);
