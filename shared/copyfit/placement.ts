/**
 * How big copy from the story bin is when it goes onto the page: the lines a
 * story needs at the page's column width, and the grid box it gets by default
 * (columns × lines from the estimate), before the editor adjusts it.
 */
import type { Node } from 'prosemirror-model';
import type { GridSettings } from '../page/settings';
import { galleyLines } from './estimate';
import { storyGalley, storyHeadLines } from './story-fit';

/** What the bin shows of a story: its size in characters and in lines at one column. */
export interface StoryMeasure {
  /** Characters of the body (code points). */
  chars: number;
  /** Galley lines the body needs set one grid column wide. */
  columnLines: number;
  /** Grid lines of the head group and byline. */
  headLines: number;
}

export function measureStory(story: Node, grid: GridSettings): StoryMeasure {
  if (story.type.name !== 'story') throw new RangeError(`expected a story node, got ${story.type.name}`);
  const body = story.lastChild!;
  return {
    chars: [...body.textContent].length,
    columnLines: galleyLines(storyGalley(story), { lineChars: grid.charsPerColumn }),
    headLines: storyHeadLines(story),
  };
}

/** Columns and lines a block takes on the grid. */
export interface PlacementSize {
  cols: number;
  lines: number;
}

/**
 * The default size of a story placed from the bin: the narrowest width, from
 * `preferredCols` (the intake's guess, at least 1) up, at which the head plus
 * the body spread over that many columns fits the page's height; its height is
 * exactly what the body needs (never more than the grid).
 */
export function storyPlacementSize(story: Node, grid: GridSettings, preferredCols = Number(story.attrs['cols']) || 2): PlacementSize {
  const { columnLines, headLines } = measureStory(story, grid);
  const need = (cols: number) => headLines + Math.ceil(columnLines / cols);
  let cols = Math.min(grid.columns, Math.max(1, Math.round(preferredCols)));
  while (cols < grid.columns && need(cols) > grid.lines) cols++;
  return { cols, lines: Math.min(grid.lines, Math.max(1, need(cols))) };
}

/**
 * The default size of any bin item: stories by {@link storyPlacementSize},
 * other blocks keep the span they were given, limited to the grid.
 */
export function placementSize(node: Node, grid: GridSettings): PlacementSize {
  if (node.type.name === 'story') return storyPlacementSize(node, grid);
  const clamp = (v: unknown, max: number) => Math.min(max, Math.max(1, Math.round(Number(v) || 1)));
  return { cols: clamp(node.attrs['cols'], grid.columns), lines: clamp(node.attrs['lines'], grid.lines) };
}
