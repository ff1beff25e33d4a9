/**
 * The data copy intake produces: stories recognised in reporters' text, Word
 * files and text copied out of PDFs, with every structural decision recorded
 * so an editor can see why a line became a headline or a caption and correct it.
 */

/**
 * One line of input as the recogniser sees it: a line of a text file, or one
 * block element (paragraph, heading, image) of HTML or a Word file.
 */
export interface SourceLine {
  /** 1-based line number in the text file, or block number in HTML/Word. */
  line: number;
  /** The text, whitespace-trimmed at both ends. Empty for an image. */
  text: string;
  /** Blank lines (or empty paragraphs) between this line and the previous one. */
  blankBefore: number;
  /** The line started with an indent (spaces, U+3000): a reporter's paragraph start. */
  indented?: boolean;
  /** Structure the source itself declared (HTML/Word heading levels, whole-line bold). */
  hint?: 'h1' | 'h2' | 'h3' | 'bold';
  /** Bold ranges in `text` as [from, to) UTF-16 offsets, ascending, disjoint. */
  strong?: [number, number][];
  /** An image standing alone as a block (Word inline picture, HTML `<img>`). */
  image?: ImageRef;
  /** Further source lines this line was joined from (printed lines of hard-wrapped text). */
  joined?: number[];
}

/** An image the source carried. */
export interface ImageRef {
  /** Where the bytes are: a URL, a `data:` URI, or an id the host resolves (`intake-image:N`). */
  src: string;
  /** Alternative text, if the source gave one. */
  alt?: string;
}

/** A person named in a byline or credit. */
export interface Person {
  /** Role as printed: 记者, 首席记者, 通讯员, 本报记者, 实习生…; '' when none was printed. */
  role: string;
  name: string;
}

/** A story's byline, standalone (`首席记者 蒋超`) or run-in (`本报讯(记者 X)…`). */
export interface Byline {
  /** The byline as it will be printed, normalised (full-width parentheses). */
  text: string;
  /**
   * True when the byline opens the first paragraph (本报讯, 新华社…电): the
   * ProseMirror conversion prints it there with the `dateline` mark.
   */
  runIn: boolean;
  /** Agency or dateline words before the parentheses: 本报讯, 新华社北京11月20日电. */
  dateline?: string;
  people: Person[];
}

/** A photo credit: `记者 方方斌摄`. */
export interface Credit {
  /** As printed, inner whitespace collapsed to one space. */
  text: string;
  people: Person[];
}

/** A photo of a story (or a photo standing on its own). */
export interface PhotoDraft {
  caption?: string;
  credit?: Credit;
  image?: ImageRef;
  /** Source line of the caption (or of the image when there is no caption). */
  sourceLine: number;
}

/** One piece of a story's body, in order. */
export interface BodyItem {
  kind: 'paragraph' | 'crosshead';
  text: string;
  strong?: [number, number][];
  /** Source lines this piece was built from (several when a broken paragraph was rejoined). */
  sourceLines: number[];
  /**
   * For a rejoined paragraph: UTF-16 offsets in `text` where the text of
   * `sourceLines[1]`, `sourceLines[2]`, … begins (ascending, inside the text).
   */
  joins?: number[];
  /** What cleaning repaired in this piece, when anything. */
  fixes?: TextFixes;
}

/** Repairs cleaning made to a piece of text. */
export interface TextFixes {
  /** ASCII punctuation set full width (`,` → `，`, `(` → `（`, `"` → `“`). */
  marks: number;
  /** Spaces removed (between Han characters, at a join). */
  spaces: number;
}

/** A teaser item of a 导读 box. */
export interface TeaserItem {
  text: string;
  /** Page the item points to ('3' for ▶3版), '' when not given. */
  page: string;
  sourceLine: number;
}

/**
 * What intake found: a story (headline group, byline, body), a photo standing
 * on its own (图片新闻, usually under a label), or a 导读 teaser box.
 */
export interface StoryDraft {
  kind: 'story' | 'photo' | 'teaser';
  /** Section label printed above it: 今日视点, 大美萧山, 导读… */
  label?: string;
  /** 引题. */
  kicker?: string;
  /** 主题. */
  headline?: string;
  /** 副题. */
  subheadline?: string;
  byline?: Byline;
  /** Body in order: paragraphs and crossheads. */
  body: BodyItem[];
  /** Crosshead texts, in order (derived from `body`). */
  crossheads: string[];
  /** Paragraph texts, in order (derived from `body`). */
  paragraphs: string[];
  photos: PhotoDraft[];
  /** Caption texts, in order (derived from `photos`). */
  captions: string[];
  /** Credit texts, in order (derived from `photos`). */
  credits: string[];
  teasers: TeaserItem[];
  /** First and last source line of the item. */
  firstLine: number;
  lastLine: number;
}

/** Rules that can decide a line's role; stable ids for UI, tests and the stored intake record. */
export const DECISION_RULES = [
  'label.known',
  'label.short-before-head',
  'label.before-caption',
  'head.single',
  'head.three-lines',
  'head.dash-subheadline',
  'head.shorter-is-main',
  'head.source-heading',
  'head.extra-lines-as-label',
  'byline.standalone',
  'byline.run-in',
  'crosshead.short-line',
  'crosshead.source-heading',
  'caption.before-credit-line',
  'caption.trailing-credit',
  'caption.after-image',
  'caption.lifted-from-sentence',
  'credit.own-line',
  'credit.trailing',
  'photo.image',
  'story.start-after-head',
  'paragraph.body',
  'paragraph.rejoined',
  'paragraph.unwrapped',
  'teaser.item',
] as const;

export type DecisionRule = (typeof DECISION_RULES)[number];

/**
 * Why one source line got its role. `line` is the source line the decision
 * is about; `rule` names the rule; `detail` says it in words for the editor.
 */
export interface Decision {
  line: number;
  role:
    | 'label'
    | 'kicker'
    | 'headline'
    | 'subheadline'
    | 'byline'
    | 'crosshead'
    | 'paragraph'
    | 'caption'
    | 'credit'
    | 'photo'
    | 'teaser';
  rule: DecisionRule;
  /** Index of the item in `IntakeResult.stories` the line went to. */
  story: number;
  detail: string;
}

/** The result of intake over one source. */
export interface IntakeResult {
  stories: StoryDraft[];
  decisions: Decision[];
}
