/**
 * The application's state outside the document: which document is open,
 * the zoom, the message line. Owns the EditorSession; React reads both
 * through subscriptions and calls the actions here.
 */
import type { AssetEntry } from '../../shared/format/manifest';
import type { ExportInfo, ExportOptions, ExportProgress, HostApi, OpenedDocument } from '../../shared/host/host-api';
import type { Result } from '../../shared/result';
import { gridMetrics } from '../../shared/page/geometry';
import { Emitter } from '../base/emitter';
import type { EmitterEvent } from '../base/emitter';
import { Store } from '../base/store';
import { t } from '../i18n/i18n';
import { EditorSession } from '../editor/editor-session';
import type { SessionOptions } from '../editor/editor-session';
import type { Node } from 'prosemirror-model';
import { PASTEBOARD_PX } from '../page/bin-layout';
import { loadPages } from './load-document';
import { joinDesk } from './join-desk';
import { isRemote, unknownImages } from '../desk/remote-images';
import type { Transaction } from 'prosemirror-state';
import type { DeskConnection } from '../../shared/host/host-api';
import { clampZoom, fitZoom, zoomIn, zoomOut } from '../page/zoom';
import { hostErrorLine } from '../host/host-error-line';

/** Unsaved edits are journalled this long after the first change since the last journal. */
const JOURNAL_DELAY_MS = 3000;

import type { AppSnapshot, OpenDocumentInfo } from './app-snapshot';
export type { AppSnapshot, Message, OpenDocumentInfo } from './app-snapshot';

export class AppController {
  readonly host: HostApi;
  readonly #store = new Store<AppSnapshot>({ document: null, session: null, zoom: 1, fit: true, message: null, busy: false, loading: true, desk: null });
  readonly #importCopy = new Emitter<void>();
  /** The story bin asked to import copy (its 导入稿件 button). */
  readonly onImportCopy: EmitterEvent<void> = this.#importCopy.event;
  #container: HTMLElement | null = null;
  #viewport: HTMLElement | null = null;
  #unsubscribeSession: (() => void) | null = null;
  #lastDirty = false;
  #journalTimer: ReturnType<typeof setTimeout> | null = null;
  /** The open document's images (for preflight's resolution check), by hash. */
  #assets = new Map<string, AssetEntry>();

  constructor(host: HostApi) {
    this.host = host;
  }

  readonly subscribe = this.#store.subscribe;

  readonly getSnapshot = this.#store.getSnapshot;

