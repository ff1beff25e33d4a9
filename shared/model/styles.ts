/**
 * Type styles (样式), the way InDesign and 方正飞腾 have them: a page holds
 * named paragraph styles (body, crosshead, byline, caption, credit, kicker,
 * headline, subheadline, label, and any the editor defines) and character
 * styles (强调, 着重号). Every text block references a paragraph style by
 * name; its own non-null type attributes are overrides over it. Changing a
 * style therefore restyles every block that uses it and does not override
 * what changed.
 *
 * Invariants:
 * - `body` styles are grid-true: their size is the grid's body size, with no
 *   tracking and no scaling, so every column stays a whole number of
 *   characters (the resolver enforces it whatever the file says).
 * - A node's `lines` is always a number (it is geometry that copyfit, story
 *   shapes and the arrange tools read without the styles); the style
 *   commands rewrite it on the blocks that follow the style.
 * - An override equal to its style's value is no override: it is stored as
 *   null ({@link dropRedundantOverrides}).
 */
import type { Node } from 'prosemirror-model';
import { z } from 'zod';
import type { PageSettings } from '../page/settings';
import { CHARACTER_MARKS, STYLE_ALIGNS, STYLE_FACES, STYLE_KINDS } from './styles-types';
import type { CharacterStyle, ParagraphStyle, StyleAlign, StyleFace, StyleKind, StyleSheet } from './styles-types';

export type { CharacterStyle, ParagraphStyle, StyleAlign, StyleFace, StyleKind, StyleSheet } from './styles-types';

/** Most paragraph styles a page may define. */
export const MAX_PARAGRAPH_STYLES = 200;
/** Longest style name, in UTF-16 code units. */
export const MAX_STYLE_NAME = 32;

const finite = (min: number, max: number) => z.number().finite().min(min).max(max);

/** A style name: 1–32 characters, no control characters, no space at either end. */
export const styleNameSchema = z
  .string()
  .min(1, 'a style needs a name')
  .max(MAX_STYLE_NAME, `a style name has at most ${MAX_STYLE_NAME} characters`)
  .refine((s) => !/\p{Cc}/u.test(s), 'a style name has no control characters')
  .refine((s) => s.trim() === s, 'a style name has no space at either end');

export const paragraphStyleSchema = z
  .object({
    name: styleNameSchema,
    kind: z.enum(STYLE_KINDS),
    face: z.enum(STYLE_FACES),
    sizePt: finite(4, 200).nullable(),
    weight: z.number().int().min(100).max(900),
    trackingEm: finite(-0.5, 1),
    scaleX: finite(10, 400),
    align: z.enum(STYLE_ALIGNS),
    indentChars: finite(0, 10),
    lines: z.number().int().min(1).max(100).nullable(),
  })
  .strict();

export const characterStyleSchema = z
  .object({
    name: styleNameSchema,
    mark: z.enum(CHARACTER_MARKS),
    face: z.enum(STYLE_FACES).nullable(),
    weight: z.number().int().min(100).max(900).nullable(),
  })
  .strict();

function uniqueNames(list: readonly { name: string }[], ctx: z.RefinementCtx, path: string): void {
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [path, i, 'name'], message: `style "${s.name}" is defined twice` });
    seen.add(s.name);
  });
}

/** `settings.styles` as stored: bounded, names unique. */
export const styleSheetSchema = z
  .object({
    paragraph: z.array(paragraphStyleSchema).max(MAX_PARAGRAPH_STYLES),
    character: z.array(characterStyleSchema).max(CHARACTER_MARKS.length),
  })
  .strict()
  .superRefine((sheet, ctx) => {
    uniqueNames(sheet.paragraph, ctx, 'paragraph');
    uniqueNames(sheet.character, ctx, 'character');
    const marks = new Set<string>();
    sheet.character.forEach((s, i) => {
      if (marks.has(s.mark)) ctx.addIssue({ code: 'custom', path: ['character', i, 'mark'], message: `two character styles use the mark ${s.mark}` });
      marks.add(s.mark);
    });
  });

/** Text node types that take a paragraph style, with their kind and default style. */
export const STYLED_NODES = {
  paragraph: { kind: 'body', style: 'body' },
  crosshead: { kind: 'crosshead', style: 'crosshead' },
  kicker: { kind: 'head', style: 'kicker' },
  headline: { kind: 'head', style: 'headline' },
  subheadline: { kind: 'head', style: 'subheadline' },
  byline: { kind: 'byline', style: 'byline' },
  caption: { kind: 'caption', style: 'caption' },
  credit: { kind: 'credit', style: 'credit' },
  label: { kind: 'label', style: 'label' },
} as const satisfies Record<string, { kind: StyleKind; style: string }>;

export type StyledNodeType = keyof typeof STYLED_NODES;

