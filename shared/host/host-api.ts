/**
 * The one interface between the renderer and its host.
 *
 * The Electron preload implements it with `ipcRenderer.invoke`, one channel
 * per method; web mode implements it over HTTP on 127.0.0.1. The host owns
 * files and image bytes: the renderer holds a document `handle` and refers to
 * images by asset hash, so image bytes never cross the boundary on save.
 */
import type { AssetEntry } from '../format/manifest';
import type { PreflightFinding } from '../preflight/finding';
import type { Result } from '../result';

/** A document as the host opened it. */
export interface OpenedDocument {
  /** Opaque id of the document's session in the host (its assets live there). */
  handle: string;
  /** Absolute path on disk, or null for a document never saved. */
  path: string | null;
  /** File name for the title bar. */
  name: string;
  /** The pages' JSON (ProseMirror page nodes), validated by the host. */
  pages: unknown[];
  /** Image assets the document holds. */
  assets: AssetEntry[];
  /** Warnings found while loading (the document did load). */
  warnings: string[];
  /**
   * The pages hold work not saved to `path`: the host kept what the renderer
   * journalled (a reloaded tab, a recovered page). The editor shows the
   * document as unsaved, so closing it asks. Absent means false.
   */
  unsaved?: boolean;
}

export interface SaveRequest {
  handle: string;
  /** The pages' JSON to write. */
  pages: unknown[];
  /** Save to this path instead of the document's own (Save As); null shows a dialog. */
  saveAs?: boolean;
}

export interface SavedInfo {
  path: string;
  name: string;
  bytes: number;
}

/** Print file variants: `proof` a screen PDF, `x4` PDF/X-4, `x4-cmyk` PDF/X-4 with every colour in CMYK. */
export type ExportVariant = 'proof' | 'x4' | 'x4-cmyk';
export const EXPORT_VARIANTS: readonly ExportVariant[] = ['proof', 'x4', 'x4-cmyk'];

/** What the export dialog chose; every field absent takes the variant's default. */
export interface ExportOptions {
  variant: ExportVariant;
  /** Bleed beyond the trim, mm (0–20; default 3 for x4 variants, 0 for proof). */
  bleedMm?: number;
  /** Crop and registration marks and slug line (default on for x4 variants). */
  marks?: boolean;
  /** Output ICC profile (CMYK) on the host's disk; absent: the bundled newsprint profile. */
  profilePath?: string;
  /** JPEG quality of re-encoded images, 1–100 (default 85). */
  jpegQuality?: number;
  /** Images above this resolution at placed size are downsampled (72–2400, default 300). */
  maxPpi?: number;
  /** Write the file even though preflight found errors (the editor's 仍然导出). */
  force?: boolean;
}

export interface ExportRequest {
  handle: string;
  pages: unknown[];
  /** Absent: a proof at paper size. */
  options?: ExportOptions;
}

/** The stages of an export, in order: 排版, 打印, 后处理, 检查. */
export type ExportStage = 'layout' | 'print' | 'postprocess' | 'check';
export const EXPORT_STAGES: readonly ExportStage[] = ['layout', 'print', 'postprocess', 'check'];

/**
 * The error code of an export stopped by {@link HostApi.cancelExport}: the host
 * stopped at a safe point and wrote nothing (an earlier file at the path is untouched).
 */
export const EXPORT_CANCELLED = 'CANCELLED';

/** A CMYK output profile the person chose for export, checked by the host. */
export interface ChosenProfile {
  /** Absolute path on the host: what {@link ExportOptions.profilePath} takes. */
  path: string;
  /** The file's name as chosen. */
  name: string;
  /** The profile's own description (its `desc` tag), or '' when it has none. */
  description: string;
}

/** Where an export is; reported whenever the stage changes and when preflight has findings. */
export interface ExportProgress {
  stage: ExportStage;
  /** Milliseconds since the export started. */
  elapsedMs: number;
  /** Preflight's findings, once the `check` stage has them (also when they stop the export). */
  findings?: PreflightFinding[];
}

export interface ExportInfo {
  path: string;
  bytes: number;
  pageCount: number;
  /** Milliseconds from request to file written. */
  elapsedMs: number;
  /** Preflight's findings over the pages and the written PDF (none for an export without options). */
  findings?: PreflightFinding[];
}

/** A file of copy the renderer already holds (dropped on the window, or picked in web mode). */
export interface CopyFile {
  /** File name; its extension says how to read it (.txt, .docx, .html). */
  name: string;
  bytes: Uint8Array;
}

export interface ImportCopyRequest {
  /** The document the copy goes into (its session keeps any pictures). */
  handle: string;
  /** The file to read; absent: the host asks for one (a dialog, or a file picker in web mode). */
  file?: CopyFile;
}

/** Copy the host read and recognised, ready for the page's story bin. */
export interface ImportedCopy {
  /** The file's name. */
  name: string;
  /** The stories' blocks (story, photo, label, teaser) as ProseMirror JSON of the page schema, in reading order. */
  blocks: unknown[];
  /** Number of stories the intake recognised. */
  storyCount: number;
  /** Pictures added to the document's session, which the photo blocks refer to by hash. */
  assets: AssetEntry[];
  /** Things that did not stop the import, one line each. */
  warnings: string[];
  /** Milliseconds the host took. */
  elapsedMs: number;
}

/** An image file the renderer already holds (dropped on the page, or picked in web mode). */
export interface ImageFile {
  /** File name, for messages and the asset list. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportImageRequest {
  /** The document whose assets take the image. */
  handle: string;
  /** The image; absent: the host asks for one (a dialog, or a file picker in web mode). */
  file?: ImageFile;
}

