/**
 * The Electron host's IPC handlers: one per method of the table
 * (shared/host/host-methods.ts), independent of Electron itself. Each call's
 * arguments are checked against the table, then the HostService's method of
 * the same name runs — the same as web mode's — except where the desktop puts
 * its dialogs and its path policy in front (`desktopMethods`).
 */
import { resolve } from 'node:path';
import type { ExportJobRequest, ImportCopyRequest, ImportImageRequest, OpenedDocument, SaveRequest } from '../../../shared/host/host-api';
import type { HostMethodName, HostMethodsService } from '../../../shared/host/host-methods';
import { HOST_METHOD_NAMES } from '../../../shared/host/host-methods';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { callHostMethod } from '../host/call-host-method';
import type { HostService } from '../host/host-service';
import { EXPORT_PROGRESS_CHANNEL } from './channels';

/** What the handlers need from the window system (dialogs, the close prompt). */
export interface ElectronUi {
  /** A path to open, or null when cancelled. */
  chooseOpenPath(): Promise<string | null>;
  /** A file of copy (.txt, .docx, .html) to import, or null when cancelled. */
  chooseCopyPath(): Promise<string | null>;
  /** An image (JPEG, PNG) to place, or null when cancelled. */
  chooseImagePath(): Promise<string | null>;
  /** An output ICC profile (.icc, .icm), or null when cancelled; absent where the shell has no such dialog. */
  chooseProfilePath?(): Promise<string | null>;
  /** A path to save to, or null when cancelled. */
  chooseSavePath(kind: 'save' | 'export', suggestion: string): Promise<string | null>;
  /** Called after a save of a window's document succeeded (a pending close may go on). */
  saved(owner: number): void;
  /** Called when a save did not happen (cancelled or failed): a pending close is off. */
  saveAbandoned(owner: number): void;
}

/** Who called: the window's id, already checked to be our own page. */
export interface IpcCaller {
  owner: number;
  /** Sends a message to the calling page (export progress). */
  send?(channel: string, ...args: unknown[]): void;
}

export type IpcHandler = (caller: IpcCaller, args: unknown[]) => Promise<Result<unknown>>;

/** A suggested file name next to the document, with another extension. */
function suggestion(path: string | null, name: string, extension: string): string {
  const base = (path ?? name).replace(/\.banmian$/i, '');
  return `${base}${extension}`;
}

/** The methods where the desktop shows a dialog or keeps to the paths the person chose. */
function desktopMethods(host: HostService, ui: ElectronUi): Partial<HostMethodsService<IpcCaller>> {
  // The page reaches files only through the person's own choices: paths picked
  // in a dialog, given on the command line, or saved to (this session's recent
  // files). A compromised page cannot name any other path.
  const granted = new Set<string>();
  const grant = <T extends { path: string | null } | null>(r: Result<T>): Result<T> => {
    if (r.ok && r.value?.path) granted.add(resolve(r.value.path));
    return r;
  };
  const notChosen = (path: string) => !granted.has(resolve(path));
  return {
    initialDocument: (caller?: IpcCaller) => grant(host.initialDocument(caller)),
    async openDocument(caller?: IpcCaller): Promise<Result<OpenedDocument | null>> {
      const path = await ui.chooseOpenPath();
      return path === null ? ok(null) : grant(await host.openPath(path, caller));
    },
    async openPath(path: string, caller?: IpcCaller) {
      if (notChosen(path)) return fail('NOT_ALLOWED', 'the desktop app opens only files chosen in its dialogs or opened before');
      return host.openPath(path, caller);
    },
    async saveDocument(request: SaveRequest, caller?: IpcCaller) {
      const owner = caller?.owner ?? -1;
      if (request.path !== undefined && notChosen(request.path)) return fail('NOT_ALLOWED', 'the desktop app saves only where its dialogs chose');
      const session = host.sessions.get(request.handle);
      let path = request.path ?? null;
      if (path === null && (request.saveAs || !session?.path)) {
        path = await ui.chooseSavePath('save', suggestion(session?.path ?? null, session?.name ?? '', '.banmian'));
        if (path === null) {
          ui.saveAbandoned(owner);
          return ok(null);
        }
      }
      const saved = grant(await host.save(request.handle, request.pages, path));
      if (saved.ok) ui.saved(owner);
      else ui.saveAbandoned(owner);
      return saved;
    },
    async exportWithOptions(request: ExportJobRequest, caller?: IpcCaller) {
      if (request.path !== undefined) return fail('NOT_ALLOWED', 'the desktop app writes an export only where its save dialog says');
      const found = host.sessions.require(request.handle);
      if (!found.ok) return found;
      const session = found.value;
      const path = await ui.chooseSavePath('export', suggestion(session.path, session.name, '.pdf'));
      if (path === null) return ok(null);
      const send = caller?.send;
      // The job id is the progress id too: the preload listens for it, and cancels by it.
      const onProgress = request.job && send ? (p: unknown) => send(EXPORT_PROGRESS_CHANNEL, request.job, p) : undefined;
      return host.exportWithOptions({ ...request, path }, { owner: caller?.owner, onProgress });
    },
    async chooseOutputProfile() {
      // A path only from the person's own choice in the dialog.
      if (!ui.chooseProfilePath) return fail('NOT_AVAILABLE', 'this host has no dialog to choose a profile');
      const path = await ui.chooseProfilePath();
      return path === null ? ok(null) : host.outputProfileAt(path);
    },
    async importCopy(request: ImportCopyRequest) {
      const found = host.sessions.require(request.handle);
      if (!found.ok) return found;
      if (request.file) return host.importCopyFrom(request.handle, request.file);
      const path = await ui.chooseCopyPath();
      return path === null ? ok(null) : host.importCopyFrom(request.handle, { path });
    },
    async importImage(request: ImportImageRequest) {
      const found = host.sessions.require(request.handle);
      if (!found.ok) return found;
      if (request.file) return host.importImageFrom(request.handle, request.file);
      // A path only from the person's own choice in the dialog.
      const path = await ui.chooseImagePath();
      return path === null ? ok(null) : host.importImageFrom(request.handle, { path });
    },
  };
}

/** A handler for every method of the table. */
export function createIpcHandlers(host: HostService, ui: ElectronUi): Record<HostMethodName, IpcHandler> {
  const service: HostMethodsService<IpcCaller> = { ...bound(host), ...desktopMethods(host, ui) };
  const handlers = {} as Record<HostMethodName, IpcHandler>;
  for (const method of HOST_METHOD_NAMES) handlers[method] = (caller, args) => callHostMethod(service, method, args, caller);
  return handlers;
}

/** The HostService's table methods, bound to it. */
function bound(host: HostService): HostMethodsService<IpcCaller> {
  const service = {} as Record<HostMethodName, unknown>;
  const methods = host as unknown as Record<HostMethodName, (...a: unknown[]) => unknown>;
  for (const method of HOST_METHOD_NAMES) service[method] = methods[method].bind(host);
  return service as HostMethodsService<IpcCaller>;
}
