/**
 * The attribute sets the schema's node specs share (shared/model/schema.ts):
 * a block's grid placement, a box and tint, a text node's paragraph style and
 * a headline's type overrides. Declared once; node specs spread them.
 */
/** Font families a text node may be set in. */
export type FaceName = 'song' | 'hei' | 'kai' | 'fangsong';

export type TextAlign = 'start' | 'center' | 'end' | 'justify';

/** Attributes every block on the grid has. */
export const blockAttrs = {
  /** Stable unique id within the page (for `data-block-id`, links, tests). */
  id: { default: '', validate: 'string' },
  /** Left-most grid column, 0-based. */
  col: { default: 0, validate: 'number' },
  /** Top grid line, 0-based. */
  line: { default: 0, validate: 'number' },
  /** Width in grid columns (≥ 1). */
  cols: { default: 1, validate: 'number' },
  /** Height in grid lines (≥ 1). */
  lines: { default: 1, validate: 'number' },
} as const;

/**
 * Box (边框) and background tint (底纹) of a story or teaser block. The box
 * is drawn inside the block's grid box; the text is inset from it by whole
 * body characters across and whole grid lines down (see
 * shared/layout/story-box.ts), so it stays on the grid.
 */
export const boxAttrs = {
  /**
   * Border style: `none` (open), `single`, `double`, `thick-thin` (文武线,
   * thick outside), `thin-thick`, `dashed`, or a 花边 `dots` / `wave`.
   */
  frame: { default: 'none', validate: 'string' },
  /** Border weight in points (for double and thick-thin: the whole border). */
  frameWeightPt: { default: 1, validate: 'number' },
  /** Swatch name of the border. */
  frameSwatch: { default: 'black', validate: 'string' },
  /** Space between the box and the text in body characters (whole, 0–4). */
  frameInset: { default: 1, validate: 'number' },
  /** Swatch name of the background tint. */
  tintSwatch: { default: 'black', validate: 'string' },
  /** Background tint in whole percent of `tintSwatch`; 0 for none. */
  tint: { default: 0, validate: 'number' },
} as const;

/**
 * The paragraph style a text node uses (shared/model/styles.ts); null = the
 * default style of its node type.
 */
export const styleAttr = { style: { default: null as string | null, validate: 'string|null' } };

/** The style name on clipboard HTML, so copied body text keeps its style when pasted. */
export const styleToDom = (node: { attrs: Record<string, unknown> }) => (typeof node.attrs['style'] === 'string' ? { 'data-style': node.attrs['style'] } : {});
// Structural: shared/ has no DOM types.
export const styleFromDom = (dom: { getAttribute(name: string): string | null }) => ({ style: dom.getAttribute('data-style') || null });

/**
 * Attributes of a headline-like text node. The type attributes are overrides
 * over the node's style: null = from the style. `lines` is always a number
 * (geometry); the style commands keep it in step with the style.
 */
export const headingAttrs = {
  ...styleAttr,
  /** Type size in points. */
  sizePt: { default: null as number | null, validate: 'number|null' },
  face: { default: null as FaceName | null, validate: 'string|null' },
  /** Weight, CSS scale (400 regular, 700 bold, 900 black). */
  weight: { default: null as number | null, validate: 'number|null' },
  align: { default: null as TextAlign | null, validate: 'string|null' },
  /** Horizontal glyph scaling in percent (长扁字), 100 = none. */
  scaleX: { default: null as number | null, validate: 'number|null' },
  /** Grid lines this line of the head takes. */
  lines: { default: 2, validate: 'number' },
};
