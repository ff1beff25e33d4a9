/**
 * Copyfit of every block on the page, measured from the DOM: for each block
 * element, each text part it shows against the frame it is given (a head
 * line's grid lines, the byline's, a crosshead's, the body's columns or
 * slots, the caption lines of a photo, the 导读 box inside its inset, the
 * label's box, the masthead's box). Publishes `data-overset` (characters
 * over, 0 when all fits), `data-overset-parts` (which parts, JSON) and, for
 * stories, `data-underset-lines` on each block element.
 */
import type { BlockFit, PartOverset, TextPart } from '../../shared/copyfit/block-fit';
import { partsAttribute } from '../../shared/copyfit/block-fit';
import { jumpToText } from '../../shared/edition/references';
import { measureBody } from './copyfit';
import type { StoryFit } from './copyfit';
import { measureGalley } from './copyfit-galley';
import { charsOutside, fitChars, frameOf, intersect, linesOver } from './copyfit-parts';
import type { Frame } from './copyfit-parts';

/** Copyfit of every block on the page, by block id, in page order. */
export type PageFit = ReadonlyMap<string, BlockFit>;

const FITS: BlockFit = { overset: 0, undersetLines: 0, parts: [] };

/** A frame's content box (inside its padding: a boxed 导读's inset). */
function contentFrame(el: HTMLElement): Frame {
  const f = frameOf(el);
  const s = getComputedStyle(el);
  const scale = el.offsetWidth > 0 ? (f.right - f.left) / el.offsetWidth : 1;
  return {
    left: f.left + (parseFloat(s.paddingLeft) || 0) * scale,
    top: f.top + (parseFloat(s.paddingTop) || 0) * scale,
    right: f.right - (parseFloat(s.paddingRight) || 0) * scale,
    bottom: f.bottom - (parseFloat(s.paddingBottom) || 0) * scale,
  };
}

/** A part set in a box of whole lines (head line, byline, crosshead): over in lines, and the characters outside. */
function lineBoxPart(part: TextPart, box: HTMLElement, block: Frame): PartOverset | null {
  const text = box.querySelector<HTMLElement>(':scope > .bm-linebox-text') ?? box;
  const chars = fitChars(text, intersect(frameOf(box), block));
  // The part's own overset mark, at the end of its last line (copyfit.css).
  setData(box, 'fitOver', chars > 0 ? '' : null);
  if (chars === 0) return null;
  return { part, lines: Math.max(1, linesOver(text, box)), chars };
}

function headPart(el: HTMLElement): TextPart {
  if (el.classList.contains('bm-kicker')) return 'kicker';
  if (el.classList.contains('bm-subheadline')) return 'subheadline';
  return 'headline';
}

function measureStory(el: HTMLElement, block: Frame, linePx: number): BlockFit {
  const parts: PartOverset[] = [];
  const push = (p: PartOverset | null) => void (p && parts.push(p));
  for (const head of el.querySelectorAll<HTMLElement>(':scope > .bm-headgroup > .bm-head')) push(lineBoxPart(headPart(head), head, block));
  const byline = el.querySelector<HTMLElement>(':scope > .bm-byline');
  if (byline) push(lineBoxPart('byline', byline, block));
  const body = el.querySelector<HTMLElement>(':scope > .bm-body');
  let fit: StoryFit = { overset: 0, undersetLines: 0 };
  if (body) {
    const shaped = body.classList.contains('bm-shaped');
    // Crossheads of the text itself (a shaped body's live galley, not its clones).
    const text = shaped ? body.querySelector<HTMLElement>(':scope > .bm-slot-live > .bm-galley') : body;
    let crossChars = 0;
    let crossLines = 0;
    for (const h of text?.querySelectorAll<HTMLElement>(':scope > .bm-crosshead') ?? []) {
      const p = lineBoxPart('crosshead', h, { left: -Infinity, top: -Infinity, right: Infinity, bottom: Infinity });
      if (p) {
        crossChars += p.chars;
        crossLines += p.lines;
      }
    }
    if (crossChars > 0) parts.push({ part: 'crosshead', lines: crossLines, chars: crossChars });
    fit = shaped ? measureGalley(body, linePx) : withJumpLine(el, measureBody(body, linePx));
    if (fit.overset > 0) parts.push({ part: 'body', lines: 0, chars: fit.overset });
  }
  const overset = parts.reduce((n, p) => n + p.chars, 0);
  // Empty lines are the body's: a head over its lines leaves them as they are.
  return { overset, undersetLines: fit.undersetLines, parts };
}

/**
 * A （下转第N版） line (page.css) takes the line after the body's text: when
 * the text fills the box exactly, the jump line is what does not fit (its
 * characters are the overset); otherwise it takes one of the empty lines.
 * A （上接第N版） line sits before the text, so the text's own measure counts it.
 */
function withJumpLine(story: HTMLElement, fit: StoryFit): StoryFit {
  const folio = Number(story.dataset['jumpTo']);
  if (!(folio > 0) || fit.overset > 0) return fit;
  if (fit.undersetLines === 0) return { overset: Array.from(jumpToText(folio)).length, undersetLines: 0 };
  return { overset: 0, undersetLines: fit.undersetLines - 1 };
}

