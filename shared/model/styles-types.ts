/**
 * Type styles (样式): the stored shapes of named paragraph and character
 * styles. Kept free of imports so page settings can name them without an
 * import cycle; the rules live in `styles.ts`.
 */

/** Faces a style may name (宋, 黑, 楷, 仿宋). */
export const STYLE_FACES = ['song', 'hei', 'kai', 'fangsong'] as const;
export type StyleFace = (typeof STYLE_FACES)[number];

export const STYLE_ALIGNS = ['start', 'center', 'end', 'justify'] as const;
export type StyleAlign = (typeof STYLE_ALIGNS)[number];

/**
 * What a paragraph style can be applied to. Each text node type has one kind:
 * `body` paragraphs, `crosshead` (小标题), `head` (引题, 主题, 副题), `byline`,
 * `caption`, `credit`, `label` (section labels).
 */
export const STYLE_KINDS = ['body', 'crosshead', 'head', 'byline', 'caption', 'credit', 'label'] as const;
export type StyleKind = (typeof STYLE_KINDS)[number];

/**
 * A named paragraph style. Every text block references one by name (its
 * `style` attribute; null means the default style of its node type), and a
 * node's own non-null type attributes override it.
 */
export interface ParagraphStyle {
  /** Unique within the page; built-in styles have fixed ASCII names (`headline`). */
  name: string;
  kind: StyleKind;
  face: StyleFace;
  /** Type size in points; null = the grid's body size. Always null for `body` (grid-true). */
  sizePt: number | null;
  /** CSS weight: 400 regular, 700 bold, 900 black. */
  weight: number;
  /** Tracking (字距) in em, added after every character; 0 for `body`. */
  trackingEm: number;
  /** Horizontal glyph scaling in percent (长扁字), 100 = none; 100 for `body`. */
  scaleX: number;
  align: StyleAlign;
  /** First-line indent in characters (2 for body copy). */
  indentChars: number;
  /** Grid lines one use takes (heads, bylines, crossheads); null where the text flows on the grid. */
  lines: number | null;
}

/** Marks a character style is applied as. */
export const CHARACTER_MARKS = ['strong', 'emphasis_dots'] as const;
export type CharacterMark = (typeof CHARACTER_MARKS)[number];

/** A character style: applied as a mark; changing it restyles every run with that mark. */
export interface CharacterStyle {
  /** `strong` (强调) or `emphasis` (着重号) for the built-ins. */
  name: string;
  mark: CharacterMark;
  /** Face of the run; null = the face of its paragraph. */
  face: StyleFace | null;
  /** Weight of the run; null = the weight of its paragraph. */
  weight: number | null;
}

/** The styles of a page (`settings.styles`). */
export interface StyleSheet {
  paragraph: ParagraphStyle[];
  character: CharacterStyle[];
}
