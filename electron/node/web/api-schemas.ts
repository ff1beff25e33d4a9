/**
 * The request bodies of web mode's API (shared/host/web-protocol.ts), as zod
 * schemas. Pages are only bounded here; the session validates them as pages.
 */
import { z } from 'zod';
import { assetHashSchema } from '../../../shared/format/manifest';
import { exportOptionsSchema } from '../export/export-options';

/** Session handles are UUIDs; anything else cannot name a session. */
export const handleSchema = z.string().min(1).max(100);
export const pathSchema = z.string().min(1).max(4096).refine((p) => !p.includes('\0'), 'path contains a NUL character');
/** The pages' JSON: at most 999 pages (the file format's limit). */
export const pagesSchema = z.array(z.unknown()).min(1).max(999);
export const recoveredIdSchema = z.string().min(1).max(200);

export const openPathBody = z.object({ path: pathSchema }).strict();
export const saveBody = z.object({ handle: handleSchema, pages: pagesSchema, path: pathSchema.nullish() }).strict();
/** An export job's id, chosen by the renderer to poll its progress. */
export const jobSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a job id is 8 to 64 letters, digits, - or _');
export const exportBody = z.object({ handle: handleSchema, pages: pagesSchema, path: pathSchema, options: exportOptionsSchema.optional(), job: jobSchema.optional() }).strict();
export const exportCancelBody = z.object({ job: jobSchema }).strict();
export const dirtyBody = z.object({ handle: handleSchema, dirty: z.boolean() }).strict();
export const journalBody = z.object({ handle: handleSchema, pages: pagesSchema }).strict();
export const recoveredBody = z.object({ id: recoveredIdSchema }).strict();
export { assetHashSchema };

/** The first issue of a failed parse as one line, with where it is. */
export function issueLine(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
  return `${where}${issue.message}`;
}