/**
 * An image the host validated (decoded whole by sharp) and added to the
 * document's assets, stored once by content hash.
 */
export interface ImportedImage {
  /** The file's name. */
  name: string;
  /** SHA-256 of the original bytes: the photo node's `asset`. */
  hash: string;
  /**
   * Pixel size as displayed (EXIF orientation applied): what the photo node's
   * `pixelWidth`/`pixelHeight` take, so crop and ppi match what is seen and printed.
   */
  pixelWidth: number;
  pixelHeight: number;
  /** The asset as the page file lists it (its size as stored, before orientation). */
  asset: AssetEntry;
}

export interface HostApi {
  /** Where the renderer runs. */
  readonly kind: 'electron' | 'web';
  /** The document the app was started with (command line), or null. */
  initialDocument(): Promise<Result<OpenedDocument | null>>;
  /** Shows an open dialog and opens the chosen file; null when cancelled. */
  openDocument(): Promise<Result<OpenedDocument | null>>;
  /** Opens a file by path (recent files, tests). */
  openPath(path: string): Promise<Result<OpenedDocument>>;
  /** Saves; with `saveAs` or for a never-saved document shows a save dialog. */
  saveDocument(request: SaveRequest): Promise<Result<SavedInfo | null>>;
  /**
   * Exports a print PDF through a save dialog; null when cancelled.
   * `onProgress` hears each stage as the host reaches it, and preflight's
   * findings; when preflight errors stop the export (code `PREFLIGHT_FAILED`)
   * the findings have been reported before the failure returns.
   */
  exportPdf(request: ExportRequest, onProgress?: (progress: ExportProgress) => void): Promise<Result<ExportInfo | null>>;
  /**
   * Stops the document's running export at its next safe point (the print
   * browser is closed if printing, post-processing stops); that export then
   * fails with code {@link EXPORT_CANCELLED}, leaving no file behind and any
   * earlier file at its path as it was. True when an export was asked to stop;
   * false when none was running for the document (or it was already over).
   */
  cancelExport(handle: string): Promise<Result<boolean>>;
  /**
   * Asks for an output ICC profile (a file dialog filtered to .icc/.icm, or a
   * file picker in web mode) and checks it is a CMYK output profile; null
   * when the person cancelled. Anything else fails with a one-line message
   * (codes `BAD_PROFILE`, `TOO_LARGE`).
   */
  chooseOutputProfile(): Promise<Result<ChosenProfile | null>>;
  /** URL the renderer can load an asset from (screen proxy). */
  assetUrl(handle: string, hash: string): string;
  /** Tells the host whether there are unsaved changes (close prompt, title). */
  setDirty(handle: string, dirty: boolean): void;
  /** The pages to print for an export the host started (print mode only). */
  documentForPrint(handle: string): Promise<Result<OpenedDocument>>;
  /** Journals unsaved pages for crash recovery (autosave); cheap, may be called every few seconds. */
  journal(handle: string, pages: unknown[]): Promise<Result<void>>;
  /** Pages recovered after a crash, newest first. */
  listRecovered(): Promise<Result<RecoveredEntry[]>>;
  /** Opens one recovered document as an unsaved document. */
  openRecovered(id: string): Promise<Result<OpenedDocument>>;
  /** Discards a recovered entry the editor chose not to keep. */
  discardRecovered(id: string): Promise<Result<void>>;
  /**
   * Reads a file of copy (.txt in UTF-8/UTF-16/GB18030, .docx, .html) off the
   * renderer's thread and recognises its stories; null when the person
   * cancelled the dialog. Bad input fails with a one-line message.
   */
  importCopy(request: ImportCopyRequest): Promise<Result<ImportedCopy | null>>;
  /**
   * Adds a JPEG or PNG image to the document's assets (the original kept
   * for print, the screen gets a proxy); null when the person cancelled the
   * dialog. A damaged file, a non-image or an image too large to decode
   * fails with a one-line message and adds nothing.
   */
  importImage(request: ImportImageRequest): Promise<Result<ImportedImage | null>>;
  /**
   * Subscribes to commands the host sends (native menus, close prompt).
   * Returns the unsubscribe function. Web mode never sends any.
   */
  onCommand(listener: (command: AppCommand) => void): () => void;
}

/** Commands a host can ask the renderer to carry out (menus, accelerators, window close). */
export const APP_COMMANDS = [
  'open',
  'save',
  'saveAs',
  'exportPdf',
  'undo',
  'redo',
  'zoomIn',
  'zoomOut',
  'zoomActual',
  'zoomFit',
  'saveAndClose',
  'importCopy',
  'placeImage',
  'pageSetup',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/** A document found in the recovery folder at start-up. */
export interface RecoveredEntry {
  id: string;
  /** The file it was journalled from, or null for a never-saved document. */
  path: string | null;
  name: string;
  /** Epoch milliseconds of the journal entry. */
  savedAt: number;
}

/** Names of the HostApi's methods, in one place for the preload and its tests. */
export const HOST_API_METHODS = [
  'initialDocument',
  'openDocument',
  'openPath',
  'saveDocument',
  'exportPdf',
  'cancelExport',
  'chooseOutputProfile',
  'assetUrl',
  'setDirty',
  'documentForPrint',
  'journal',
  'listRecovered',
  'openRecovered',
  'discardRecovered',
  'importCopy',
  'importImage',
  'onCommand',
] as const satisfies readonly (keyof HostApi)[];
