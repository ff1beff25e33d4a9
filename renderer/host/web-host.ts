/**
 * The HostApi over HTTP, for web mode (`banmian web`), exactly per
 * shared/host/web-protocol.ts. The token comes from the page URL and goes
 * with every API call as a header. Web mode has no native dialogs: where the
 * desktop shows a file dialog, this asks for a path with `window.prompt`.
 */
import type {
  AppCommand,
  ChosenProfile,
  ExportInfo,
  ExportProgress,
  ExportRequest,
  HostApi,
  ImportCopyRequest,
  ImportedCopy,
  ImportedImage,
  ImportImageRequest,
  OpenedDocument,
  RecoveredEntry,
  SavedInfo,
  SaveRequest,
} from '../../shared/host/host-api';
import {
  COPY_HANDLE_HEADER,
  COPY_NAME_HEADER,
  MAX_COPY_UPLOAD_BYTES,
  MAX_IMAGE_UPLOAD_BYTES,
  MAX_PROFILE_UPLOAD_BYTES,
  TOKEN_HEADER, TOKEN_QUERY, WEB_ROUTES } from '../../shared/host/web-protocol';
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

/** How often web mode asks for an export's progress. */
const EXPORT_POLL_MS = 200;

interface KnownDocument {
  path: string | null;
  name: string;
}

export class WebHost implements HostApi {
  readonly kind = 'web' as const;
  readonly #origin: string;
  readonly #token: string;
  readonly #prompt: PathPrompt;
  readonly #fetch: typeof fetch;
  readonly #pickFile: () => Promise<PickedFile | null>;
  readonly #pickImage: () => Promise<PickedFile | null>;
  readonly #pickProfile: () => Promise<PickedFile | null>;
  // The running export's job id per document, for cancelExport.
  readonly #exporting = new Map<string, string>();
  // What we know of each open document, for the prompts' suggested paths.
  readonly #documents = new Map<string, KnownDocument>();

  constructor(options: WebHostOptions) {
    this.#origin = options.origin.replace(/\/$/, '');
    this.#token = options.token;
    this.#prompt = options.prompt;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#pickFile = options.pickFile ?? pickCopyFile;
    this.#pickImage = options.pickImage ?? pickImageFile;
    this.#pickProfile = options.pickProfile ?? pickProfileFile;
  }

  #call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<Result<T>> {
    return this.#send<T>(route, {
      method,
      headers: { [TOKEN_HEADER]: this.#token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  async #send<T>(route: string, init: RequestInit): Promise<Result<T>> {
    let response: Response;
    try {
      response = await this.#fetch(this.#origin + route, init);
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
    return data as Result<T>;
  }

  #remember(doc: OpenedDocument | null): void {
    if (doc) this.#documents.set(doc.handle, { path: doc.path, name: doc.name });
  }

