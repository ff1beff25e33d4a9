/** DOM events the bin sends to the application (it has no reference to it). */

/** Bubbles from the bin's import button: the app shows its import dialog. */
export const IMPORT_COPY_EVENT = 'bm-import-copy';
