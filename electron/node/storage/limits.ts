/**
 * Hard limits the reader enforces before it trusts anything in a file. They
 * are far above any real edition (a 对开 page with a dozen photos is a few
 * MB) and low enough that a hostile file cannot exhaust memory or time.
 * docs/file-format.md lists them; keep the two in step.
 */
export const LIMITS = {
  /** Largest `.banmian` file on disk. */
  fileBytes: 1024 * 1024 * 1024,
  /** Entries in the zip's central directory (manifest + 999 pages + 10 000 assets, with room). */
  entries: 12_000,
  /** Sum of the declared uncompressed sizes of the entries we read. */
  totalUncompressedBytes: 1024 * 1024 * 1024,
  /** One `manifest.json`. */
  manifestBytes: 4 * 1024 * 1024,
  /** One `pages/N.json`. */
  pageBytes: 64 * 1024 * 1024,
  /** One image in `assets/` (same bound as the manifest's `bytes`). */
  assetBytes: 512 * 1024 * 1024,
  /** Deepest nesting of `manifest.json`. */
  manifestDepth: 8,
  /** Pixels of one image (sharp's own default ceiling). */
  assetPixels: 268_402_689,
} as const;

/** Stable error codes of storage failures (the `code` of a failed Result). */
export const STORAGE_ERRORS = {
  /** No such file, or a folder. */
  notFound: 'ENOENT',
  /** Reading or writing the disk failed (permissions, disk full). */
  io: 'IO_ERROR',
  /** Zero bytes. */
  empty: 'EMPTY_FILE',
  /** Over a limit (file, entry, total, entry count, pixels). */
  tooLarge: 'TOO_LARGE',
  /** Not a zip archive at all, or a zip damaged beyond reading. */
  notZip: 'NOT_A_BANMIAN_FILE',
  /** An entry name that could escape a folder (`..`, absolute, backslash). */
  unsafeEntry: 'UNSAFE_ENTRY',
  /** A zip that reads but whose content breaks the format. */
  invalid: 'INVALID_FILE',
  /** Written by a newer Banmian, or an unknown version. */
  unsupportedVersion: 'UNSUPPORTED_VERSION',
  /** A page that fails validation (on load or before a save). */
  invalidPage: 'INVALID_PAGE',
  /** An image that is missing, damaged, or not what the manifest says. */
  invalidAsset: 'INVALID_ASSET',
} as const;

/** Quotes a name from an untrusted file for a one-line message. */
export function quoteName(name: string, max = 80): string {
  const oneLine = name.length > max ? `${name.slice(0, max)}…` : name;
  return JSON.stringify(oneLine);
}