  async #opened(result: Promise<Result<OpenedDocument | null>>): Promise<Result<OpenedDocument | null>> {
    const r = await result;
    if (r.ok) this.#remember(r.value);
    return r;
  }

  initialDocument(): Promise<Result<OpenedDocument | null>> {
    return this.#opened(this.#call('GET', WEB_ROUTES.initial));
  }

  async openDocument(): Promise<Result<OpenedDocument | null>> {
    const last = [...this.#documents.values()].at(-1);
    const path = this.#prompt('open', last?.path ?? '');
    if (path === null || path.trim() === '') return ok(null);
    return this.openPath(path.trim());
  }

  async openPath(path: string): Promise<Result<OpenedDocument>> {
    const r = await this.#call<OpenedDocument>('POST', WEB_ROUTES.openPath, { path });
    if (r.ok) this.#remember(r.value);
    return r;
  }

  async saveDocument(request: SaveRequest): Promise<Result<SavedInfo | null>> {
    const known = this.#documents.get(request.handle);
    const ask = (): string | null => {
      const path = this.#prompt('save', defaultSavePath(known?.path ?? null, known?.name ?? ''));
      return path === null || path.trim() === '' ? null : path.trim();
    };
    let path: string | null = null;
    if (request.saveAs || !known?.path) {
      path = ask();
      if (path === null) return ok(null);
    }
    const body = { handle: request.handle, pages: request.pages, ...(path === null ? {} : { path }) };
    let r = await this.#call<SavedInfo>('POST', WEB_ROUTES.save, body);
    if (!r.ok && r.error.code === 'NO_PATH' && path === null) {
      path = ask();
      if (path === null) return ok(null);
      r = await this.#call<SavedInfo>('POST', WEB_ROUTES.save, { ...body, path });
    }
    if (r.ok) this.#documents.set(request.handle, { path: r.value.path, name: r.value.name });
    return r;
  }

  async exportPdf(request: ExportRequest, onProgress?: (progress: ExportProgress) => void): Promise<Result<ExportInfo | null>> {
    const known = this.#documents.get(request.handle);
    const path = this.#prompt('export', defaultExportPath(known?.path ?? null, known?.name ?? ''));
    if (path === null || path.trim() === '') return ok(null);
    // HTTP cannot push: the export runs as one request while its progress is polled, and it is cancelled, under a job id.
    const job = `j${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    const body = { handle: request.handle, pages: request.pages, path: path.trim(), ...(request.options ? { options: request.options } : {}), job };
    this.#exporting.set(request.handle, job);
    let last = '';
    const poll = async () => {
      if (!onProgress) return;
      const r = await this.#call<ExportProgress | null>('GET', WEB_ROUTES.exportProgress + job);
      if (!r.ok || !r.value) return;
      const key = JSON.stringify(r.value);
      if (key === last) return;
      last = key;
      onProgress(r.value);
    };
    let done = false;
    const polling = (async () => {
      while (onProgress && !done) {
        await new Promise((resolve) => setTimeout(resolve, EXPORT_POLL_MS));
        if (!done) await poll();
      }
    })();
    try {
      return await this.#call<ExportInfo>('POST', WEB_ROUTES.exportPdf, body);
    } finally {
      if (this.#exporting.get(request.handle) === job) this.#exporting.delete(request.handle);
      done = true;
      await polling;
      // The last state (preflight's findings when they stopped the export) is kept for a last look.
      await poll();
    }
  }

  /** Stops the document's running export (its POST then answers code CANCELLED). */
  async cancelExport(handle: string): Promise<Result<boolean>> {
    const job = this.#exporting.get(handle);
    if (job === undefined) return ok(false);
    return this.#call<boolean>('POST', WEB_ROUTES.exportCancel, { job });
  }

  /**
   * Picks an output profile with a file picker and uploads it: the host
   * checks it and keeps it, answering the path the export options take.
   */
  async chooseOutputProfile(): Promise<Result<ChosenProfile | null>> {
    const file = await this.#pickProfile();
    if (!file) return ok(null);
    if (file.size > MAX_PROFILE_UPLOAD_BYTES) {
      return fail('TOO_LARGE', `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB, larger than any output profile (${MAX_PROFILE_UPLOAD_BYTES / 1024 / 1024} MiB)`);
    }
    return this.#send<ChosenProfile>(WEB_ROUTES.outputProfile, {
      method: 'POST',
      headers: { [TOKEN_HEADER]: this.#token, 'Content-Type': 'application/octet-stream', [COPY_NAME_HEADER]: encodeURIComponent(file.name) },
      body: file.body as BodyInit,
    });
  }

  assetUrl(handle: string, hash: string): string {
    const q = new URLSearchParams({ [TOKEN_QUERY]: this.#token });
    return `${this.#origin}${WEB_ROUTES.asset}${encodeURIComponent(handle)}/${encodeURIComponent(hash)}?${q}`;
  }

  setDirty(handle: string, dirty: boolean): void {
    // Fire and forget: the server only uses it for its own prompts and logs.
    void this.#call('POST', WEB_ROUTES.dirty, { handle, dirty });
  }

  async documentForPrint(handle: string): Promise<Result<OpenedDocument>> {
    const r = await this.#call<OpenedDocument>('GET', WEB_ROUTES.print + encodeURIComponent(handle));
    if (r.ok) this.#remember(r.value);
    return r;
  }

  journal(handle: string, pages: unknown[]): Promise<Result<void>> {
    return this.#call('POST', WEB_ROUTES.journal, { handle, pages });
  }

  listRecovered(): Promise<Result<RecoveredEntry[]>> {
    return this.#call('GET', WEB_ROUTES.recovered);
  }

  async openRecovered(id: string): Promise<Result<OpenedDocument>> {
    const r = await this.#call<OpenedDocument>('POST', WEB_ROUTES.recoveredOpen, { id });
    if (r.ok) this.#remember(r.value);
    return r;
  }

  discardRecovered(id: string): Promise<Result<void>> {
    return this.#call('POST', WEB_ROUTES.recoveredDiscard, { id });
  }

  /**
   * Uploads a file of copy for intake. Without a file in the request, asks
   * for one with a file picker (web mode has no native dialog); null when
   * the picker was cancelled.
   */
  importCopy(request: ImportCopyRequest): Promise<Result<ImportedCopy | null>> {
    return this.#upload<ImportedCopy>(request, {
      route: WEB_ROUTES.importCopy,
      limit: MAX_COPY_UPLOAD_BYTES,
      what: 'copy intake reads',
      pick: this.#pickFile,
    });
  }

  /**
   * Uploads an image to place. Without a file in the request, asks for one
   * with a file picker; null when the picker was cancelled.
   */
  importImage(request: ImportImageRequest): Promise<Result<ImportedImage | null>> {
    return this.#upload<ImportedImage>(request, {
      route: WEB_ROUTES.importImage,
      limit: MAX_IMAGE_UPLOAD_BYTES,
      what: 'an image to place may be',
      pick: this.#pickImage,
    });
  }

  /** Sends a file's bytes to an upload route, picking one first when the request has none. */
  async #upload<T>(
    request: { handle: string; file?: { name: string; bytes: Uint8Array } },
    target: { route: string; limit: number; what: string; pick: () => Promise<PickedFile | null> },
  ): Promise<Result<T | null>> {
    let file: PickedFile | null = request.file ? { name: request.file.name, size: request.file.bytes.length, body: request.file.bytes } : null;
    if (!file) {
      file = await target.pick();
      if (!file) return ok(null);
    }
    // Refused here too, so a file far too big is never read or sent.
    if (file.size > target.limit) {
      return fail('TOO_LARGE', `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MiB, more than ${target.what} (${target.limit / 1024 / 1024} MiB)`);
    }
    return this.#send<T>(target.route, {
      method: 'POST',
      headers: {
        [TOKEN_HEADER]: this.#token,
        'Content-Type': 'application/octet-stream',
        [COPY_HANDLE_HEADER]: request.handle,
        [COPY_NAME_HEADER]: encodeURIComponent(file.name),
      },
      body: file.body as BodyInit,
    });
  }


  onCommand(_listener: (command: AppCommand) => void): () => void {
    // Web mode has no menus or window to close: nothing ever sends a command.
    return () => {};
  }
}

function isResult(data: unknown): boolean {
  if (data === null || typeof data !== 'object') return false;
  const r = data as { ok?: unknown; error?: unknown };
  // A void result may come without `value` (JSON drops undefined).
  if (r.ok === true) return true;
  if (r.ok === false) {
    const e = r.error as { code?: unknown; message?: unknown } | undefined;
    return !!e && typeof e.code === 'string' && typeof e.message === 'string';
  }
  return false;
}
