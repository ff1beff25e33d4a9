/**
 * The Electron host's IPC handlers, one per HostApi method, independent of
 * Electron itself: arguments are validated with zod (the renderer is not
 * trusted), dialogs come through the `ElectronUi` seam, and the work is the
 * HostService's, the same as web mode's.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { HOST_API_METHODS } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { HostService } from '../host/host-service';
import { MAX_COPY_UPLOAD_BYTES, MAX_IMAGE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';
import { handleSchema, issueLine, jobSchema, pagesSchema, pathSchema, recoveredIdSchema } from '../web/api-schemas';
import { exportOptionsSchema } from '../export/export-options';
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

type Handler = (caller: IpcCaller, args: unknown[]) => Promise<unknown>;

/** Methods the renderer reaches through invoke (assetUrl is computed in the preload). */
export const INVOKED_METHODS = HOST_API_METHODS.filter((m) => m !== 'assetUrl' && m !== 'onCommand');
export type InvokedMethod = (typeof INVOKED_METHODS)[number];

const saveRequest = z.object({ handle: handleSchema, pages: pagesSchema, saveAs: z.boolean().optional() }).strict();
const exportRequest = z
  .object({ handle: handleSchema, pages: pagesSchema, options: exportOptionsSchema.optional(), progressId: jobSchema.optional() })
  .strict();
/** A dropped file's bytes: a Uint8Array (structured clone keeps the type), bounded like web mode's upload. */
const copyFile = z
  .object({
    name: z.string().min(1).max(1000),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_COPY_UPLOAD_BYTES, `the file is larger than ${MAX_COPY_UPLOAD_BYTES / 1024 / 1024} MiB`),
  })
  .strict();
const importCopyRequest = z.object({ handle: handleSchema, file: copyFile.optional() }).strict();
const imageFile = z
  .object({
    name: z.string().min(1).max(1000),
    bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_IMAGE_UPLOAD_BYTES, `the image is larger than ${MAX_IMAGE_UPLOAD_BYTES / 1024 / 1024} MiB`),
  })
  .strict();
const importImageRequest = z.object({ handle: handleSchema, file: imageFile.optional() }).strict();

const ARGS = {
  initialDocument: z.tuple([]),
  openDocument: z.tuple([]),
  openPath: z.tuple([pathSchema]),
  saveDocument: z.tuple([saveRequest]),
  exportPdf: z.tuple([exportRequest]),
  // The preload's progress id of the export to stop (it knows which export is the document's).
  cancelExport: z.tuple([jobSchema]),
  chooseOutputProfile: z.tuple([]),
  setDirty: z.tuple([handleSchema, z.boolean()]),
  documentForPrint: z.tuple([handleSchema]),
  journal: z.tuple([handleSchema, pagesSchema]),
  listRecovered: z.tuple([]),
  openRecovered: z.tuple([recoveredIdSchema]),
  discardRecovered: z.tuple([recoveredIdSchema]),
  importCopy: z.tuple([importCopyRequest]),
  importImage: z.tuple([importImageRequest]),
} satisfies Record<InvokedMethod, z.ZodType>;

/** A suggested file name next to the document, with another extension. */
function suggestion(path: string | null, name: string, extension: string): string {
  const base = (path ?? name).replace(/\.banmian$/i, '');
  return `${base}${extension}`;
}