  get #snapshot(): AppSnapshot {
    return this.#store.getSnapshot();
  }

  #set(patch: Partial<AppSnapshot>): void {
    this.#store.set({ ...this.#snapshot, ...patch });
    // The editor is told the zoom; it never reads it back from the page's styles.
    if (patch.zoom !== undefined) this.#snapshot.session?.zoom.set(patch.zoom);
  }

  /** The element pages are mounted in, and the scrolling viewport around it. */
  attach(container: HTMLElement, viewport: HTMLElement): void {
    this.#container = container;
    this.#viewport = viewport;
    // Leaving the window is when a crash or a forgotten tab costs work: journal at once.
    window.addEventListener('blur', this.#journalOnLeave);
    document.addEventListener('visibilitychange', this.#journalOnLeave);
  }

  get session(): EditorSession | null {
    return this.#snapshot.session;
  }

  showError(text: string): void {
    this.#set({ message: { kind: 'error', text } });
  }

  showInfo(text: string): void {
    this.#set({ message: { kind: 'info', text } });
  }

  dismissMessage(): void {
    this.#set({ message: null });
  }

  /** Unwraps a host result; failures go to the message line, never throw. */
  #check<T>(result: Result<T>): T | undefined {
    if (result.ok) return result.value;
    this.showError(hostErrorLine(result.error));
    return undefined;
  }

  #started = false;

  /** Opens the document the host was started with. Runs once. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const r = await this.host.initialDocument();
    this.#set({ loading: false });
    const opened = this.#check(r);
    if (opened) this.#open(opened);
    else if (opened === null) {
      const desk = await this.host.initialDesk();
      if (desk.ok && desk.value) await this.joinDesk(desk.value);
    }
  }

  /**
   * Joins a desk edition (decision 0024): the page the desk sends replaces
   * the open one once it arrives; save and export go through a path-less
   * host document of the edition's name.
   */
  async joinDesk(connection: DeskConnection): Promise<void> {
    const made = this.#check(await this.host.deskDocument(connection));
    if (!made) return;
    this.#snapshot.desk?.close();
    const desk = joinDesk(this, connection, (doc, plugins, deskAfter) => {
      const afterTransaction = (tr: Transaction) => {
        deskAfter(tr);
        if (tr.docChanged && isRemote(tr)) this.#learnImages(made.handle, tr);
      };
      this.#mount({ handle: made.handle, name: made.name, path: null }, doc, made.assets, { plugins, afterTransaction, flow: false });
      return this.#snapshot.session!.view;
    });
    this.#set({ desk });
  }

  /** Entries of images another person placed (decision 0036), from the host, which fetches them from the desk. */
  #learnImages(handle: string, tr: Transaction): void {
    const hashes = unknownImages(tr, this.#assets);
    if (hashes.length === 0) return;
    void this.host.deskAssets(handle, hashes).then((got) => {
      if (!got.ok || got.value.length === 0 || this.#snapshot.document?.handle !== handle) return;
      // A new map, so that what was computed from the old one (the preflight) is computed again.
      this.#assets = new Map([...this.#assets, ...got.value.map((a) => [a.hash, a] as const)]);
      this.#set({});
    });
  }

  #open(opened: OpenedDocument): void {
    if (!this.#container) throw new RangeError('AppController.attach must be called before opening a document');
    const loaded = loadPages(opened);
    if (!loaded.ok) {
      // The current page stays as it is: a bad file loses nothing.
      this.showError(loaded.message);
      return;
    }
    this.#snapshot.desk?.close();
    this.#set({ desk: null });
    this.#mount({ handle: opened.handle, name: opened.name, path: opened.path }, loaded.doc, opened.assets, {});
    this.#set({ message: loaded.warnings.length > 0 ? { kind: 'info', text: `${t('warnings')}: ${loaded.warnings.join('；')}` } : null });
    // Work the host kept from before a reload is not on disk: closing must still ask.
    if (opened.unsaved) this.#snapshot.session!.markUnsaved();
  }

  /** Shows `doc` in a new editor in place of the open one. */
  #mount(
    info: OpenDocumentInfo,
    doc: Node,
    assets: readonly AssetEntry[],
    extra: Pick<SessionOptions, 'plugins' | 'afterTransaction' | 'flow'>,
  ): void {
    if (!this.#container) throw new RangeError('AppController.attach must be called before opening a document');
    this.#unsubscribeSession?.();
    this.#snapshot.session?.destroy();
    this.#container.replaceChildren();
    const mount = document.createElement('div');
    this.#container.appendChild(mount);
    const handle = info.handle;
    const session = new EditorSession({
      mount,
      doc,
      editable: true,
      assetUrl: (hash) => this.host.assetUrl(handle, hash),
      zoom: this.#snapshot.zoom,
      importCopy: () => this.#importCopy.fire(),
      ...(this.#viewport ? { viewport: this.#viewport } : {}),
      ...extra,
    });
    this.#assets.clear();
    this.addAssets(assets);
    this.#lastDirty = false;
    const offSession = session.subscribe(() => this.#sessionChanged());
    // Another page may have another paper size: the viewport's frame and a fitting zoom follow it.
    const offPage = session.onActivePage(() => (this.#snapshot.fit ? this.zoomFit() : this.#set({})));
    this.#unsubscribeSession = () => {
      offSession();
      offPage();
    };
    this.#set({ session, document: info });
    if (this.#snapshot.fit) this.zoomFit();
  }

  #sessionChanged(): void {
    const session = this.#snapshot.session;
    const doc = this.#snapshot.document;
    if (!session || !doc) return;
    const dirty = session.getSnapshot().dirty;
    if (dirty !== this.#lastDirty) {
      this.#lastDirty = dirty;
      this.host.setDirty(doc.handle, dirty);
    }
    if (dirty) this.#scheduleJournal(doc.handle);
  }

  /** Journals unsaved pages for crash recovery, at most every few seconds. */
  #scheduleJournal(handle: string): void {
    if (this.#journalTimer !== null) return;
    this.#journalTimer = setTimeout(() => this.#journal(handle), JOURNAL_DELAY_MS);
  }

  #journalOnLeave = (event: Event): void => {
    const doc = this.#snapshot.document;
    if (!doc || (event.type === 'visibilitychange' && document.visibilityState !== 'hidden')) return;
    this.#journal(doc.handle);
  };

  #journal(handle: string): void {
    if (this.#journalTimer !== null) clearTimeout(this.#journalTimer);
    this.#journalTimer = null;
    if (this.#snapshot.document?.handle !== handle || !this.dirty) return;
    void this.host.journal(handle, this.#pages()).then((r) => {
      // Recovery not offered by this host is not the editor's problem; other failures are.
      if (!r.ok && r.error.code !== 'NOT_AVAILABLE') this.showError(hostErrorLine(r.error));
    });
  }

  get dirty(): boolean {
    return this.#snapshot.session?.getSnapshot().dirty ?? false;
  }

  #pages(): unknown[] {
    const session = this.#snapshot.session;
    return session ? session.editionJson() : [];
  }

  async #busy<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (this.#snapshot.busy) return undefined;
    this.#set({ busy: true });
    try {
      return await work();
    } catch (e) {
      this.showError((e as Error).message);
      return undefined;
    } finally {
      this.#set({ busy: false });
    }
  }

  async open(): Promise<void> {
    await this.#busy(async () => {
      const opened = this.#check(await this.host.openDocument());
      if (opened) this.#open(opened);
    });
  }

  async openPath(path: string): Promise<void> {
    await this.#busy(async () => {
      const opened = this.#check(await this.host.openPath(path));
      if (opened) this.#open(opened);
    });
  }

  /**
   * Opens a page recovered after a crash in place of the current one. It is
   * unsaved (dirty) until saved; false when the host could not open it.
   */
  async openRecovered(id: string): Promise<boolean> {
    const done = await this.#busy(async () => {
      const opened = this.#check(await this.host.openRecovered(id));
      if (!opened) return false;
      this.#open(opened);
      if (this.#snapshot.document?.handle !== opened.handle) return false;
      this.#snapshot.session?.markUnsaved();
      return true;
    });
    return done === true;
  }

  async save(saveAs = false): Promise<boolean> {
    const done = await this.#busy(async () => {
      const session = this.#snapshot.session;
      const doc = this.#snapshot.document;
      if (!session || !doc) return false;
      const savedDoc = session.doc;
      const info = this.#check(await this.host.saveDocument({ handle: doc.handle, pages: this.#pages(), saveAs }));
      if (!info) return false;
      // What was sent is what is on disk, even if the editor changed since.
      session.markSaved(savedDoc);
      this.#set({ document: { ...doc, name: info.name, path: info.path }, message: { kind: 'info', text: `${t('saved')}: ${info.path}` } });
      return true;
    });
    return done === true;
  }

  /** The open document's images, by hash. */
  get assets(): ReadonlyMap<string, AssetEntry> {
    return this.#assets;
  }

  /** Images the host added to the document's session (opened, imported with copy). */
  addAssets(entries: readonly AssetEntry[]): void {
    for (const a of entries) this.#assets.set(a.hash, a);
  }

  /**
   * Exports the pages as the export dialog chose; the result goes back to the
   * dialog (and, on success, to the message line). Undefined when another
   * operation is under way or no document is open; null when cancelled.
   */
  async exportPdf(options?: ExportOptions, onProgress?: (p: ExportProgress) => void): Promise<Result<ExportInfo | null> | undefined> {
    return this.#busy(async () => {
      const doc = this.#snapshot.document;
      if (!doc) return undefined;
      // The pages alone: the story bin is never printed.
      const pages = this.#snapshot.session?.pagesJson() ?? [];
      const r = await this.host.exportPdf({ handle: doc.handle, pages, ...(options ? { options } : {}) }, onProgress);
      if (r.ok && r.value) {
        const info = r.value;
        this.showInfo(`${t('exported')}: ${info.path} (${info.pageCount} ${t('pages')}, ${Math.round(info.elapsedMs)} ms)`);
      }
      return r;
    });
  }

  /**
   * Asks the host to stop the running export (the dialog's 取消); that
   * export's result then fails with code EXPORT_CANCELLED. False when none runs.
   */
  async cancelExport(): Promise<boolean> {
    const doc = this.#snapshot.document;
    if (!doc) return false;
    const r = await this.host.cancelExport(doc.handle);
    return r.ok && r.value;
  }

  undo(): void {
    this.#snapshot.session?.undo();
  }

  redo(): void {
    this.#snapshot.session?.redo();
  }

  setZoom(zoom: number): void {
    this.#set({ zoom: clampZoom(zoom), fit: false });
  }

  zoomIn(): void {
    this.setZoom(zoomIn(this.#snapshot.zoom));
  }

  zoomOut(): void {
    this.setZoom(zoomOut(this.#snapshot.zoom));
  }

  zoomActual(): void {
    this.setZoom(1);
  }

  /** Fits the page in the window; the zoom then follows window resizes. */
  zoomFit(): void {
    const session = this.#snapshot.session;
    const viewport = this.#viewport;
    if (!session || !viewport) {
      this.#set({ fit: true });
      return;
    }
    const m = gridMetrics(session.settings);
    const zoom = fitZoom({ width: m.paperWidthPx, height: m.paperHeightPx }, { width: viewport.clientWidth - PASTEBOARD_PX, height: viewport.clientHeight });
    this.#set({ zoom, fit: true });
  }

  /** Window resized: keep fitting if the zoom follows the window. */
  viewportResized(): void {
    if (this.#snapshot.fit) this.zoomFit();
  }
}