export function isStyledNodeType(name: string): name is StyledNodeType {
  return Object.hasOwn(STYLED_NODES, name);
}

/** Attributes of each node type that override its style when not null. */
export const OVERRIDE_KEYS = {
  paragraph: [],
  crosshead: ['face'],
  kicker: ['sizePt', 'face', 'weight', 'align', 'scaleX'],
  headline: ['sizePt', 'face', 'weight', 'align', 'scaleX'],
  subheadline: ['sizePt', 'face', 'weight', 'align', 'scaleX'],
  byline: ['face', 'align'],
  caption: [],
  credit: [],
  label: ['sizePt', 'face'],
} as const satisfies Record<StyledNodeType, readonly (keyof ParagraphStyle)[]>;

export type OverrideKey = 'sizePt' | 'face' | 'weight' | 'align' | 'scaleX';

// Built in the stored key order, so a sheet compares and serialises the same before and after a load.
const style = (s: Omit<ParagraphStyle, 'trackingEm' | 'scaleX' | 'indentChars'> & Partial<ParagraphStyle>): ParagraphStyle =>
  paragraphStyleSchema.parse({ trackingEm: 0, scaleX: 100, indentChars: 0, ...s });

/**
 * The newsroom set every page starts with. The values are what the page
 * looked like before styles existed (the schema's old defaults and the
 * stylesheet), so old files keep their look.
 */
export const BUILTIN_PARAGRAPH_STYLES: readonly ParagraphStyle[] = [
  style({ name: 'body', kind: 'body', face: 'song', sizePt: null, weight: 400, align: 'justify', indentChars: 2, lines: null }),
  style({ name: 'crosshead', kind: 'crosshead', face: 'hei', sizePt: null, weight: 700, align: 'center', lines: 2 }),
  style({ name: 'byline', kind: 'byline', face: 'kai', sizePt: null, weight: 400, align: 'start', lines: 1 }),
  style({ name: 'caption', kind: 'caption', face: 'kai', sizePt: null, weight: 400, align: 'justify', lines: null }),
  style({ name: 'credit', kind: 'credit', face: 'kai', sizePt: null, weight: 400, align: 'end', lines: null }),
  style({ name: 'kicker', kind: 'head', face: 'hei', sizePt: 14, weight: 400, align: 'center', lines: 2 }),
  style({ name: 'headline', kind: 'head', face: 'hei', sizePt: 26, weight: 700, align: 'center', lines: 4 }),
  style({ name: 'subheadline', kind: 'head', face: 'hei', sizePt: 14, weight: 400, align: 'center', lines: 2 }),
  style({ name: 'label', kind: 'label', face: 'hei', sizePt: 16, weight: 700, align: 'center', trackingEm: 0.1, lines: null }),
];

export const BUILTIN_CHARACTER_STYLES: readonly CharacterStyle[] = [
  { name: 'strong', mark: 'strong', face: null, weight: 700 },
  { name: 'emphasis', mark: 'emphasis_dots', face: null, weight: null },
];

/** Whether uses of a style of `kind` take whole grid lines (heads, crossheads, bylines) rather than flow on the grid. */
export function kindTakesLines(kind: StyleKind): boolean {
  return kind === 'head' || kind === 'crosshead' || kind === 'byline';
}

/** Whether `name` is one of the built-in paragraph styles (they cannot be renamed). */
export function isBuiltinStyle(name: string): boolean {
  return BUILTIN_PARAGRAPH_STYLES.some((s) => s.name === name);
}

/** A fresh copy of the built-in style sheet. */
export function defaultStyleSheet(): StyleSheet {
  return {
    paragraph: BUILTIN_PARAGRAPH_STYLES.map((s) => ({ ...s })),
    character: BUILTIN_CHARACTER_STYLES.map((s) => ({ ...s })),
  };
}

const DEFAULT_SHEET: StyleSheet = defaultStyleSheet();

/** The styles of a page: its own, or the built-in set when it has none stored. */
export function styleSheetOf(settings: Pick<PageSettings, 'styles'>): StyleSheet {
  return settings.styles ?? DEFAULT_SHEET;
}

/** The paragraph style called `name`, or undefined. */
export function findParagraphStyle(sheet: StyleSheet, name: string): ParagraphStyle | undefined {
  return sheet.paragraph.find((s) => s.name === name);
}

/** Whether a style of `kind` can be applied to a node of `type` (paragraph and crosshead convert into each other). */
export function styleFits(kind: StyleKind, type: StyledNodeType): boolean {
  const own = STYLED_NODES[type].kind;
  if (own === kind) return true;
  return (own === 'body' && kind === 'crosshead') || (own === 'crosshead' && kind === 'body');
}

