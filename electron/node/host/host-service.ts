/**
 * The host's operations, whatever carries them. It implements the method
 * table (shared/host/host-methods.ts) under the table's names: web mode's
 * HTTP routes and the Electron shell's IPC handlers check each call's
 * arguments against the table and call the method of the same name here
 * (the desktop shell puts its dialogs in front of a few). Every operation
 * returns a Result; none throws for bad input.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type * as Api from '../../../shared/host/host-api';
import type { HostInfo, HostMethodsService, PageThumbnail } from '../../../shared/host/host-methods';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { ExportJobs } from '../export/export-jobs';
import { printRequestOf } from '../export/export-options';
import { exportPdf } from '../export/export-pdf';
import type { PageThumbnailsOptions } from '../export/page-thumbnails';
import { PageThumbnails } from '../export/page-thumbnails';
import type { PdfPrinter } from '../export/printer';
import type { PrintPdfRequest } from '../pdf/print-ready';
import { projectRoot } from '../project-root';
import { openedDocument } from '../session/document-session';
import { SessionStore } from '../session/session-store';
import type { AssetData } from '../storage/index';
import type { AssetEntry } from '../../../shared/format/manifest';
import type { ProxyImage } from './asset-proxy';
import { AssetProxyCache } from './asset-proxy';
import { OutputProfiles } from './output-profiles';
import { fetchDeskAssets } from '../desk/desk-assets';
import { DeskImages } from './desk-images';
import { HostRecovery } from './host-recovery';
import type { Journal } from '../recovery/index';
import { journalId } from '../recovery/index';
import type { CopySource } from './import-copy';
import { importCopy } from './import-copy';
import type { ImageSource } from './import-image';
import { importImage } from './import-image';

export interface HostServiceOptions {
  sessions?: SessionStore;
  /** Prints print mode to a raw PDF; set once the transport knows its URL. */
  printer?: PdfPrinter | null;
  /** The crash-recovery journal, or null when none is available. */
  journal?: Journal | null;
  /** Resolves relative paths the renderer sends (default: the process's cwd). */
  cwd?: string;
  /** The built copy-intake worker (default: `intake-worker.mjs` next to the running bundle). */
  intakeWorkerUrl?: URL;
  /** The desk to join at start (`banmian web --desk …`). */
  desk?: Api.DeskConnection | null;
  /** How page thumbnails are cached (default: in memory only). */
  thumbnails?: PageThumbnailsOptions;
}

const NO_DIALOG = fail<never>('NOT_AVAILABLE', 'this host has no dialogs: send the path or the file');

/** Who called a table method, where the transport knows. */
export interface HostCaller {
  /** The desktop window that called: documents it opens are its own. */
  owner?: number;
  /** Hears an export's progress as the host reaches each stage (the desktop sends it to the calling page). */
  onProgress?: (progress: Api.ExportProgress) => void;
}

export class HostService implements HostMethodsService<HostCaller> {
  readonly sessions: SessionStore;
  printer: PdfPrinter | null;
  private readonly journalStore: Journal | null;
  private readonly cwd: string;
  private readonly intakeWorkerUrl: URL | undefined;
  private readonly proxies = new AssetProxyCache();
  /** Progress of exports under way, for transports that poll. */
  readonly exportJobs = new ExportJobs();
  /** Page thumbnails drawn through the print path, cached by page content. */
  readonly thumbnails: PageThumbnails;
  /** Output profiles chosen on the host's disk or uploaded from web mode. */
  private readonly profiles = new OutputProfiles();
  private readonly desk: Api.DeskConnection | null;
  /** Images placed during desk sessions: uploaded to the desk, fetched from it (decision 0036). */
  private readonly deskImages = new DeskImages();
  /** The recovery journal's side of the host. */
  private readonly recovery: HostRecovery;
  /** The session of the document given on the command line. */
  private initialHandle: string | null = null;

  constructor(options: HostServiceOptions = {}) {
    this.sessions = options.sessions ?? new SessionStore();
    this.printer = options.printer ?? null;
    this.journalStore = options.journal ?? null;
    this.recovery = new HostRecovery(this.journalStore, this.sessions, this.deskImages);
    this.cwd = options.cwd ?? process.cwd();
    this.intakeWorkerUrl = options.intakeWorkerUrl;
    this.desk = options.desk ?? null;
    this.thumbnails = new PageThumbnails(options.thumbnails);
  }

