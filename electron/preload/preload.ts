/**
 * The sandboxed preload: exposes exactly the HostApi as `window.banmian`,
 * each method an `ipcRenderer.invoke` on its own channel. Nothing of Node
 * or Electron reaches the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { APP_COMMANDS } from '../../shared/host/host-api';
import type { AppCommand, ExportProgress, HostApi } from '../../shared/host/host-api';
import { PRINT_QUERY } from '../../shared/host/web-protocol';
import { channelOf, COMMAND_CHANNEL, electronAssetUrl, EXPORT_PROGRESS_CHANNEL } from '../node/ipc/channels';

// Print mode asks for original images; the editor for screen proxies.
const pageSearch = (globalThis as { location?: { search: string } }).location?.search ?? '';
const printing = new URLSearchParams(pageSearch).has(PRINT_QUERY);

// The running export of each document, by its progress id, for cancelExport.
const exporting = new Map<string, string>();

const api: HostApi = {
  kind: 'electron',
  initialDocument: () => ipcRenderer.invoke(channelOf('initialDocument')),
  openDocument: () => ipcRenderer.invoke(channelOf('openDocument')),
  openPath: (path) => ipcRenderer.invoke(channelOf('openPath'), path),
  saveDocument: (request) => ipcRenderer.invoke(channelOf('saveDocument'), request),
  exportPdf: async (request, onProgress) => {
    // Main sends progress tagged with this id; only ours reaches the callback, and only the progress itself.
    // The id is also the job cancelExport stops.
    const progressId = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const wrapped = (_event: unknown, id: unknown, progress: unknown) => {
      if (id === progressId && progress !== null && typeof progress === 'object') onProgress?.(progress as ExportProgress);
    };
    if (onProgress) ipcRenderer.on(EXPORT_PROGRESS_CHANNEL, wrapped);
    exporting.set(request.handle, progressId);
    try {
      return await ipcRenderer.invoke(channelOf('exportPdf'), { ...request, progressId });
    } finally {
      if (exporting.get(request.handle) === progressId) exporting.delete(request.handle);
      if (onProgress) ipcRenderer.removeListener(EXPORT_PROGRESS_CHANNEL, wrapped);
    }
  },
  cancelExport: async (handle) => {
    const job = exporting.get(handle);
    return job === undefined ? { ok: true, value: false } : ipcRenderer.invoke(channelOf('cancelExport'), job);
  },
  chooseOutputProfile: () => ipcRenderer.invoke(channelOf('chooseOutputProfile')),
  assetUrl: (handle, hash) => electronAssetUrl(handle, hash, printing),
  setDirty: (handle, dirty) => {
    void ipcRenderer.invoke(channelOf('setDirty'), handle, dirty);
  },
  documentForPrint: (handle) => ipcRenderer.invoke(channelOf('documentForPrint'), handle),
  journal: (handle, pages) => ipcRenderer.invoke(channelOf('journal'), handle, pages),
  listRecovered: () => ipcRenderer.invoke(channelOf('listRecovered')),
  openRecovered: (id) => ipcRenderer.invoke(channelOf('openRecovered'), id),
  discardRecovered: (id) => ipcRenderer.invoke(channelOf('discardRecovered'), id),
  importCopy: (request) => ipcRenderer.invoke(channelOf('importCopy'), request),
  importImage: (request) => ipcRenderer.invoke(channelOf('importImage'), request),
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
