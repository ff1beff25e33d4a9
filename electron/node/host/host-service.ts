/**
 * The host's operations, whatever carries them: web mode's HTTP routes and
 * the Electron shell's IPC handlers both validate their arguments and then
 * call these. Every operation returns a Result; none throws for bad input.
 */
import { isAbsolute, resolve } from 'node:path';
import type { ExportInfo, OpenedDocument, RecoveredEntry, SavedInfo } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { exportPdf } from '../export/export-pdf';
import type { PdfPrinter } from '../export/printer';
import type { PrintPdfRequest } from '../pdf/print-ready';
import type { DocumentSession } from '../session/document-session';
import { openedDocument } from '../session/document-session';
import { referencedAssetHashes } from '../session/referenced-assets';
import { checkPages, SessionStore } from '../session/session-store';
import type { AssetData } from '../storage/index';
import type { ProxyImage } from './asset-proxy';
import { AssetProxyCache } from './asset-proxy';
import type { RecoveryJournal } from './recovery';

export interface HostServiceOptions {
  sessions?: SessionStore;
  /** Prints print mode to a raw PDF; set once the transport knows its URL. */
  printer?: PdfPrinter | null;
  /** The crash-recovery journal, or null when none is available. */
  journal?: RecoveryJournal | null;
  /** Resolves relative paths the renderer sends (default: the process's cwd). */
  cwd?: string;
}

const NO_JOURNAL = fail<never>('NOT_AVAILABLE', 'crash recovery is not available in this build');

export class HostService {
  readonly sessions: SessionStore;
  printer: PdfPrinter | null;
  private readonly journalStore: RecoveryJournal | null;
  private readonly cwd: string;
  private readonly proxies = new AssetProxyCache();
  /** The session of the document given on the command line. */
  private initialHandle: string | null = null;

  constructor(options: HostServiceOptions = {}) {
    this.sessions = options.sessions ?? new SessionStore();
    this.printer = options.printer ?? null;
    this.journalStore = options.journal ?? null;
    this.cwd = options.cwd ?? process.cwd();
  }

  /** Opens the command line's document; later `initial()` calls return it. */
  async openInitial(path: string): Promise<Result<OpenedDocument>> {
    const opened = await this.openPath(path);
    if (opened.ok) this.initialHandle = opened.value.handle;
    return opened;
  }

  initial(): Result<OpenedDocument | null> {
    const session = this.initialHandle ? this.sessions.get(this.initialHandle) : undefined;
    return ok(session ? openedDocument(session) : null);
  }

  async openPath(path: string, owner?: number): Promise<Result<OpenedDocument>> {
    const opened = await this.sessions.openPath(this.absolute(path));
    if (!opened.ok) return opened;
    if (owner !== undefined) opened.value.owner = owner;
    return ok(openedDocument(opened.value));
  }

  /** Saves to `path`, or to the document's own path when null (else NO_PATH). */
  save(handle: string, pages: unknown[], path: string | null): Promise<Result<SavedInfo>> {
    return this.sessions.save(handle, pages, path === null ? null : this.absolute(path));
  }

  async exportPdf(handle: string, pages: unknown[], path: string, print?: PrintPdfRequest): Promise<Result<ExportInfo>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    if (!this.printer) return fail('NOT_AVAILABLE', 'printing is not available in this host');
    return exportPdf({ session: found.value, pages, outPath: this.absolute(path), printer: this.printer, print });
  }

  /** The pages last sent for export, for the renderer in print mode. */
  printDocument(handle: string): Result<OpenedDocument> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const session = found.value;
    if (!session.printPages) return fail('NOTHING_TO_PRINT', 'no export is under way for that document');
    return ok(openedDocument(session, session.printPages));
  }

  setDirty(handle: string, dirty: boolean): Result<void> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    found.value.dirty = dirty;
    return ok(undefined);
  }

  /** The image's screen proxy, when the document holds it. */
  async assetProxy(handle: string, hash: string): Promise<Result<ProxyImage>> {
    const asset = this.asset(handle, hash);
    if (!asset.ok) return asset;
    try {
      return ok(await this.proxies.get(asset.value));
    } catch (e) {
      return fail('BAD_IMAGE', `cannot decode the image: ${(e as Error).message}`);
    }
  }

  /** The original image, for print. */
  assetOriginal(handle: string, hash: string): Result<ProxyImage> {
    const asset = this.asset(handle, hash);
    return asset.ok ? ok({ bytes: asset.value.bytes, mime: asset.value.entry.mime }) : asset;
  }

  asset(handle: string, hash: string): Result<AssetData> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    const asset = found.value.assets.get(hash);
    return asset ? ok(asset) : fail('NO_SUCH_ASSET', 'the document holds no such image');
  }

  async journal(handle: string, pages: unknown[]): Promise<Result<void>> {
    const found = this.sessions.require(handle);
    if (!found.ok) return found;
    if (!this.journalStore) return NO_JOURNAL;
    const checked = checkPages(pages);
    if (!checked.ok) return checked;
    const session = found.value;
    session.pages = checked.value.pages;
    return this.journalStore.write({
      handle,
      path: session.path,
      name: session.name,
      pages: checked.value.pages,
      assetHashes: [...referencedAssetHashes(checked.value.pages)],
    });
  }

  listRecovered(): Promise<Result<RecoveredEntry[]>> {
    return this.journalStore ? this.journalStore.list() : Promise.resolve(NO_JOURNAL);
  }

  async openRecovered(id: string, owner?: number): Promise<Result<OpenedDocument>> {
    if (!this.journalStore) return NO_JOURNAL;
    const record = await this.journalStore.read(id);
    if (!record.ok) return record;
    const { path, name, pages, assetHashes } = record.value;
    const assets: AssetData[] = [];
    const warnings: string[] = [];
    if (assetHashes.length > 0) {
      // Journal entries hold pages only; the images come from the saved file or from open sessions.
      const known = new Map<string, AssetData>();
      for (const s of this.sessions.all()) for (const [hash, a] of s.assets) known.set(hash, a);
      if (path !== null && assetHashes.some((h) => !known.has(h))) {
        const file = await this.sessions.openPath(path);
        if (file.ok) {
          for (const [hash, a] of file.value.assets) known.set(hash, a);
          this.sessions.close(file.value.handle);
        }
      }
      for (const hash of assetHashes) {
        const a = known.get(hash);
        if (a) assets.push(a);
        else warnings.push(`an image of the recovered page is missing (${hash.slice(0, 12)}…)`);
      }
    }
    const session: DocumentSession = this.sessions.create({ path, name, pages, assets, warnings });
    session.dirty = true;
    if (owner !== undefined) session.owner = owner;
    return ok(openedDocument(session));
  }

  discardRecovered(id: string): Promise<Result<void>> {
    return this.journalStore ? this.journalStore.discard(id) : Promise.resolve(NO_JOURNAL);
  }

  async close(): Promise<void> {
    await this.printer?.close();
  }

  private absolute(path: string): string {
    return isAbsolute(path) ? path : resolve(this.cwd, path);
  }
}
