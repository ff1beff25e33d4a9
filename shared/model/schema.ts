/**
 * The ProseMirror schema of a Banmian page.
 *
 * A page (`page`) holds the page settings; its children are blocks placed on
 * the grid. An edition (`edition`) holds the pages of one paper in order
 * (docs/decisions/0014-edition-model.md), then its story bin. Every block carries its grid
 * placement as attributes (`col`, `line`, `cols`, `lines`, in grid units,
 * 0-based), so moving a block is a transaction like typing a character.
 *
 * Text lives in child nodes (headlines, paragraphs, captions); scalars live in
 * attributes. The `toDOM` specs here are the plain fallback used for
 * clipboard serialisation; the editor renders blocks through NodeViews.
 */
import { Schema } from 'prosemirror-model';
import type { MarkSpec, NodeSpec } from 'prosemirror-model';
import { DEFAULT_EDITION, settingsFromPreset } from '../page/settings';
import { blockAttrs, boxAttrs, headingAttrs, styleAttr, styleFromDom, styleToDom } from './schema-attrs';
import type { FaceName, TextAlign } from './schema-attrs';

export { blockAttrs, boxAttrs } from './schema-attrs';
export type { FaceName, TextAlign } from './schema-attrs';

const nodes: Record<string, NodeSpec> = {
  /**
   * One paper of one day: its pages in order, then its story bin (copy not
   * yet placed on any page), if any. The folio (第N版) of a page is its
   * position, never stored. Attributes are the edition's own; each page's
   * `settings.edition` mirrors them (shared/edition/edition-sync.ts).
   */
  edition: {
    content: 'page+ bin?',
    attrs: {
      /** Newspaper name, e.g. 萧山日报. */
      paperName: { default: DEFAULT_EDITION.paperName, validate: 'string' },
      /** Publication date, ISO `YYYY-MM-DD`. */
      date: { default: DEFAULT_EDITION.date, validate: 'string' },
      /** The edition's own name within the day (城市版, A叠), or ''. */
      label: { default: '', validate: 'string' },
    },
  },

  page: {
    // Placed blocks; copy not yet placed lies in the edition's story bin.
    content: 'block*',
    attrs: {
      /** See {@link PageSettings}. `settings.edition` mirrors the edition and this page's folio. */
      settings: { default: settingsFromPreset('duikai', DEFAULT_EDITION) },
      /** Section (版名), e.g. 要闻, 综合, 体育. */
      section: { default: DEFAULT_EDITION.section, validate: 'string' },
      /** 责任编辑: the editor responsible for the page, or ''. */
      editor: { default: '', validate: 'string' },
      /** `colour` (彩版) or `mono` (黑白版). */
      colour: { default: 'colour', validate: 'string' },
      /** `draft` 排版中, `review` 待审, `signed` 已签发. */
      status: { default: 'draft', validate: 'string' },
    },
  },

  /**
   * The story bin: stories (and their photos, labels, teasers) of the
   * edition not placed on any page (docs/decisions/0031-edition-story-bin.md).
   * Keeping them in the edition document makes placing (onto any page) and
   * removing one transaction with one undo step. The grid attributes of what
   * is in the bin mean nothing until it is placed; the bin is never printed.
   */
  bin: {
    content: '(story | photo | label | teaser)*',
    // An atom that cannot be selected: the caret and selection searches never enter the bin.
    atom: true,
    selectable: false,
    toDOM: () => ['aside', { class: 'bm-bin' }, 0],
    parseDOM: [{ tag: 'aside.bm-bin' }],
  },

  story: {
    group: 'block',
    content: 'headgroup? byline? body',
    isolating: true,
    attrs: {
      ...blockAttrs,
      /** Text columns of the body; null means one per grid column. */
      textColumns: { default: null as number | null },
      /**
       * 转版: the id of the story (or continuation) this block continues, ''
       * for a story of its own. A continuation carries its 续题 as its head.
       */
      continues: { default: '', validate: 'string' },
      /**
       * Mirrors of the story's 转版 chain, rewritten by `syncEdition` on every
       * load, save and page move, never typed: the folio its next part is on
       * (（下转第N版） at the end of this part) and the folio its previous part
       * is on (（上接第N版） at the head of this continuation); null when none.
       */
      jumpTo: { default: null as number | null, validate: 'number|null' },
      jumpFrom: { default: null as number | null, validate: 'number|null' },
      ...boxAttrs,
      /** Column rule (栏线) between the text columns: its weight in points, 0 for none. */
      columnRulePt: { default: 0, validate: 'number' },
      /** What copy intake decided about the story (shared/intake/record.ts), or null. */
      intake: { default: null },
    },
    toDOM: () => ['article', { class: 'bm-story' }, 0],
    parseDOM: [{ tag: 'article.bm-story' }],
  },

  headgroup: {
    content: 'kicker? headline subheadline?',
    isolating: true,
    attrs: {
      /** Grid columns of the story the head spans from its left (a vertical head: from its side); null = all. */
      cols: { default: null as number | null },
      /** 竖排: the head set vertically in a strip at the story's side, the body beside it. */
      vertical: { default: false, validate: 'boolean' },
      /** Side of the story a vertical head stands on: `right` (usual) or `left`. */
      side: { default: 'right', validate: 'string' },
    },
    toDOM: () => ['header', 0],
    parseDOM: [{ tag: 'header' }],
  },

  kicker: {
    content: 'inline*',
    marks: '_',
    attrs: { ...headingAttrs, lines: { default: 2, validate: 'number' } },
    toDOM: () => ['p', { class: 'bm-kicker' }, 0],
    parseDOM: [{ tag: 'p.bm-kicker' }],
  },

  headline: {
    content: 'inline*',
    marks: '_',
    attrs: { ...headingAttrs, lines: { default: 4, validate: 'number' } },
    toDOM: () => ['h1', 0],
    parseDOM: [{ tag: 'h1' }, { tag: 'h2' }],
  },

  subheadline: {
    content: 'inline*',
    marks: '_',
    attrs: { ...headingAttrs, lines: { default: 2, validate: 'number' } },
    toDOM: () => ['p', { class: 'bm-subheadline' }, 0],
    parseDOM: [{ tag: 'p.bm-subheadline' }, { tag: 'h3' }],
  },

  byline: {
    content: 'inline*',
    marks: '_',
    attrs: {
      ...styleAttr,
      face: { default: null as FaceName | null },
      align: { default: null as TextAlign | null },
      /** Grid lines the byline takes. */
      lines: { default: 1 },
    },
    toDOM: () => ['p', { class: 'bm-byline' }, 0],
    parseDOM: [{ tag: 'p.bm-byline' }],
  },

  body: {
    content: '(paragraph | crosshead)+',
    toDOM: () => ['div', { class: 'bm-body' }, 0],
    parseDOM: [{ tag: 'div.bm-body' }],
  },

  paragraph: {
    content: 'inline*',
    marks: '_',
    attrs: {
      ...styleAttr,
      /**
       * 转版 flow (docs/decisions/0030): this piece continues a paragraph whose
       * head is the last paragraph of the part before (no first-line indent).
       */
      runIn: { default: false, validate: 'boolean' },
      /** This piece's paragraph runs on into the next part's first paragraph (its last line set justified). */
      runOn: { default: false, validate: 'boolean' },
    },
    toDOM: (node) => ['p', styleToDom(node), 0],
    parseDOM: [{ tag: 'p', getAttrs: styleFromDom }],
  },

  crosshead: {
    content: 'inline*',
    marks: '_',
    attrs: {
      /** Grid lines the crosshead takes (it is centred within them). */
      lines: { default: 2 },
      face: { default: null as FaceName | null },
      ...styleAttr,
    },
    toDOM: (node) => ['h4', styleToDom(node), 0],
    parseDOM: [{ tag: 'h4', getAttrs: styleFromDom }],
  },

  photo: {
    group: 'block',
    content: 'caption credit?',
    isolating: true,
    attrs: {
      ...blockAttrs,
      /** Content hash of the image asset in the page file, or '' for an empty frame. */
      asset: { default: '' },
      /** Pixel size of the original image. */
      pixelWidth: { default: 0 },
      pixelHeight: { default: 0 },
      /** `fill` crops to fill the frame; `fit` shows the whole image. */
      fit: { default: 'fill' },
      /** Crop: image scale relative to `fill`, and the focal point (0–1). */
      zoom: { default: 1 },
      focusX: { default: 0.5 },
      focusY: { default: 0.5 },
      /** Grid lines at the bottom of the block taken by caption and credit. */
      captionLines: { default: 2 },
      /** Short description for accessibility and the asset list. */
      alt: { default: '' },
      /** What copy intake decided about the photo (shared/intake/record.ts), or null. */
      intake: { default: null },
    },
    toDOM: () => ['figure', 0],
    parseDOM: [{ tag: 'figure' }],
  },

  caption: {
    content: 'inline*',
    marks: '_',
    attrs: { ...styleAttr },
    toDOM: () => ['figcaption', 0],
    parseDOM: [{ tag: 'figcaption' }],
  },

  credit: {
    content: 'inline*',
    marks: '_',
    attrs: { ...styleAttr },
    toDOM: () => ['p', { class: 'bm-credit' }, 0],
    parseDOM: [{ tag: 'p.bm-credit' }],
  },

  label: {
    group: 'block',
    content: 'inline*',
    marks: '',
    attrs: {
      ...blockAttrs,
      /** Visual style: solid red box with reversed text, outlined, or plain. */
      variant: { default: 'solid' },
      /** Swatch name of the label colour. */
      swatch: { default: 'red' },
      vertical: { default: false },
      sizePt: { default: null as number | null },
      face: { default: null as FaceName | null },
      ...styleAttr,
    },
    toDOM: () => ['div', { class: 'bm-label' }, 0],
    parseDOM: [{ tag: 'div.bm-label' }],
  },

  masthead: {
    group: 'block',
    atom: true,
    attrs: {
      ...blockAttrs,
      /** `masthead` (报头, page 1) or `folio` (the folio line heading an inner page, generated from the edition). */
      variant: { default: 'masthead', validate: 'string' },
      /** Short line under the title, e.g. the paper's URL or slogan. */
      tagline: { default: '' },
      /** Running issue number, e.g. 第10927期. */
      issue: { default: '' },
      /** Publisher line, e.g. 中共杭州市萧山区委主管主办. */
      publisher: { default: '' },
      /** Registration numbers line, e.g. 国内统一连续出版物号. */
      registration: { default: '' },
      /** Pages in today's edition, e.g. 今日8版 (generated from the page count when the page is in an edition). */
      pagesToday: { default: '' },
    },
    toDOM: () => ['div', { class: 'bm-masthead' }],
    parseDOM: [{ tag: 'div.bm-masthead' }],
  },

  rule: {
    group: 'block',
    atom: true,
    attrs: {
      ...blockAttrs,
      /** `h` runs along the top of its box, `v` down its left side. */
      orientation: { default: 'h' },
      /** Weight in points (for double and thick-thin: the whole rule). */
      weightPt: { default: 0.5 },
      /** `solid`, `dashed`, `dotted`, `double`, `thick-thin` (文武线) or `thin-thick`. */
      style: { default: 'solid' },
      swatch: { default: 'black' },
    },
    toDOM: () => ['hr'],
    parseDOM: [{ tag: 'hr' }],
  },

  teaser: {
    group: 'block',
    content: 'teaser_item+',
    isolating: true,
    attrs: {
      ...blockAttrs,
      ...boxAttrs,
      /** What copy intake decided about the teaser box (shared/intake/record.ts), or null. */
      intake: { default: null },
    },
    toDOM: () => ['nav', { class: 'bm-teaser' }, 0],
    parseDOM: [{ tag: 'nav.bm-teaser' }],
  },

  teaser_item: {
    content: 'inline*',
    marks: '_',
    attrs: {
      /** Id of the story the item points at ('' when not bound to one). */
      story: { default: '', validate: 'string' },
      /**
       * Page the teaser points to, e.g. '3' (empty when unknown). Computed
       * from where `story` is when the item is bound; typed only when not.
       */
      page: { default: '' },
    },
    toDOM: () => ['p', { class: 'bm-teaser-item' }, 0],
    parseDOM: [{ tag: 'p.bm-teaser-item' }],
  },

  text: { group: 'inline' },

  hard_break: {
    inline: true,
    group: 'inline',
    selectable: false,
    toDOM: () => ['br'],
    parseDOM: [{ tag: 'br' }],
  },
};

