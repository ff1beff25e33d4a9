/**
 * The values of shared/host/host-types.ts as zod schemas: what the host
 * checks every argument against (the renderer is not trusted), and what its
 * answers are held to in tests. Each schema is typed by its interface, so
 * the two cannot drift apart. Pages are only bounded here; the host's
 * session validates them as pages.
 */
import { z } from 'zod';
import { assetEntrySchema, assetHashSchema } from '../format/manifest';
import type { PreflightCode, PreflightFinding } from '../preflight/finding';
import { EXPORT_STAGES, EXPORT_VARIANTS } from './host-types';
import type {
  DeskConnection,
  DeskDocument,
  ChosenProfile,
  ExportInfo,
  ExportJobRequest,
  ExportOptions,
  ExportProgress,
  ExportStage,
  ExportVariant,
  ImportCopyRequest,
  ImportedCopy,
  ImportedImage,
  ImportImageRequest,
  OpenedDocument,
  RecoveredEntry,
  SavedInfo,
  SaveRequest,
  UploadProfileRequest,
} from './host-types';

export { assetHashSchema };

/** A document's session handle (the host makes UUIDs; anything else names no session). */
export const handleSchema = z.string().min(1).max(100).describe('handle');
/** A path on the host's disk. */
/**
 * A desk to join (decision 0024): the desk server's URL as `banmian desk`
 * prints it, the edition, the user and the user's desk token.
 */
export const deskConnectionSchema: z.ZodType<DeskConnection> = z
  .object({
    url: z.string().regex(/^(https?|wss?):\/\/[^\s]+$/, 'a desk URL is http(s):// or ws(s)://').max(2000),
    edition: z.string().min(1).max(80),
    user: z.string().min(1).max(80),
    token: z.string().max(200),
  })
  .describe('desk');

/** The host's document behind a desk edition: save and export go through its handle. */
export const deskDocumentSchema: z.ZodType<DeskDocument> = z.object({ handle: handleSchema, name: z.string(), assets: z.array(assetEntrySchema) });

export const pathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path contains a NUL character').describe('path');
/** The pages' JSON: at most 999 pages (the file format's limit). */
export const pagesSchema = z.array(z.unknown()).min(1).max(999).describe('pages');
/** A recovered document's id in the journal. */
export const recoveredIdSchema = z.string().min(1).max(200).describe('id');
/** An export job's id, chosen by the renderer to follow and cancel its export. */
export const jobSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a job id is 8 to 64 letters, digits, - or _').describe('job');

/** ExportOptions as the host accepts them. */
export const exportOptionsSchema: z.ZodType<ExportOptions> = z
  .object({
    variant: z.enum(EXPORT_VARIANTS as [ExportVariant, ...ExportVariant[]]),
    bleedMm: z.number().min(0).max(20).optional(),
    marks: z.boolean().optional(),
    profilePath: z.string().min(1).max(4096).optional(),
    jpegQuality: z.number().int().min(1).max(100).optional(),
    maxPpi: z.number().min(72).max(2400).optional(),
    force: z.boolean().optional(),
  })
  .strict();

/**
 * A file the renderer holds (dropped, or picked in web mode): a plain name
 * and at most `limit` bytes (a Uint8Array: IPC's structured clone keeps the
 * type; web mode sends the bytes as the request body).
 */
export function fileSchema(limit: number): z.ZodType<{ name: string; bytes: Uint8Array }> {
  return z
    .object({
      name: z
        .string()
        .min(1, 'the file needs a name')
        .max(1000)
        .refine((n) => !/[/\\\0]/.test(n), 'the file name must be a plain name'),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= limit, `the file is larger than ${Math.round(limit / 1024 / 1024)} MiB`),
    })
    .strict();
}

export const saveRequestSchema: z.ZodType<SaveRequest> = z
  .object({ handle: handleSchema, pages: pagesSchema, saveAs: z.boolean().optional(), path: pathSchema.optional() })
  .strict()
  .describe('request');

export const exportJobRequestSchema: z.ZodType<ExportJobRequest> = z
  .object({ handle: handleSchema, pages: pagesSchema, options: exportOptionsSchema.optional(), path: pathSchema.optional(), job: jobSchema.optional() })
  .strict()
  .describe('request');

export function importCopyRequestSchema(limit: number): z.ZodType<ImportCopyRequest> {
  return z.object({ handle: handleSchema, file: fileSchema(limit).optional() }).strict().describe('request');
}

export function importImageRequestSchema(limit: number): z.ZodType<ImportImageRequest> {
  return z.object({ handle: handleSchema, file: fileSchema(limit).optional() }).strict().describe('request');
}

export function uploadProfileRequestSchema(limit: number): z.ZodType<UploadProfileRequest> {
  return z.object({ file: fileSchema(limit) }).strict().describe('request');
}

// Answers. Not strict: they are the host's own, held to these shapes in tests.

export const openedDocumentSchema: z.ZodType<OpenedDocument> = z.object({
  handle: z.string(),
  path: z.string().nullable(),
  name: z.string(),
  pages: z.array(z.unknown()),
  assets: z.array(assetEntrySchema),
  warnings: z.array(z.string()),
  unsaved: z.boolean().optional(),
});

export const savedInfoSchema: z.ZodType<SavedInfo> = z.object({ path: z.string(), name: z.string(), bytes: z.number() });

const findingSchema: z.ZodType<PreflightFinding> = z.object({
  level: z.enum(['error', 'warning', 'info']),
  code: z.custom<PreflightCode>((v) => typeof v === 'string'),
  message: z.string(),
  messageZh: z.string(),
  page: z.number(),
  blockId: z.string().optional(),
  xMm: z.number().optional(),
  yMm: z.number().optional(),
  widthMm: z.number().optional(),
  heightMm: z.number().optional(),
});

export const exportProgressSchema: z.ZodType<ExportProgress> = z.object({
  stage: z.enum(EXPORT_STAGES as [ExportStage, ...ExportStage[]]),
  elapsedMs: z.number(),
  findings: z.array(findingSchema).optional(),
});

export const exportInfoSchema: z.ZodType<ExportInfo> = z.object({
  path: z.string(),
  bytes: z.number(),
  pageCount: z.number(),
  elapsedMs: z.number(),
  findings: z.array(findingSchema).optional(),
});

export const chosenProfileSchema: z.ZodType<ChosenProfile> = z.object({ path: z.string(), name: z.string(), description: z.string() });

export const recoveredEntrySchema: z.ZodType<RecoveredEntry> = z.object({
  id: z.string(),
  path: z.string().nullable(),
  name: z.string(),
  savedAt: z.number(),
});

export const importedCopySchema: z.ZodType<ImportedCopy> = z.object({
  name: z.string(),
  blocks: z.array(z.unknown()),
  storyCount: z.number(),
  assets: z.array(assetEntrySchema),
  warnings: z.array(z.string()),
  elapsedMs: z.number(),
});

export const importedImageSchema: z.ZodType<ImportedImage> = z.object({
  name: z.string(),
  hash: assetHashSchema,
  pixelWidth: z.number(),
  pixelHeight: z.number(),
  asset: assetEntrySchema,
});
