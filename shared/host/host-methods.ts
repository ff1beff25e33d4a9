/**
 * The host's methods, declared once: name → the zod schema of its arguments
 * (a tuple, each element `.describe()`d with its name for error lines) and
 * of its answer's value, plus how it travels where that differs. Everything
 * else is generic over this table: the Electron preload and main's IPC
 * handlers, web mode's HTTP routes and its client in renderer/host, and the
 * HostApi type the renderer programs against (shared/host/host-api.ts).
 *
 * To add a method: an entry here, the method of the same name on the host's
 * HostService, a test (docs/decisions/0016-one-host-method-table.md).
 */
import { z } from 'zod';
import type { Result } from '../result';
import {
  chosenProfileSchema,
  deskConnectionSchema,
  deskDocumentSchema,
  exportInfoSchema,
  exportJobRequestSchema,
  exportProgressSchema,
  handleSchema,
  importCopyRequestSchema,
  importedCopySchema,
  importedImageSchema,
  importImageRequestSchema,
  jobSchema,
  openedDocumentSchema,
  pagesSchema,
  pathSchema,
  recoveredEntrySchema,
  recoveredIdSchema,
  savedInfoSchema,
  saveRequestSchema,
  uploadProfileRequestSchema,
} from './host-schemas';
import { assetEntrySchema, assetHashSchema } from '../format/manifest';
import { MAX_COPY_UPLOAD_BYTES, MAX_IMAGE_UPLOAD_BYTES, MAX_PROFILE_UPLOAD_BYTES } from './web-protocol';

/** One method of the table. */
export interface HostMethodSpec {
  /** The arguments, in order. */
  args: z.ZodTuple;
  /** The value of a successful answer (every answer is a {@link Result}). */
  result: z.ZodType;
  /**
   * Not a HostApi method as it stands: a step of one the clients compose
   * (`exportPdf` is `exportWithOptions` + `exportProgress` + `cancelExport`;
   * web mode's `chooseOutputProfile` is a file picker + `uploadOutputProfile`).
   */
  internal?: true;
  /**
   * The one argument is an object whose `file` ({ name, bytes }, at most
   * `limit` bytes) travels over HTTP as the request body, not as JSON.
   */
  upload?: { limit: number };
}

const none = z.tuple([]);
const voidResult = z.void();

/** What the host is and what it can do, for the about line and to offer only what works. */
export const hostInfoSchema = z.object({
  /** Banmian's version (package.json). */
  version: z.string(),
  /** The host's operating system, as Node names it (`linux`, `darwin`, `win32`). */
  platform: z.string(),
  /** Whether unsaved pages are journalled for crash recovery (`journal`, `listRecovered` work). */
  recovery: z.boolean(),
  /** Whether the host can print (`exportPdf` works). */
  printing: z.boolean(),
});
export type HostInfo = z.infer<typeof hostInfoSchema>;

/** Widest thumbnail a caller may ask for, px. */
export const MAX_THUMBNAIL_WIDTH = 800;

/** One page's thumbnail: an image of the page as print mode lays it out, and what the layout measured. */
export const pageThumbnailSchema = z.object({
  /** Hash of the page's content (and the width): the same hash, the same image. */
  hash: z.string(),
  /** The image, `data:image/jpeg;base64,…`. */
  image: z.string(),
  /** Its size, px. */
  width: z.number(),
  height: z.number(),
  /**
   * The layout drawn and measured: `draft` (print mode without the line-end
   * pass: half-width marks, Han–Western gaps, push-in — invisible at this
   * size, but its overset may differ by a line) or `print` (exactly as exported).
   */
  layout: z.enum(['draft', 'print']),
  /** Blocks whose text does not all fit, and the characters over in all of them, in that layout. */
  oversetBlocks: z.number(),
  oversetChars: z.number(),
});
export type PageThumbnail = z.infer<typeof pageThumbnailSchema>;