const marks: Record<string, MarkSpec> = {
  strong: {
    toDOM: () => ['strong', 0],
    parseDOM: [{ tag: 'strong' }, { tag: 'b' }],
  },
  /** 着重号: emphasis dots under each character. */
  emphasis_dots: {
    toDOM: () => ['em', { class: 'bm-dots' }, 0],
    parseDOM: [{ tag: 'em.bm-dots' }],
  },
  /** A run-in dateline or byline at the start of a paragraph, e.g. 本报讯(记者 X). */
  dateline: {
    toDOM: () => ['span', { class: 'bm-dateline' }, 0],
    parseDOM: [{ tag: 'span.bm-dateline' }],
  },
};

/** The one schema of Banmian pages and editions: the top node is the edition (docs/decisions/0022); a page node works as a document of its own too (print mode, the desk). */
export const schema = new Schema({ nodes, marks, topNode: 'edition' });

/** Node type names of blocks placed on the grid. */
export const BLOCK_KINDS = ['story', 'photo', 'label', 'masthead', 'rule', 'teaser'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export function isBlockKind(name: string): name is BlockKind {
  return (BLOCK_KINDS as readonly string[]).includes(name);
}

/** Block kinds the story bin holds (copy); mastheads and rules are page furniture, never binned. */
export const BIN_KINDS = ['story', 'photo', 'label', 'teaser'] as const;
export type BinKind = (typeof BIN_KINDS)[number];

export function isBinKind(name: string): name is BinKind {
  return (BIN_KINDS as readonly string[]).includes(name);
}