/**
 * The style a node of `type` uses: the one its `style` attribute names when
 * that exists and is of the node's kind, else its type's default style (the
 * page's, or the built-in one when the page deleted it).
 */
export function styleFor(sheet: StyleSheet, type: StyledNodeType, name: unknown): ParagraphStyle {
  const kind = STYLED_NODES[type].kind;
  if (typeof name === 'string') {
    const named = findParagraphStyle(sheet, name);
    if (named && named.kind === kind) return named;
  }
  const fallback = STYLED_NODES[type].style;
  return findParagraphStyle(sheet, fallback) ?? BUILTIN_PARAGRAPH_STYLES.find((s) => s.name === fallback)!;
}

/** Node types whose `lines` attribute is the grid lines they take. */
const LINES_TYPES: Partial<Record<StyledNodeType, { lines: true }>> = {
  crosshead: { lines: true },
  kicker: { lines: true },
  headline: { lines: true },
  subheadline: { lines: true },
  byline: { lines: true },
};

/** Whether nodes of `type` carry their grid lines in a `lines` attribute. */
export function hasLinesAttr(type: StyledNodeType): boolean {
  return LINES_TYPES[type] !== undefined;
}

/** The type a text block is set in, after its style and overrides. */
export interface EffectiveType extends Omit<ParagraphStyle, 'name' | 'sizePt'> {
  /** Name of the style it uses. */
  style: string;
  /** Type size in points (the grid's body size where the style leaves it null). */
  sizePt: number;
  /** Which of the above come from the node, not the style. */
  overridden: OverrideKey[];
}

const isFace = (v: unknown): v is StyleFace => (STYLE_FACES as readonly unknown[]).includes(v);
const isAlign = (v: unknown): v is StyleAlign => (STYLE_ALIGNS as readonly unknown[]).includes(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, v));

/** A valid override value for `key`, or null (absent, null or out of range: the style applies). */
export function overrideValue(key: OverrideKey, v: unknown): number | string | null {
  switch (key) {
    case 'face':
      return isFace(v) ? v : null;
    case 'align':
      return isAlign(v) ? v : null;
    case 'sizePt':
      return isNum(v) && v >= 4 && v <= 200 ? v : null;
    case 'weight':
      return isNum(v) && v >= 100 && v <= 900 ? v : null;
    case 'scaleX':
      return isNum(v) && v >= 10 && v <= 400 ? v : null;
  }
}

/**
 * The effective type of a node of `type` with attributes `attrs` on a page
 * with `settings`: its style, then its overrides; body text stays grid-true.
 */
export function resolveTypeOf(type: StyledNodeType, attrs: Readonly<Record<string, unknown>>, settings: PageSettings): EffectiveType {
  const s = styleFor(styleSheetOf(settings), type, attrs['style']);
  const out: EffectiveType = {
    style: s.name,
    kind: s.kind,
    face: s.face,
    sizePt: s.sizePt ?? settings.grid.bodyPt,
    weight: s.weight,
    trackingEm: s.trackingEm,
    scaleX: s.scaleX,
    align: s.align,
    indentChars: s.indentChars,
    lines: s.lines,
    overridden: [],
  };
  for (const key of OVERRIDE_KEYS[type] as readonly OverrideKey[]) {
    const v = overrideValue(key, attrs[key]);
    if (v === null) continue;
    (out as unknown as Record<string, unknown>)[key] = v;
    out.overridden.push(key);
  }
  const lines = attrs['lines'];
  if (isNum(lines) && hasLinesAttr(type)) out.lines = Math.max(0, Math.round(lines));
  if (out.kind === 'body') {
    // Grid-true: the column is a whole number of body characters.
    out.sizePt = settings.grid.bodyPt;
    out.trackingEm = 0;
    out.scaleX = 100;
  }
  out.scaleX = clamp(out.scaleX, 10, 400);
  return out;
}

/** The effective type of a styled text node on a page with `settings`. */
export function resolveType(node: Node, settings: PageSettings): EffectiveType {
  const type = node.type.name;
  if (!isStyledNodeType(type)) throw new RangeError(`node type "${type}" takes no paragraph style`);
  return resolveTypeOf(type, node.attrs, settings);
}

/** The value a style gives an override key (sizePt resolved against the grid). */
export function styleValue(s: ParagraphStyle, key: OverrideKey, settings: PageSettings): number | string {
  return key === 'sizePt' ? (s.sizePt ?? settings.grid.bodyPt) : s[key];
}

/** The character style applied as `mark`, from the page's sheet or the built-ins. */
export function characterStyleFor(sheet: StyleSheet, mark: string): CharacterStyle | undefined {
  return sheet.character.find((s) => s.mark === mark) ?? BUILTIN_CHARACTER_STYLES.find((s) => s.mark === mark);
}