export const HOST_METHODS = {
  /** What the host is (version, platform) and whether crash recovery and printing are available. */
  hostInfo: { args: none, result: hostInfoSchema },
  /** The document the host was started with (command line), or null. */
  initialDocument: { args: none, result: openedDocumentSchema.nullable() },
  /** The desk the host was started with (`banmian web --desk …`), or null. */
  initialDesk: { args: none, result: deskConnectionSchema.nullable() },
  /** A document of the host, without a path, for a desk edition the renderer joined: save and export go through its handle. */
  deskDocument: { args: z.tuple([deskConnectionSchema]), result: deskDocumentSchema },
  /** The entries of images a desk document's pages now name (another client placed them), fetched from the desk where the document lacks them; unknown ones left out. */
  deskAssets: { args: z.tuple([handleSchema, z.array(assetHashSchema).max(1000).describe('hashes')]), result: z.array(assetEntrySchema) },
  /** Shows an open dialog and opens the chosen file; null when cancelled. Hosts without dialogs answer NOT_AVAILABLE. */
  openDocument: { args: none, result: openedDocumentSchema.nullable() },
  /** Opens a file by path (the desktop host: only one chosen in its dialogs before). */
  openPath: { args: z.tuple([pathSchema]), result: openedDocumentSchema },
  /** Saves to the document's path, `path`, or (desktop, Save As or never saved) where a save dialog says; null when cancelled. */
  saveDocument: { args: z.tuple([saveRequestSchema]), result: savedInfoSchema.nullable() },
  /** Starts an export and answers when it is over; null when the save dialog was cancelled. */
  exportWithOptions: { args: z.tuple([exportJobRequestSchema]), result: exportInfoSchema.nullable(), internal: true },
  /** Every progress report of an export job so far, in order (null: not started yet): a poller hears each stage, however fast. */
  exportProgress: { args: z.tuple([jobSchema]), result: z.array(exportProgressSchema).nullable(), internal: true },
  /** Stops the export running under a job id; false when none was running. */
  cancelExport: { args: z.tuple([jobSchema]), result: z.boolean() },
  /** Asks for an output ICC profile with a dialog and checks it; null when cancelled. */
  chooseOutputProfile: { args: none, result: chosenProfileSchema.nullable() },
  /** Checks an uploaded output profile and keeps it where the export can read it by path. */
  uploadOutputProfile: {
    args: z.tuple([uploadProfileRequestSchema(MAX_PROFILE_UPLOAD_BYTES)]),
    result: chosenProfileSchema,
    internal: true,
    upload: { limit: MAX_PROFILE_UPLOAD_BYTES },
  },
  /** Whether the document has unsaved changes (close prompt, title). */
  setDirty: { args: z.tuple([handleSchema, z.boolean().describe('dirty')]), result: voidResult },
  /** The pages to print for an export the host started (print mode only). */
  documentForPrint: { args: z.tuple([handleSchema]), result: openedDocumentSchema },
  /**
   * Thumbnails of pages (page JSON as the renderer has them, unsaved edits
   * included), rendered through the print path, `width` px wide; cached by
   * page content. Hosts that cannot print answer NOT_AVAILABLE.
   */
  pageThumbnails: {
    args: z.tuple([handleSchema, pagesSchema, z.number().int().min(16).max(MAX_THUMBNAIL_WIDTH).describe('width'), z.enum(['draft', 'print']).describe('layout')]),
    result: z.array(pageThumbnailSchema),
  },
  /** Journals unsaved pages for crash recovery. */
  journal: { args: z.tuple([handleSchema, pagesSchema]), result: voidResult },
  /** Pages recovered after a crash, newest first. */
  listRecovered: { args: none, result: z.array(recoveredEntrySchema) },
  /** Opens one recovered document as an unsaved document. */
  openRecovered: { args: z.tuple([recoveredIdSchema]), result: openedDocumentSchema },
  /** Discards a recovered entry. */
  discardRecovered: { args: z.tuple([recoveredIdSchema]), result: voidResult },
  /** Reads a file of copy and recognises its stories; without a file the desktop host shows a dialog (null when cancelled). */
  importCopy: {
    args: z.tuple([importCopyRequestSchema(MAX_COPY_UPLOAD_BYTES)]),
    result: importedCopySchema.nullable(),
    upload: { limit: MAX_COPY_UPLOAD_BYTES },
  },
  /** Adds a JPEG or PNG to the document's assets; without a file the desktop host shows a dialog (null when cancelled). */
  importImage: {
    args: z.tuple([importImageRequestSchema(MAX_IMAGE_UPLOAD_BYTES)]),
    result: importedImageSchema.nullable(),
    upload: { limit: MAX_IMAGE_UPLOAD_BYTES },
  },
} as const satisfies Record<string, HostMethodSpec>;

