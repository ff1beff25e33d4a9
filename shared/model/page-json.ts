/**
 * The stored form of a page: ProseMirror's JSON of the page node, validated
 * with zod before it is turned into a node. Every number is bounded, so an
 * untrusted file cannot make the layout allocate or loop without end.
 */
import { z } from 'zod';
import { intakeRecordSchema } from '../intake/record';
import { styleSheetSchema } from './styles';

/** Deepest JSON nesting a stored page may have (a real page is about 12 deep). */
export const MAX_JSON_DEPTH = 40;
/** Most child nodes any one node may have. */
export const MAX_CHILDREN = 20_000;
/** Longest text node, in UTF-16 code units. */
export const MAX_TEXT = 1_000_000;

const finite = (min: number, max: number) => z.number().finite().min(min).max(max);

export const paperSchema = z.object({ width: finite(50, 2000), height: finite(50, 2000) }).strict();
export const marginsSchema = z.object({ top: finite(0, 1000), left: finite(0, 1000) }).strict();
export const gridSchema = z
  .object({
    columns: z.number().int().min(1).max(40),
    charsPerColumn: z.number().int().min(1).max(200),
    gutterChars: z.number().min(0).max(10),
    bodyPt: finite(4, 72),
    linePitchPt: finite(4, 144),
    lines: z.number().int().min(1).max(1000),
  })
  .strict();
export const editionSchema = z
  .object({
    paperName: z.string().max(200),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be YYYY-MM-DD'),
    pageNumber: z.number().int().min(1).max(999),
    section: z.string().max(200),
    editionName: z.string().max(200),
    // Format 2: the edition's label, mirrored; absent when ''.
    label: z.string().min(1).max(200).optional(),
  })
  .strict();
export const settingsSchema = z
  .object({
    paper: paperSchema,
    margins: marginsSchema,
    grid: gridSchema,
    edition: editionSchema,
    lineBreak: z.enum(['strict', 'normal']),
    // Added after format 1 shipped: absent means 全角式 (kept absent, so old files save back byte for byte).
    punctuation: z.enum(['quanjiao', 'kaiming']).optional(),
    // Type styles (optional: pages from before styles have none).
    styles: styleSheetSchema.optional(),
  })
  .strict();

const attrValue = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);
/** Node attributes: scalars, except the intake record of a story, photo or teaser (bounded by its own schema). */
const nodeAttrs = z.object({ intake: intakeRecordSchema.nullable().optional() }).catchall(attrValue);

export const markJsonSchema = z
  .object({ type: z.string().max(64), attrs: z.record(z.string(), attrValue).optional() })
  .strict();

/** Shape of a ProseMirror node in JSON, before schema checks. */
export interface NodeJson {
  type: string;
  attrs?: Record<string, unknown>;
  content?: NodeJson[];
  text?: string;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

export const nodeJsonSchema: z.ZodType<NodeJson> = z.lazy(() =>
  z
    .object({
      type: z.string().max(64),
      attrs: nodeAttrs.optional(),
      content: z.array(nodeJsonSchema).max(MAX_CHILDREN).optional(),
      text: z.string().max(MAX_TEXT).optional(),
      marks: z.array(markJsonSchema).max(16).optional(),
    })
    .strict(),
);

/** Page statuses: 排版中, 待审, 已签发. */
export const PAGE_STATUSES = ['draft', 'review', 'signed'] as const;
/** Colour or mono (彩版 / 黑白版). */
export const PAGE_COLOURS = ['colour', 'mono'] as const;

/** A page's own edition attributes (flat; absent ones take their defaults). */
export const pageMetaShape = {
  section: z.string().max(200).optional(),
  editor: z.string().max(200).optional(),
  colour: z.enum(PAGE_COLOURS).optional(),
  status: z.enum(PAGE_STATUSES).optional(),
};

/** The page node in JSON: its settings are an object, everything else plain. */
export const pageJsonSchema = z
  .object({
    type: z.literal('page'),
    attrs: z.object({ settings: settingsSchema, ...pageMetaShape }).strict(),
    content: z.array(nodeJsonSchema).max(MAX_CHILDREN).optional(),
  })
  .strict();

export type PageJson = z.infer<typeof pageJsonSchema>;

/** Depth of a JSON value, stopping early past `limit` (guards zod's recursion). */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (d > max) max = d;
    if (max > limit) return max;
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, d + 1]);
    }
  }
  return max;
}
