/**
 * What copyfit says about one block on the page, whatever kind of text it
 * holds: each text part either fits the space its block gives it or is over
 * by so many lines or characters. The renderer measures it (the page laid out
 * in Chromium), the copyfit panel, preflight, export and the bench read it;
 * this module is the shape they share and the words they say it in.
 */

/**
 * The kinds of text on a page: a story's 引题, 主题, 副题, byline, 小标题 and
 * body; a photo's caption and credit; a 导读 box's items; a label; the
 * masthead's own lines and its folio lines (date, weekday, issue, edition).
 */
export const TEXT_PARTS = ['kicker', 'headline', 'subheadline', 'byline', 'crosshead', 'body', 'caption', 'credit', 'teaser', 'label', 'masthead', 'folio'] as const;
export type TextPart = (typeof TEXT_PARTS)[number];

/** One text part that does not fit. */
export interface PartOverset {
  part: TextPart;
  /** Lines of the part's own leading past its frame (0 when it is counted in characters only). */
  lines: number;
  /** Characters (code points) that lie outside the frame, at least 1. */
  chars: number;
}

/**
 * Copyfit of one block: `overset` is the characters that do not fit over all
 * its parts (0 when everything fits; `data-overset` on the block), `parts`
 * which parts are over, in the order they stand in the block, and
 * `undersetLines` the empty grid lines left at the end of a story's body.
 */
export interface BlockFit {
  overset: number;
  undersetLines: number;
  parts: readonly PartOverset[];
}

/**
 * Overset as the page layout measured it, per block id: characters over, or
 * with the parts that are over. Plain numbers are what older measurements and
 * `banmian preflight --overset MAP.json` give.
 */
export type MeasuredOverset = number | { chars: number; parts: readonly PartOverset[] };

/** The characters over in a measured overset. */
export function oversetChars(m: MeasuredOverset | undefined): number {
  if (m === undefined) return 0;
  return typeof m === 'number' ? m : m.chars;
}

/** The parts over in a measured overset (none for a plain number). */
export function oversetParts(m: MeasuredOverset | undefined): readonly PartOverset[] {
  return m === undefined || typeof m === 'number' ? [] : m.parts;
}

const PART_ZH: Record<TextPart, string> = {
  kicker: '引题',
  headline: '标题',
  subheadline: '副题',
  byline: '署名',
  crosshead: '小标题',
  body: '正文',
  caption: '图片说明',
  credit: '图片署名',
  teaser: '导读',
  label: '栏目标签',
  masthead: '报头',
  folio: '报眉',
};

const PART_EN: Record<TextPart, string> = {
  kicker: 'Kicker',
  headline: 'Headline',
  subheadline: 'Subheadline',
  byline: 'Byline',
  crosshead: 'Crosshead',
  body: 'Body',
  caption: 'Caption',
  credit: 'Credit',
  teaser: 'Teaser',
  label: 'Label',
  masthead: 'Masthead',
  folio: 'Folio',
};

/** The part's name in the UI language. */
export function partName(part: TextPart, zh: boolean): string {
  return (zh ? PART_ZH : PART_EN)[part];
}

/**
 * One line saying which part is over and by how much: lines when the part
 * is measured in lines (`标题超行 2行`), else characters (`图片说明超出 8字`).
 */
export function describeOverset(p: PartOverset, zh: boolean): string {
  const name = partName(p.part, zh);
  if (p.lines > 0) return zh ? `${name}超行 ${p.lines}行` : `${name} over by ${p.lines} line${p.lines === 1 ? '' : 's'}`;
  return zh ? `${name}超出 ${p.chars}字` : `${name} over by ${p.chars} character${p.chars === 1 ? '' : 's'}`;
}

/** The attribute value a block's element carries for its overset parts (`data-overset-parts`), JSON. */
export function partsAttribute(parts: readonly PartOverset[]): string {
  return JSON.stringify(parts.map((p) => ({ part: p.part, lines: p.lines, chars: p.chars })));
}

/** Reads a `data-overset-parts` value back; anything malformed reads as no parts. */
export function parsePartsAttribute(value: string | null): PartOverset[] {
  if (!value) return [];
  try {
    const raw = JSON.parse(value) as unknown;
    if (!Array.isArray(raw)) return [];
    return raw.flatMap((r: unknown) => {
      const o = r as Partial<PartOverset> | null;
      if (!o || !(TEXT_PARTS as readonly string[]).includes(String(o.part))) return [];
      const lines = Number(o.lines);
      const chars = Number(o.chars);
      if (!(lines >= 0) || !(chars >= 0)) return [];
      return [{ part: o.part as TextPart, lines: Math.round(lines), chars: Math.round(chars) }];
    });
  } catch {
    return [];
  }
}