export function createIpcHandlers(host: HostService, ui: ElectronUi): Record<InvokedMethod, Handler> {
  // The page reaches files only through the person's own choices: paths picked
  // in a dialog, given on the command line, or saved to (this session's recent
  // files). A compromised page cannot name any other path.
  const granted = new Set<string>();
  const grant = <T extends { path: string | null } | null>(r: Result<T>): Result<T> => {
    if (r.ok && r.value?.path) granted.add(resolve(r.value.path));
    return r;
  };
  const impl: { [M in InvokedMethod]: (caller: IpcCaller, ...args: z.infer<(typeof ARGS)[M]>) => Promise<unknown> } = {
    async initialDocument(caller) {
      const initial = grant(host.initial());
      if (initial.ok && initial.value) {
        const session = host.sessions.get(initial.value.handle);
        if (session && session.owner === undefined) session.owner = caller.owner;
      }
      return initial;
    },
    async openDocument(caller) {
      const path = await ui.chooseOpenPath();
      return path === null ? ok(null) : grant(await host.openPath(path, caller.owner));
    },
    async openPath(caller, path) {
      if (!granted.has(resolve(path))) {
        return fail('NOT_ALLOWED', 'the desktop app opens only files chosen in its dialogs or opened before');
      }
      return host.openPath(path, caller.owner);
    },
    async saveDocument(caller, request) {
      const session = host.sessions.get(request.handle);
      let path: string | null = null;
      if (request.saveAs || !session?.path) {
        path = await ui.chooseSavePath('save', suggestion(session?.path ?? null, session?.name ?? '', '.banmian'));
        if (path === null) {
          ui.saveAbandoned(caller.owner);
          return ok(null);
        }
      }
      const saved = grant(await host.save(request.handle, request.pages, path));
      if (saved.ok) ui.saved(caller.owner);
      else ui.saveAbandoned(caller.owner);
      return saved;
    },
    async exportPdf(caller, request) {
      const session = host.sessions.get(request.handle);
      if (!session) return host.sessions.require(request.handle);
      const path = await ui.chooseSavePath('export', suggestion(session.path, session.name, '.pdf'));
      if (path === null) return ok(null);
      const { progressId, ...rest } = request;
      const send = caller.send;
      const onProgress = progressId && send ? (p: unknown) => send(EXPORT_PROGRESS_CHANNEL, progressId, p) : undefined;
      // The progress id is the job id too: the preload cancels by it.
      return host.exportWithOptions({ ...rest, path, ...(progressId ? { job: progressId } : {}) }, onProgress);
    },
    cancelExport: async (_caller, job) => host.cancelExport(job),
    async chooseOutputProfile() {
      // A path only from the person's own choice in the dialog.
      if (!ui.chooseProfilePath) return fail('NOT_AVAILABLE', 'this host has no dialog to choose a profile');
      const path = await ui.chooseProfilePath();
      return path === null ? ok(null) : host.outputProfileAt(path);
    },
    setDirty: async (_caller, handle, dirty) => host.setDirty(handle, dirty),
    documentForPrint: async (_caller, handle) => host.printDocument(handle),
    journal: (_caller, handle, pages) => host.journal(handle, pages),
    listRecovered: () => host.listRecovered(),
    openRecovered: (caller, id) => host.openRecovered(id, caller.owner),
    discardRecovered: (_caller, id) => host.discardRecovered(id),
    async importCopy(_caller, request) {
      const found = host.sessions.require(request.handle);
      if (!found.ok) return found;
      if (request.file) return host.importCopy(request.handle, { name: request.file.name, bytes: request.file.bytes });
      const path = await ui.chooseCopyPath();
      return path === null ? ok(null) : host.importCopy(request.handle, { path });
    },
    async importImage(_caller, request) {
      const found = host.sessions.require(request.handle);
      if (!found.ok) return found;
      if (request.file) return host.importImage(request.handle, { name: request.file.name, bytes: request.file.bytes });
      // A path only from the person's own choice in the dialog.
      const path = await ui.chooseImagePath();
      return path === null ? ok(null) : host.importImage(request.handle, { path });
    },
  };

  const handlers = {} as Record<InvokedMethod, Handler>;
  for (const method of INVOKED_METHODS) {
    handlers[method] = async (caller, args) => {
      const parsed = ARGS[method].safeParse(args);
      if (!parsed.success) return fail('BAD_REQUEST', `${method}: ${issueLine(parsed.error)}`);
      try {
        return await (impl[method] as (caller: IpcCaller, ...a: unknown[]) => Promise<unknown>)(caller, ...(parsed.data as unknown[]));
      } catch (e) {
        // Error objects do not survive IPC; a bug of ours still becomes a Result.
        return fail('INTERNAL', (e as Error).message.split('\n')[0]!) satisfies Result<never>;
      }
    };
  }
  return handlers;
}
