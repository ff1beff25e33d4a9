/**
 * Web mode's wire protocol: the HostApi over HTTP on 127.0.0.1.
 *
 * Every request carries the per-launch token, in the `X-Banmian-Token` header
 * (API calls) or the `token` query parameter (the first page load and `<img>`
 * asset URLs, which cannot send headers; the server then sets a same-site
 * cookie for the page's own static files). Every answer is a Result as JSON.
 */

export const TOKEN_HEADER = 'X-Banmian-Token';
export const TOKEN_QUERY = 'token';
export const TOKEN_COOKIE = 'banmian_token';

/** Query parameter that puts the renderer in print mode for a document handle. */
export const PRINT_QUERY = 'print';

/** Query parameter giving print mode the bleed, mm, to lay the page out with (blocks at the trim extend into it). */
export const BLEED_QUERY = 'bleed';

/**
 * Query parameter asking print mode for a draft layout (page thumbnails): the
 * line-end pass (half-width marks, Han–Western gaps, push-in) is left out —
 * invisible at thumbnail size — and copyfit measures the page as CSS set it.
 */
export const DRAFT_QUERY = 'draft';

/** Attribute set on `<html>` once a print-mode page is fully laid out (fonts, images). */
export const READY_ATTRIBUTE = 'data-bm-ready';

/** Where web mode's API lives. */
export const API_PREFIX = '/api/';

/**
 * POST /api/<method> calls a method of the host's table
 * (shared/host/host-methods.ts): the body is its arguments as a JSON array
 * (application/json). For a method with the `upload` hint the body is the
 * file's bytes instead (application/octet-stream, at most the hint's limit),
 * its name in {@link FILE_NAME_HEADER} and the argument's other fields as JSON
 * in {@link ARGS_HEADER}. The answer is the method's Result as JSON.
 */
export function methodRoute(method: string): string {
  return `${API_PREFIX}${method}`;
}

/** GET /api/asset/<handle>/<hash>?token=… → the image's screen proxy bytes (not a table method: `assetUrl` is computed). */
export const ASSET_ROUTE = '/api/asset/';

/** An uploaded file's name, URI-encoded (headers are Latin-1; names are often Chinese). */
export const FILE_NAME_HEADER = 'X-Banmian-File-Name';
/** An upload's other argument fields (e.g. the document's handle), as URI-encoded JSON. */
export const ARGS_HEADER = 'X-Banmian-Args';

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
