/**
 * Web mode's wire protocol: the HostApi over HTTP on 127.0.0.1.
 *
 * Every request carries the per-launch token, in the `X-Banmian-Token` header
 * (API calls) or the `token` query parameter (the first page load and `<img>`
 * asset URLs, which cannot send headers; the server then sets a same-site
 * cookie for the page's own static files). Bodies and answers are JSON; every
 * answer is a {@link Result}.
 */

export const TOKEN_HEADER = 'X-Banmian-Token';
export const TOKEN_QUERY = 'token';
export const TOKEN_COOKIE = 'banmian_token';

/** Query parameter that puts the renderer in print mode for a document handle. */
export const PRINT_QUERY = 'print';

/** Query parameter giving print mode the bleed, mm, to lay the page out with (blocks at the trim extend into it). */
export const BLEED_QUERY = 'bleed';

/** Attribute set on `<html>` once a print-mode page is fully laid out (fonts, images). */
export const READY_ATTRIBUTE = 'data-bm-ready';

export const WEB_ROUTES = {
  /** GET → Result<OpenedDocument | null>: the file given on the command line. */
  initial: '/api/initial',
  /** POST {path} → Result<OpenedDocument>. */
  openPath: '/api/open-path',
  /** POST {handle, pages, path?} → Result<SavedInfo>; no path: the document's own (else code NO_PATH). */
  save: '/api/save',
  /**
   * POST {handle, pages, path, options?, job?} → Result<ExportInfo>. With a
   * `job` id the export's progress can be read meanwhile (and for a minute after).
   */
  exportPdf: '/api/export',
  /**
   * POST {job} → Result<boolean>: stop that export at its next safe point (it
   * then answers code CANCELLED); false when it was not running (a job not
   * started yet starts cancelled).
   */
  exportCancel: '/api/export-cancel',
  /** GET /api/export-progress/<job> → Result<ExportProgress | null> (null: not started yet). */
  exportProgress: '/api/export-progress/',
  /** GET /api/print/<handle> → Result<OpenedDocument> with the pages last sent for export. */
  print: '/api/print/',
  /** POST {handle, dirty} → Result<void>. */
  dirty: '/api/dirty',
  /** POST {handle, pages} → Result<void>. */
  journal: '/api/journal',
  /** GET → Result<RecoveredEntry[]>. */
  recovered: '/api/recovered',
  /** POST {id} → Result<OpenedDocument>. */
  recoveredOpen: '/api/recovered/open',
  /** POST {id} → Result<void>. */
  recoveredDiscard: '/api/recovered/discard',
  /**
   * POST the file's bytes (application/octet-stream, at most
   * {@link MAX_COPY_UPLOAD_BYTES}) with headers {@link COPY_HANDLE_HEADER} and
   * {@link COPY_NAME_HEADER} → Result<ImportedCopy>.
   */
  importCopy: '/api/import-copy',
  /**
   * POST the image's bytes (application/octet-stream, at most
   * {@link MAX_IMAGE_UPLOAD_BYTES}) with headers {@link COPY_HANDLE_HEADER} and
   * {@link COPY_NAME_HEADER} → Result<ImportedImage>.
   */
  importImage: '/api/import-image',
  /**
   * POST an ICC profile's bytes (application/octet-stream, at most
   * {@link MAX_PROFILE_UPLOAD_BYTES}) with header {@link COPY_NAME_HEADER} →
   * Result<ChosenProfile>: checked (a CMYK output profile) and kept on the
   * host, its path ready for the export options.
   */
  outputProfile: '/api/output-profile',
  /** GET /api/asset/<handle>/<hash>?token=… → the image's screen proxy bytes. */
  asset: '/api/asset/',
} as const;

/** The document a copy upload goes into. */
export const COPY_HANDLE_HEADER = 'X-Banmian-Handle';
/** The uploaded file's name, URI-encoded (headers are Latin-1; names are often Chinese). */
export const COPY_NAME_HEADER = 'X-Banmian-File-Name';
/**
 * Largest copy upload: the intake's own limits (64 MiB of text, 200 MiB of
 * Word) are checked after; this bounds what the server buffers.
 */
export const MAX_COPY_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * Largest image upload: a press photo is at most a few tens of MB; the
 * pixel limit (checked on the header before decoding) bounds the rest.
 */
export const MAX_IMAGE_UPLOAD_BYTES = 128 * 1024 * 1024;

/** Largest output profile upload: press profiles are 0.5–4 MB. */
export const MAX_PROFILE_UPLOAD_BYTES = 32 * 1024 * 1024;
