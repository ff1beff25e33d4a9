/**
 * Copyfit of a whole story block: how many galley lines its body needs and
 * how many its box can show, from the story node and the page grid alone.
 *
 * The story's box model (the one the renderer lays out):
 * - the head (kicker, headline, subheadline, each taking its `lines`) and the
 *   byline (its `lines`) sit at the top of the box, across its width;
 * - the body fills the rest: `textColumns` text columns (one per grid column
 *   when null) of `bodyLines` lines each, read as one galley; a crosshead
 *   takes its `lines` in the galley, and each 转版 jump line one line.
 */
import type { Node } from 'prosemirror-model';
import { textColumnsOf } from '../page/geometry';
import type { GridSettings } from '../page/settings';
import { boxInset, headPlacement } from '../layout/story-box';
import { galleyLines, storyCapacity, textColumnChars } from './estimate';
import type { GalleyItem, WidthModel } from './estimate';

/** The estimate of one story. */
export interface StoryFit {
  /** Grid lines taken by the head and the byline. */
  headLines: number;
  /** Lines of each text column of the body. */
  bodyLines: number;
  textColumns: number;
  /** Characters across one text column. */
  lineChars: number;
  /** Galley lines the body needs (estimate). */
  neededLines: number;
  /** Galley lines the body can show. */
  capacityLines: number;
  /** capacity − needed: spare lines when ≥ 0, overset lines when < 0. */
  spareLines: number;
}

/** Grid lines the head group and byline of a story take. */
export function storyHeadLines(story: Node): number {
  let lines = 0;
  story.forEach((child) => {
    if (child.type.name === 'headgroup') child.forEach((line) => (lines += Number(line.attrs['lines'] ?? 0)));
    else if (child.type.name === 'byline') lines += Number(child.attrs['lines'] ?? 0);
  });
  return lines;
}

/** The body of a story as galley items (paragraph texts and crosshead heights). */
export function storyGalley(story: Node): GalleyItem[] {
  const items: GalleyItem[] = [];
  const body = story.lastChild;
  if (!body || body.type.name !== 'body') throw new RangeError(`story "${String(story.attrs['id'])}" has no body`);
  body.forEach((child) => {
    if (child.type.name === 'crosshead') items.push({ kind: 'crosshead', lines: Number(child.attrs['lines']) });
    else items.push({ kind: 'paragraph', text: child.textContent });
  });
  return items;
}

/** Estimates whether a story's body fits its box on `grid`. */
export function estimateStoryFit(story: Node, grid: GridSettings, widths?: Partial<WidthModel>): StoryFit {
  if (story.type.name !== 'story') throw new RangeError(`expected a story node, got ${story.type.name}`);
  const cols = Number(story.attrs['cols']);
  const textColumns = (story.attrs['textColumns'] as number | null) ?? cols;
  // A box (边框/底纹) and a vertical head take their room first (shared/layout/story-box.ts).
  const inset = boxInset(grid, story);
  const head = headPlacement(story, cols);
  const lineChars = inset.chars > 0 ? textColumnsOf(grid, cols, textColumns, inset.chars).columnChars : textColumnChars(grid, cols, textColumns);
  const headLines = head.lines + 2 * inset.lines;
  const bodyLines = Math.max(0, Number(story.attrs['lines']) - headLines);
  // 转版 jump lines (（下转第N版）, （上接第N版）) take a galley line each.
  const jumpLines = (typeof story.attrs['jumpTo'] === 'number' ? 1 : 0) + (typeof story.attrs['jumpFrom'] === 'number' ? 1 : 0);
  const neededLines = galleyLines(storyGalley(story), widths ? { lineChars, widths } : { lineChars }) + jumpLines;
  // A vertical head covers about its share of the text columns.
  const bodyColumns = head.vertical ? Math.max(0, textColumns - Math.ceil((textColumns * head.cols) / cols)) : textColumns;
  const capacityLines = storyCapacity(bodyColumns, bodyLines);
  return { headLines, bodyLines, textColumns, lineChars, neededLines, capacityLines, spareLines: capacityLines - neededLines };
}
