/**
 * The values that cross between the renderer and its host: documents,
 * requests and answers of the HostApi (shared/host/host-api.ts), whose
 * methods are declared once in shared/host/host-methods.ts. The host owns
 * files and image bytes: the renderer holds a document `handle` and refers to
 * images by asset hash, so image bytes never cross the boundary on save.
 */
import type { AssetEntry } from '../format/manifest';
import type { PreflightFinding } from '../preflight/finding';

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
  /** Save As: the desktop host shows a save dialog; web mode's page asks for `path` first. */
  saveAs?: boolean;
  /**
   * Where to save (web mode, which has no dialogs: its page asks for the
   * path). The desktop host takes only a path the person chose in its dialogs.
   */
  path?: string;
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

/** An export as it travels to the host: the request, where to write, and its job id. */
export interface ExportJobRequest extends ExportRequest {
  /** Where to write (web mode; the desktop host asks with a save dialog). */
  path?: string;
  /** Id the renderer chose, under which progress is reported and the export cancelled. */
  job?: string;
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

/** Copy the host read and recognised, ready for the edition's story bin. */
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
  'connectDesk',
] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

/** An output profile's bytes, uploaded from web mode's file picker. */
export interface UploadProfileRequest {
  file: { name: string; bytes: Uint8Array };
}

/** A document found in the recovery folder at start-up. */
export interface RecoveredEntry {
  id: string;
  /** The file it was journalled from, or null for a never-saved document. */
  path: string | null;
  name: string;
  /** Epoch milliseconds of the journal entry. */
  savedAt: number;
}

/** A desk to join (decision 0024): its URL as `banmian desk` prints it, the edition, the user and the user's desk token. */
export interface DeskConnection {
  url: string;
  edition: string;
  user: string;
  token: string;
}

/** The host's document behind a joined desk edition: save and export go through its handle. */
export interface DeskDocument {
  handle: string;
  name: string;
  /** The edition's images as the desk holds them (docs/decisions/0028). */
  assets: AssetEntry[];
}