export type HostMethodName = keyof typeof HOST_METHODS;
/** The table's method names, in its order. */
export const HOST_METHOD_NAMES = Object.keys(HOST_METHODS) as HostMethodName[];

/** A method's arguments, as a tuple. */
export type HostMethodArgs<M extends HostMethodName> = z.infer<(typeof HOST_METHODS)[M]['args']>;
/** The value of a method's successful answer. */
export type HostMethodResult<M extends HostMethodName> = z.infer<(typeof HOST_METHODS)[M]['result']>;

/** The table as a caller sees it: every method answers a Result. */
export type HostMethodsClient = {
  [M in HostMethodName]: (...args: HostMethodArgs<M>) => Promise<Result<HostMethodResult<M>>>;
};

/**
 * The table as the host implements it: the same methods, the arguments
 * already checked, with who called as an optional last argument.
 */
export type HostMethodsService<Caller> = {
  [M in HostMethodName]: (...args: [...HostMethodArgs<M>, Caller?]) => Promise<Result<HostMethodResult<M>>> | Result<HostMethodResult<M>>;
};

/** Methods that are HostApi methods as they stand (no `internal` hint). */
export type PublicHostMethodName = {
  [M in HostMethodName]: (typeof HOST_METHODS)[M] extends { internal: true } ? never : M;
}[HostMethodName];

/** The methods that are HostApi methods as they stand (no `internal` hint), in the table's order. */
export const PUBLIC_HOST_METHOD_NAMES = HOST_METHOD_NAMES.filter((m) => !('internal' in HOST_METHODS[m])) as PublicHostMethodName[];

export function isHostMethodName(name: string): name is HostMethodName {
  return Object.hasOwn(HOST_METHODS, name);
}

/** The first problem of a failed argument check, as one line naming the argument. */
export function argumentIssue(method: HostMethodName, error: z.ZodError, args?: unknown): string {
  const issue = error.issues[0];
  if (!issue) return `${method}: invalid arguments`;
  const items = (HOST_METHODS[method].args as z.ZodTuple).def.items as readonly z.ZodType[];
  const names = items.map((item, i) => item.description ?? `argument ${i + 1}`);
  if (issue.path.length === 0 && Array.isArray(args) && (issue.code === 'too_small' || issue.code === 'too_big')) {
    const takes = names.length === 0 ? 'no arguments' : `${names.join(', ')} (${names.length} argument${names.length === 1 ? '' : 's'})`;
    return `${method}: takes ${takes}, not ${args.length}`;
  }
  const [index, ...rest] = issue.path;
  const name = typeof index === 'number' ? (names[index] ?? `argument ${index + 1}`) : null;
  const where = [name, ...rest.map(String)].filter((p) => p !== null).join('.');
  return `${method}: ${where ? `${where}: ` : ''}${issue.message}`;
}

/** The arguments checked against the table: BAD_REQUEST naming the first problem, or the parsed arguments. */
export function checkHostArguments<M extends HostMethodName>(method: M, args: unknown): Result<HostMethodArgs<M>> {
  const parsed = HOST_METHODS[method].args.safeParse(args);
  if (!parsed.success) return { ok: false, error: { code: 'BAD_REQUEST', message: argumentIssue(method, parsed.error, args) } };
  return { ok: true, value: parsed.data as HostMethodArgs<M> };
}
