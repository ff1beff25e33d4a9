/**
 * The HostApi over HTTP, for web mode (`banmian web`), per
 * shared/host/web-protocol.ts: every method of the host's table is a POST of
 * its arguments (or, for uploads, of the file's bytes) with the page URL's
 * token. Web mode has no native dialogs: where the desktop shows a file
 * dialog, this asks for a path with `window.prompt` or picks a file with a
 * file `<input>`, then calls the table method that takes it.
 */
import type { AppCommand, ExportInfo, ExportProgress, HostApi, OpenedDocument, SavedInfo } from '../../shared/host/host-api';
import type { HostMethodName, HostMethodsClient } from '../../shared/host/host-methods';
import { HOST_METHOD_NAMES, HOST_METHODS } from '../../shared/host/host-methods';
import { isHostErrorCode } from '../../shared/host/host-error';
import { ARGS_HEADER, ASSET_ROUTE, FILE_NAME_HEADER, methodRoute, TOKEN_HEADER, TOKEN_QUERY } from '../../shared/host/web-protocol';
import type { Result } from '../../shared/result';
import { fail, ok } from '../../shared/result';
import { defaultExportPath, defaultSavePath } from './default-paths';
import { pickCopyFile, pickImageFile, pickProfileFile } from './pick-file';
import type { PickedFile } from './pick-file';

/** Asks a person for a path; null when cancelled. */
export type PathPrompt = (kind: 'open' | 'save' | 'export', suggestion: string) => string | null;

export interface WebHostOptions {
  /** Origin of the server, e.g. `http://127.0.0.1:5173`. */
  origin: string;
  token: string;
  prompt: PathPrompt;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Asks for a file of copy; defaults to a file `<input>`. */
  pickFile?: () => Promise<PickedFile | null>;
  /** Asks for an image to place; defaults to a file `<input>` for JPEG and PNG. */
  pickImage?: () => Promise<PickedFile | null>;
  /** Asks for an output ICC profile; defaults to a file `<input>` for .icc and .icm. */
  pickProfile?: () => Promise<PickedFile | null>;
}

/** How often web mode asks for an export's progress (the host keeps every report, so none is missed between polls). */
const EXPORT_POLL_MS = 200;

interface KnownDocument {
  path: string | null;
  name: string;
}