function measurePhoto(el: HTMLElement, block: Frame): PartOverset[] {
  const text = el.querySelector<HTMLElement>(':scope > .bm-photo-text');
  if (!text) return [];
  const frame = intersect(frameOf(text), block);
  const parts: PartOverset[] = [];
  const caption = text.querySelector<HTMLElement>(':scope > figcaption');
  const credit = text.querySelector<HTMLElement>(':scope > .bm-credit');
  // Caption and credit are clipped together, to the whole lines that fit.
  fitChars(text, frame);
  const c1 = caption ? charsOutside(caption, frame) : 0;
  if (c1 > 0) parts.push({ part: 'caption', lines: 0, chars: c1 });
  const c2 = credit ? charsOutside(credit, frame) : 0;
  if (c2 > 0) parts.push({ part: 'credit', lines: 0, chars: c2 });
  return parts;
}

function measureTeaser(el: HTMLElement, block: Frame): PartOverset[] {
  const frame = intersect(contentFrame(el), block);
  let chars = 0;
  let lines = 0;
  for (const item of el.querySelectorAll<HTMLElement>(':scope > .bm-teaser-item')) {
    const c = fitChars(item, frame);
    if (c === 0) continue;
    chars += c;
    const r = item.getBoundingClientRect();
    const leading = parseFloat(getComputedStyle(item).lineHeight) || 1;
    const scale = item.offsetHeight > 0 ? r.height / item.offsetHeight : 1;
    // Lines of this item below the frame (an item wholly below counts all its lines).
    lines += Math.max(1, Math.ceil((r.bottom - Math.max(r.top, frame.bottom)) / (leading * scale) - 0.05));
  }
  return chars > 0 ? [{ part: 'teaser', lines, chars }] : [];
}

function measureLabel(el: HTMLElement, block: Frame): PartOverset[] {
  const text = el.querySelector<HTMLElement>(':scope > .bm-label-text');
  if (!text) return [];
  const chars = fitChars(text, block);
  return chars > 0 ? [{ part: 'label', lines: linesOver(text, el), chars }] : [];
}

/** The masthead's folio lines: the date, weekday, issue and edition lines; the rest are its own. */
const FOLIO = ['bm-masthead-date', 'bm-masthead-weekday', 'bm-masthead-issue', 'bm-masthead-page'];

function measureMasthead(el: HTMLElement, block: Frame): PartOverset[] {
  let own = 0;
  let folio = 0;
  for (const line of el.querySelectorAll<HTMLElement>('.bm-masthead-name, .bm-masthead-tagline, .bm-masthead-info > *')) {
    const c = fitChars(line, block);
    if (FOLIO.some((f) => line.classList.contains(f))) folio += c;
    else own += c;
  }
  const parts: PartOverset[] = [];
  if (own > 0) parts.push({ part: 'masthead', lines: 0, chars: own });
  if (folio > 0) parts.push({ part: 'folio', lines: 0, chars: folio });
  return parts;
}

/** Copyfit of one block element (`.bm-block` with `data-kind`). */
export function measureBlock(el: HTMLElement, linePx: number): BlockFit {
  const f = frameOf(el);
  if (f.right - f.left <= 0) return FITS;
  switch (el.dataset['kind']) {
    case 'story':
      return measureStory(el, f, linePx);
    case 'photo':
      return withParts(measurePhoto(el, f));
    case 'teaser':
      return withParts(measureTeaser(el, f));
    case 'label':
      return withParts(measureLabel(el, f));
    case 'masthead':
      return withParts(measureMasthead(el, f));
    default:
      return FITS;
  }
}

function withParts(parts: PartOverset[]): BlockFit {
  return parts.length === 0 ? FITS : { overset: parts.reduce((n, p) => n + p.chars, 0), undersetLines: 0, parts };
}

function setData(el: HTMLElement, key: string, value: string | null): void {
  if (value === null) {
    if (key in el.dataset) delete el.dataset[key];
  } else if (el.dataset[key] !== value) el.dataset[key] = value;
}

/** The fits of a page's last measure, and which of its blocks changed since (copyfit-changes.ts). */
export interface LastMeasure {
  fits: PageFit;
  changed: ReadonlySet<HTMLElement>;
}

/**
 * Measures every block placed on the page under `root` (not the story bin)
 * and writes the numbers onto the block elements. Given the `last` measure,
 * a block that did not change since keeps its fit and the numbers already
 * on its element (its layout is what was measured); the others are measured.
 */
export function measurePage(root: HTMLElement, linePx: number, last?: LastMeasure): Map<string, BlockFit> {
  const fits = new Map<string, BlockFit>();
  for (const el of root.querySelectorAll<HTMLElement>(':scope > .bm-block[data-block-id]')) {
    const kind = el.dataset['kind'];
    if (kind === 'rule') continue;
    const id = el.dataset['blockId'] ?? '';
    const kept = last && !last.changed.has(el) ? last.fits.get(id) : undefined;
    if (kept) {
      fits.set(id, kept);
      continue;
    }
    const fit = measureBlock(el, linePx);
    setData(el, 'overset', String(fit.overset));
    setData(el, 'oversetParts', fit.parts.length > 0 ? partsAttribute(fit.parts) : null);
    if (kind === 'story') setData(el, 'undersetLines', String(fit.undersetLines));
    fits.set(id, fit);
  }
  return fits;
}
