/**
 * The `.banmian` file: a zip holding `manifest.json`, the page documents as
 * JSON (`pages/N.json`) and the original images stored once by content hash
 * (`assets/<sha256>.<ext>`). See docs/file-format.md.
 */
import { z } from 'zod';

/**
 * Current file format version. Older versions are migrated on load.
 * 2: the file is an edition (manifest `edition`, page attributes `section`,
 * `editor`, `colour`, `status`, ids unique across the edition).
 * 3: the story bin is the edition's (`bin.json`, named by manifest `bin`),
 * no longer each page's.
 */
export const FORMAT_VERSION = 3;
export const FORMAT_NAME = 'banmian';
/** The zip entry of the edition's story bin (format 3). */
export const BIN_ENTRY = 'bin.json';

export const ASSET_MIME_TYPES = ['image/jpeg', 'image/png'] as const;
export type AssetMime = (typeof ASSET_MIME_TYPES)[number];

/** A hex SHA-256 digest: the identity of an asset. */
export const assetHashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'asset hash must be 64 hex digits');

export const assetEntrySchema = z
  .object({
    hash: assetHashSchema,
    mime: z.enum(ASSET_MIME_TYPES),
    /** Path inside the zip, always `assets/<hash>.<ext>`. */
    path: z.string().regex(/^assets\/[0-9a-f]{64}\.(jpg|png)$/),
    pixelWidth: z.number().int().min(1).max(100_000),
    pixelHeight: z.number().int().min(1).max(100_000),
    bytes: z.number().int().min(1).max(512 * 1024 * 1024),
    /** Where the image came from (file name), for the editor's reference. */
    originalName: z.string().max(500).optional(),
  })
  .strict();

export type AssetEntry = z.infer<typeof assetEntrySchema>;

/** The edition's own fields: the same for every page (docs/file-format.md). */
export const editionMetaSchema = z
  .object({
    paperName: z.string().max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
    /** The edition's name within the day (城市版, A叠), or ''. */
    label: z.string().max(200),
  })
  .strict();

export type EditionMeta = z.infer<typeof editionMetaSchema>;

export const manifestSchema = z
  .object({
    format: z.literal(FORMAT_NAME),
    version: z.number().int().min(1),
    /** Application that wrote the file, e.g. `banmian 0.1.0`. */
    generator: z.string().max(200),
    /** Paper, date and label of the edition the pages make. */
    edition: editionMetaSchema,
    pages: z.array(z.string().regex(/^pages\/[0-9]{1,4}\.json$/)).min(1).max(999),
    /** The edition's story bin entry, present when the bin holds anything. */
    bin: z.literal(BIN_ENTRY).optional(),
    assets: z.array(assetEntrySchema).max(10_000),
  })
  .strict();

export type Manifest = z.infer<typeof manifestSchema>;

/** The zip path of an asset. */
export function assetPath(hash: string, mime: AssetMime): string {
  return `assets/${hash}.${mime === 'image/png' ? 'png' : 'jpg'}`;
}