  /** The desk given on the command line, or null. */
  initialDesk(): Result<Api.DeskConnection | null> {
    return ok(this.desk);
  }

  /**
   * A path-less document for a desk edition (its pages live in the desk; a
   * local copy is a Save As), holding the edition's images as the desk
   * serves them (decision 0028). A desk that cannot give them (one from
   * before) still lets the user join: the pages come over the socket, and
   * the photos are missing as they were.
   */
  async deskDocument(desk: Api.DeskConnection, caller?: HostCaller): Promise<Result<Api.DeskDocument>> {
    const fetched = await fetchDeskAssets(desk);
    const assets = fetched.ok ? fetched.value : [];
    const warnings = fetched.ok ? [] : [fetched.error.message];
    const session = this.sessions.create({ path: null, name: `${desk.edition}.banmian`, pages: [], assets, warnings });
    if (caller?.owner !== undefined) session.owner = caller.owner;
    this.deskImages.attach(session.handle, desk);
    return ok({ handle: session.handle, name: session.name, assets: assets.map((a) => a.entry) });
  }

  /** The entries of images a desk document's pages name, fetched from the desk where it lacks them (decision 0036). */
  async deskAssets(handle: string, hashes: string[]): Promise<Result<AssetEntry[]>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const session = found.value;
    await Promise.all(hashes.map((hash) => this.deskImages.fetch(session, hash)));
    return ok(hashes.flatMap((hash) => session.assets.get(hash)?.entry ?? []));
  }

  /** What this host is and can do now (a printer is set once the transport knows its URL). */
  hostInfo(): Result<HostInfo> {
    return ok({ version: packageVersion(), platform: process.platform, recovery: this.journalStore !== null, printing: this.printer !== null });
  }

  /** Opens the command line's document; later `initial()` calls return it. */
  async openInitial(path: string): Promise<Result<Api.OpenedDocument>> {
    const opened = await this.openPath(path);
    if (opened.ok) this.initialHandle = opened.value.handle;
    return opened;
  }

  initial(): Result<Api.OpenedDocument | null> {
    const session = this.initialHandle ? this.sessions.get(this.initialHandle) : undefined;
    return ok(session ? openedDocument(session) : null);
  }

  /** The command line's document; the first window to ask owns it. */
  initialDocument(caller?: HostCaller): Result<Api.OpenedDocument | null> {
    const session = this.initialHandle ? this.sessions.get(this.initialHandle) : undefined;
    if (session && session.owner === undefined && caller?.owner !== undefined) session.owner = caller.owner;
    return this.initial();
  }

  /** Opening through a dialog is the desktop shell's (it has dialogs); here the page sends a path. */
  openDocument(): Result<Api.OpenedDocument | null> {
    return NO_DIALOG;
  }

  async openPath(path: string, caller?: HostCaller): Promise<Result<Api.OpenedDocument>> {
    const opened = await this.sessions.openPath(this.absolute(path));
    if (!opened.ok) return opened;
    if (caller?.owner !== undefined) opened.value.owner = caller.owner;
    return ok(openedDocument(opened.value));
  }

  /** Saves to `request.path`, else the document's own path (else, and always for Save As without a path, NO_PATH). */
  async saveDocument(request: Api.SaveRequest): Promise<Result<Api.SavedInfo | null>> {
    if (request.saveAs && request.path === undefined) return fail('NO_PATH', 'Save As needs a path');
    return this.save(request.handle, request.pages, request.path ?? null);
  }

  /**
   * Saves to `path`, or to the document's own path when null (else NO_PATH).
   * A saved document needs no recovery: its journal entries go.
   */
  async save(handle: string, pages: unknown[], path: string | null): Promise<Result<Api.SavedInfo>> {
    await this.completeFromDesk(handle, pages);
    const saved = await this.sessions.save(handle, pages, path === null ? null : this.absolute(path));
    if (saved.ok && this.journalStore) {
      const session = this.sessions.get(handle);
      await this.journalStore.discard(journalId(handle));
      if (session?.recoveredFrom) {
        await this.journalStore.discard(session.recoveredFrom);
        delete session.recoveredFrom;
      }
    }
    return saved;
  }

  async exportPdf(
    handle: string,
    pages: unknown[],
    path: string,
    print?: PrintPdfRequest,
    more: { onProgress?: (p: Api.ExportProgress) => void; signal?: AbortSignal } = {},
  ): Promise<Result<Api.ExportInfo>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    if (!this.printer) return fail('NOT_AVAILABLE', 'printing is not available in this host');
    await this.deskImages.complete(found.value, pages);
    return exportPdf({ session: found.value, pages, outPath: this.absolute(path), printer: this.printer, print, onProgress: more.onProgress, signal: more.signal });
  }

  /**
   * An export the app's dialog asked for: its options checked, its progress
   * sent to the caller's `onProgress` and, with a `job` id, kept for polling
   * and cancelling.
   */
  async exportWithOptions(request: Api.ExportJobRequest, caller?: HostCaller): Promise<Result<Api.ExportInfo>> {
    if (request.path === undefined) return fail('NO_PATH', 'the export needs a path to write to');
    const print = request.options ? printRequestOf(request.options) : null;
    if (print && !print.ok) return print;
    const job = request.job;
    const report = (p: Api.ExportProgress) => {
      if (job) this.exportJobs.update(job, p);
      caller?.onProgress?.(p);
    };
    let signal: AbortSignal | undefined;
    try {
      signal = job ? this.exportJobs.start(job) : undefined;
    } catch (e) {
      return fail('BAD_REQUEST', (e as Error).message);
    }
    try {
      return await this.exportPdf(request.handle, request.pages, request.path, print?.value, { onProgress: report, signal });
    } finally {
      if (job) this.exportJobs.finish(job);
    }
  }

  /** Every report of the export under `job` so far, in order (null: not started, or long over). */
  exportProgress(job: string): Result<Api.ExportProgress[] | null> {
    return ok(this.exportJobs.reports(job));
  }

  /** Asks the export running under `job` to stop (see HostApi.cancelExport). */
  cancelExport(job: string): Result<boolean> {
    return ok(this.exportJobs.cancel(job));
  }

  /** Choosing a file is the desktop shell's (it has dialogs); web mode's page uploads the profile. */
  chooseOutputProfile(): Result<Api.ChosenProfile | null> {
    return NO_DIALOG;
  }

  /** A profile uploaded from the page (web mode's file picker), checked and kept. */
  uploadOutputProfile(request: Api.UploadProfileRequest): Promise<Result<Api.ChosenProfile>> {
    return this.uploadedOutputProfile(request.file.name, request.file.bytes);
  }

  /** A profile the person picked on the host's disk: checked, ready for the export options. */
  outputProfileAt(path: string): Promise<Result<Api.ChosenProfile>> {
    return this.profiles.at(this.absolute(path));
  }

  /** A profile uploaded from web mode's file picker: checked, then kept so the export can read it by path. */
  uploadedOutputProfile(name: string, bytes: Uint8Array): Promise<Result<Api.ChosenProfile>> {
    return this.profiles.uploaded(name, bytes);
  }

  /** The pages last sent for export, for the renderer in print mode. */
  documentForPrint(handle: string): Result<Api.OpenedDocument> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const session = found.value;
    if (!session.printPages) return fail('NOTHING_TO_PRINT', 'no export is under way for that document');
    return ok(openedDocument(session, session.printPages));
  }

  /** Thumbnails of `pages` through the print path, `width` px wide, cached by page content (export/page-thumbnails.ts). */
  async pageThumbnails(handle: string, pages: unknown[], width: number, layout: PageThumbnail['layout']): Promise<Result<PageThumbnail[]>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    if (!this.printer) return fail('NOT_AVAILABLE', 'printing is not available in this host');
    await this.deskImages.complete(found.value, pages);
    return this.thumbnails.render(found.value, pages, width, this.printer, { layout });
  }

  setDirty(handle: string, dirty: boolean): Result<void> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    found.value.dirty = dirty;
    return ok(undefined);
  }

  /** The image's screen proxy, when the document holds it. */
  async assetProxy(handle: string, hash: string): Promise<Result<ProxyImage>> {
    await this.fetchFromDesk(handle, hash);
    const asset = this.asset(handle, hash);
    if (!asset.ok) return asset;
    try {
      return ok(await this.proxies.get(asset.value));
    } catch (e) {
      return fail('BAD_IMAGE', `cannot decode the image: ${(e as Error).message}`);
    }
  }

  /** The original image, for print. */
  async assetOriginal(handle: string, hash: string): Promise<Result<ProxyImage>> {
    await this.fetchFromDesk(handle, hash);
    const asset = this.asset(handle, hash);
    return asset.ok ? ok({ bytes: asset.value.bytes, mime: asset.value.entry.mime }) : asset;
  }

  asset(handle: string, hash: string): Result<AssetData> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const asset = found.value.assets.get(hash);
    return asset ? ok(asset) : fail('NO_SUCH_ASSET', 'the document holds no such image');
  }

  /** Keeps the pages the renderer journalled (host-recovery.ts). */
  journal(handle: string, pages: unknown[]): Promise<Result<void>> {
    return this.recovery.journal(handle, pages);
  }

  /** Journal entries left by an earlier run (host-recovery.ts). */
  listRecovered(): Promise<Result<Api.RecoveredEntry[]>> {
    return this.recovery.list();
  }

  /** Opens a journalled document as an unsaved document (host-recovery.ts). */
  openRecovered(id: string, caller?: HostCaller): Promise<Result<Api.OpenedDocument>> {
    return this.recovery.open(id, caller);
  }

  /** Reads and recognises the file of copy the page sent (a dialog for it is the desktop shell's). */
  async importCopy(request: Api.ImportCopyRequest): Promise<Result<Api.ImportedCopy | null>> {
    const found = this.sessions.require(request.handle);
    if (!found.ok) return found;
    return request.file ? this.importCopyFrom(request.handle, request.file) : NO_DIALOG;
  }

  /** Adds the image the page sent to the document's assets (a dialog for it is the desktop shell's). */
  async importImage(request: Api.ImportImageRequest): Promise<Result<Api.ImportedImage | null>> {
    const found = this.sessions.require(request.handle);
    if (!found.ok) return found;
    return request.file ? this.importImageFrom(request.handle, request.file) : NO_DIALOG;
  }

  /** Reads and recognises a file of copy for the document's story bin (in the import worker). */
  async importCopyFrom(handle: string, source: CopySource): Promise<Result<Api.ImportedCopy>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const options = this.intakeWorkerUrl ? { workerUrl: this.intakeWorkerUrl } : {};
    return importCopy(found.value, 'path' in source ? { path: this.absolute(source.path) } : source, options);
  }

  /** Validates an image and adds it to the document's assets, for a photo frame. */
  async importImageFrom(handle: string, source: ImageSource): Promise<Result<Api.ImportedImage>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const imported = await importImage(found.value, 'path' in source ? { path: this.absolute(source.path) } : source);
    // A desk document's new image goes to the desk before the page names it in a step (decision 0036).
    const asset = imported.ok ? found.value.assets.get(imported.value.hash) : undefined;
    if (asset) await this.deskImages.share(handle, asset);
    return imported;
  }

  discardRecovered(id: string): Promise<Result<void>> {
    return this.recovery.discard(id);
  }

  async close(): Promise<void> {
    this.exportJobs.clear();
    await this.printer?.close();
  }

  /** A desk document's images that `pages` show and it lacks, fetched from the desk. */
  private async completeFromDesk(handle: string, pages: readonly unknown[]): Promise<void> {
    const session = this.sessions.get(handle);
    if (session) await this.deskImages.complete(session, pages);
  }

  /** One image a desk document lacks, fetched from the desk. */
  private async fetchFromDesk(handle: string, hash: string): Promise<void> {
    const session = this.sessions.get(handle);
    if (session) await this.deskImages.fetch(session, hash);
  }

  private absolute(path: string): string {
    return isAbsolute(path) ? path : resolve(this.cwd, path);
  }
}

let version: string | null = null;
/** Banmian's version from its package.json, read once ('' when it cannot be read). */
function packageVersion(): string {
  if (version === null) {
    try {
      version = String((JSON.parse(readFileSync(`${projectRoot()}/package.json`, 'utf8')) as { version?: unknown }).version ?? '');
    } catch {
      version = '';
    }
  }
  return version;
}