/** A fresh id for an export job (the server follows and cancels the export under it). */
function newJob(): string {
  return `j${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** The HostApi of web mode. */
export function createWebHost(options: WebHostOptions): HostApi {
  const origin = options.origin.replace(/\/$/, '');
  const token = options.token;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const pickers = { copy: options.pickFile ?? pickCopyFile, image: options.pickImage ?? pickImageFile, profile: options.pickProfile ?? pickProfileFile };
  // The running export's job id per document, for cancelExport.
  const exporting = new Map<string, string>();
  // What we know of each open document, for the prompts' suggested paths.
  const documents = new Map<string, KnownDocument>();

  async function send(route: string, init: RequestInit): Promise<Result<unknown>> {
    let response: Response;
    try {
      response = await fetchFn(origin + route, init);
    } catch (e) {
      return fail('NETWORK', `cannot reach the Banmian server: ${(e as Error).message}`);
    }
    let data: unknown;
    try {
      data = await response.json();
    } catch {
      return fail('BAD_RESPONSE', `the server answered ${response.status} without a result`);
    }
    if (!isResult(data)) return fail('BAD_RESPONSE', `the server answered ${response.status} with an unexpected body`);
    return data;
  }

  /** Sends a file's bytes to an upload method, with the argument's other fields. */
  function upload(method: HostMethodName, limit: number, fields: object, file: PickedFile): Promise<Result<unknown>> {
    // Refused here too, so a file far too big is never read or sent.
    if (file.size > limit) {
      return Promise.resolve(fail('TOO_LARGE', `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB, more than web mode takes for it (${limit / 1024 / 1024} MiB)`));
    }
    return send(methodRoute(method), {
      method: 'POST',
      headers: {
        [TOKEN_HEADER]: token,
        'Content-Type': 'application/octet-stream',
        [FILE_NAME_HEADER]: encodeURIComponent(file.name),
        [ARGS_HEADER]: encodeURIComponent(JSON.stringify(fields)),
      },
      body: file.body as BodyInit,
    });
  }

  /** Calls a table method; documents it answers with are remembered for the prompts. */
  async function call(method: HostMethodName, args: unknown[]): Promise<Result<unknown>> {
    const spec = HOST_METHODS[method];
    let r: Result<unknown>;
    if ('upload' in spec) {
      const { file, ...fields } = (args[0] ?? {}) as { file?: { name: string; bytes: Uint8Array } };
      if (!file) return fail('NOT_AVAILABLE', `${method} in web mode sends the file itself`);
      r = await upload(method, spec.upload.limit, fields, { name: file.name, size: file.bytes.byteLength, body: file.bytes });
    } else {
      r = await send(methodRoute(method), {
        method: 'POST',
        headers: { [TOKEN_HEADER]: token, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
    }
    if (r.ok && isOpenedDocument(r.value)) documents.set(r.value.handle, { path: r.value.path, name: r.value.name });
    return r;
  }

  const table = Object.fromEntries(HOST_METHOD_NAMES.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as HostMethodsClient;

  /** Picks a file when the request has none (null: the picker was cancelled), then uploads it. */
  async function pickAndUpload<T>(method: 'importCopy' | 'importImage', request: { handle: string; file?: { name: string; bytes: Uint8Array } }, pick: () => Promise<PickedFile | null>) {
    if (request.file) return table[method]({ handle: request.handle, file: request.file }) as Promise<Result<T | null>>;
    const file = await pick();
    if (!file) return ok(null);
    return upload(method, HOST_METHODS[method].upload.limit, { handle: request.handle }, file) as Promise<Result<T | null>>;
  }

  const { exportWithOptions: _e, exportProgress: _p, uploadOutputProfile: _u, ...plain } = table;
  return {
    ...plain,
    kind: 'web',

    async openDocument() {
      const last = [...documents.values()].at(-1);
      const path = options.prompt('open', last?.path ?? '');
      if (path === null || path.trim() === '') return ok(null);
      return table.openPath(path.trim());
    },

    async saveDocument(request) {
      const known = documents.get(request.handle);
      const ask = (): string | null => {
        const path = options.prompt('save', defaultSavePath(known?.path ?? null, known?.name ?? ''));
        return path === null || path.trim() === '' ? null : path.trim();
      };
      let path: string | null = null;
      if (request.saveAs || !known?.path) {
        path = ask();
        if (path === null) return ok(null);
      }
      const body = { handle: request.handle, pages: request.pages, ...(path === null ? {} : { path }) };
      let r = (await table.saveDocument(body)) as Result<SavedInfo | null>;
      if (!r.ok && r.error.code === 'NO_PATH' && path === null) {
        path = ask();
        if (path === null) return ok(null);
        r = await table.saveDocument({ ...body, path });
      }
      if (r.ok && r.value) documents.set(request.handle, { path: r.value.path, name: r.value.name });
      return r;
    },

    async exportPdf(request, onProgress) {
      const known = documents.get(request.handle);
      const path = options.prompt('export', defaultExportPath(known?.path ?? null, known?.name ?? ''));
      if (path === null || path.trim() === '') return ok(null);
      // HTTP cannot push: the export runs as one request while its progress is polled, and it is cancelled, under a job id.
      const job = newJob();
      exporting.set(request.handle, job);
      // The job keeps every report in order; each one is heard once, whatever the polls' timing.
      let heard = 0;
      const poll = async () => {
        if (!onProgress) return;
        const r = await table.exportProgress(job);
        if (!r.ok || !r.value) return;
        const reports = r.value as readonly ExportProgress[];
        for (; heard < reports.length; heard++) onProgress(reports[heard]!);
      };
      let done = false;
      const polling = (async () => {
        while (onProgress && !done) {
          await new Promise((resolve) => setTimeout(resolve, EXPORT_POLL_MS));
          if (!done) await poll();
        }
      })();
      try {
        return (await table.exportWithOptions({ ...request, path: path.trim(), job })) as Result<ExportInfo | null>;
      } finally {
        if (exporting.get(request.handle) === job) exporting.delete(request.handle);
        done = true;
        await polling;
        // The last state (preflight's findings when they stopped the export) is kept for a last look.
        await poll();
      }
    },

    /** Stops the document's running export (its request then answers code CANCELLED). */
    async cancelExport(handle) {
      const job = exporting.get(handle);
      if (job === undefined) return ok(false);
      return table.cancelExport(job);
    },

    /** Picks an output profile and uploads it: the host checks and keeps it, answering the path the export options take. */
    async chooseOutputProfile() {
      const file = await pickers.profile();
      if (!file) return ok(null);
      return upload('uploadOutputProfile', HOST_METHODS.uploadOutputProfile.upload.limit, {}, file) as ReturnType<HostApi['chooseOutputProfile']>;
    },

    setDirty(handle, dirty) {
      // Fire and forget: the server only uses it for its own prompts and logs.
      void table.setDirty(handle, dirty);
    },

    /** Uploads a file of copy; without one in the request, asks with a file picker (null when cancelled). */
    importCopy: (request) => pickAndUpload('importCopy', request, pickers.copy),
    /** Uploads an image to place; without one in the request, asks with a file picker (null when cancelled). */
    importImage: (request) => pickAndUpload('importImage', request, pickers.image),

    assetUrl(handle, hash) {
      const q = new URLSearchParams({ [TOKEN_QUERY]: token });
      return `${origin}${ASSET_ROUTE}${encodeURIComponent(handle)}/${encodeURIComponent(hash)}?${q}`;
    },

    onCommand(_listener: (command: AppCommand) => void) {
      // Web mode has no menus or window to close: nothing ever sends a command.
      return () => {};
    },
  };
}

function isOpenedDocument(value: unknown): value is OpenedDocument {
  return value !== null && typeof value === 'object' && typeof (value as OpenedDocument).handle === 'string' && Array.isArray((value as OpenedDocument).pages);
}

function isResult(data: unknown): data is Result<unknown> {
  if (data === null || typeof data !== 'object') return false;
  const r = data as { ok?: unknown; error?: unknown };
  // A void result may come without `value` (JSON drops undefined).
  if (r.ok === true) return true;
  if (r.ok === false) {
    const e = r.error as { code?: unknown; message?: unknown } | undefined;
    return !!e && isHostErrorCode(e.code) && typeof e.message === 'string';
  }
  return false;
}
