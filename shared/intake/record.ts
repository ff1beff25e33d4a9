/**
 * The intake record: what copy intake decided about a story, stored on the
 * story's block (attribute `intake`) so the editor can review and correct it
 * while the story waits in the bin, and after saving and reopening the page.
 *
 * Invariant: while a record is *aligned* with its story (see
 * `review-parts.ts`), `parts[i]` describes the i-th text part of the story in
 * document order — kicker, headline, subheadline, byline, then each body
 * paragraph or crosshead — and `parts[i].role` is that node's type. The
 * correction commands keep it so; an edit of the text that changes the
 * structure leaves the record unaligned, and it is then shown read-only.
 */
import { z } from 'zod';
import { DECISION_RULES } from './types';

/** Roles a part of a story can have: the node types of its text parts. */
export const PART_ROLES = ['kicker', 'headline', 'subheadline', 'byline', 'crosshead', 'paragraph'] as const;
export type PartRole = (typeof PART_ROLES)[number];

/** One text part of a story and how intake arrived at it. */
export interface IntakePart {
  /** The part's role now (= its node type while the record is aligned). */
  role: PartRole;
  /** The role intake gave it, when the editor has since changed the role. */
  was?: PartRole;
  /** The rule that decided the role. */
  rule: (typeof DECISION_RULES)[number];
  /** Source line of each piece the part was built from (several for a rejoined paragraph); empty for a part intake made up. */
  lines: number[];
  /** Last source line, when the part runs past its last piece's line (hard-wrapped text joined). */
  end?: number;
  /** UTF-16 offsets in the part's text where `lines[1]`, `lines[2]`, … begin (rejoined paragraphs). */
  joins?: number[];
  /** Length of the part's text the offsets refer to; they are only used while the text still has it. */
  chars?: number;
  /** The run-in byline that opens this paragraph: set as one (`byline`), or turned into plain text by the editor (`text`). */
  runIn?: 'byline' | 'text';
  /** The byline's source line, for a run-in byline. */
  runInLine?: number;
  /** The editor split this part off a rejoined paragraph, or joined the next one to it. */
  edited?: 'split' | 'joined';
  /** Punctuation set full width and spaces removed while cleaning. */
  marks?: number;
  spaces?: number;
}

export const NOTE_KINDS = ['label', 'title', 'caption', 'credit', 'photo', 'teaser'] as const;

/** A decision about the item that is not a text part of the story: its label, its photos, a teaser item. */
export interface IntakeNote {
  kind: (typeof NOTE_KINDS)[number];
  rule: (typeof DECISION_RULES)[number];
  line: number;
  /** The text concerned: the label, the caption, the credit's names, the teaser item. */
  text: string;
}

export interface IntakeRecord {
  parts: IntakePart[];
  notes: IntakeNote[];
}

/** Most parts a record may hold (a story's body rarely has a thousand paragraphs). */
export const MAX_RECORD_PARTS = 20_000;
const MAX_LINE = 100_000_000;
const MAX_NOTE_TEXT = 2_000;

const lineNumber = z.number().int().min(0).max(MAX_LINE);
const role = z.enum(PART_ROLES);
const rule = z.enum(DECISION_RULES);
const count = z.number().int().min(0).max(10_000_000);

const partSchema = z
  .object({
    role,
    was: role.optional(),
    rule,
    lines: z.array(lineNumber).max(100_000),
    end: lineNumber.optional(),
    joins: z.array(count).max(100_000).optional(),
    chars: count.optional(),
    runIn: z.enum(['byline', 'text']).optional(),
    runInLine: lineNumber.optional(),
    edited: z.enum(['split', 'joined']).optional(),
    marks: count.optional(),
    spaces: count.optional(),
  })
  .strict();

const noteSchema = z
  .object({ kind: z.enum(NOTE_KINDS), rule, line: lineNumber, text: z.string().max(MAX_NOTE_TEXT) })
  .strict();

/** The stored form of an intake record, bounded like the rest of a page (see page-json.ts). */
export const intakeRecordSchema: z.ZodType<IntakeRecord> = z
  .object({ parts: z.array(partSchema).max(MAX_RECORD_PARTS), notes: z.array(noteSchema).max(10_000) })
  .strict();

/** Records already checked, by the attribute value (attribute values are never mutated). */
const checked = new WeakMap<object, IntakeRecord | null>();

/** The record on a block, or null when it has none or it is not one. */
export function recordOf(attrs: Readonly<Record<string, unknown>>): IntakeRecord | null {
  const value = attrs['intake'];
  if (value === null || typeof value !== 'object') return null;
  const hit = checked.get(value);
  if (hit !== undefined) return hit;
  // Nodes from stored JSON were validated on load; this guards nodes made in code.
  const parsed = intakeRecordSchema.safeParse(value);
  const record = parsed.success ? parsed.data : null;
  checked.set(value, record);
  return record;
}

/** Cuts a note's text to the stored bound. */
export function noteText(text: string): string {
  return text.length > MAX_NOTE_TEXT ? `${text.slice(0, MAX_NOTE_TEXT - 1)}…` : text;
}
