/**
 * The shape of a story on its page: which blocks it flows around and where
 * its head sits, read from the page document, as input to {@link storyShape}.
 *
 * Obstacles are the other placed blocks that share a grid cell with the
 * story, except stories (two stories never share text space: that overlap
 * stays a warning). A photo, its caption and its credit are one block, so
 * they stay together and the text flows around all three. A block wholly
 * inside the story, clear of its head, is a text wrap (text-wrap.ts); one
 * that only partly covers the story is still flowed around, so no text hides
 * behind it, but it is an overlap the page checks warn about.
 */
import type { Node } from 'prosemirror-model';
import { blockBox } from '../model/check-page';
import { boxesOverlap } from '../page/geometry';
import type { GridBox, GridMetrics } from '../page/geometry';
import { gridMetrics } from '../page/geometry';
import type { PageSettings } from '../page/settings';
import type { ShapeInput, StoryShape } from './slots';
import { isBoxed, storyArea } from './story-box';
import { storyShape } from './slots';
import { storyHead } from './text-wrap';

/** Whether a block placed over a story is one the story's text flows around. */
export function wrapsAround(story: Node, other: Node): boolean {
  return story.type.name === 'story' && other.type.name !== 'story' && other !== story && boxesOverlap(blockBox(story), blockBox(other));
}

/** The text columns a story is set in: its `textColumns`, else one per grid column. */
export function textColumnsOf(story: Node): number {
  const c = story.attrs['cols'] as unknown;
  const cols = typeof c === 'number' && Number.isFinite(c) ? Math.max(1, c) : 1;
  const t = story.attrs['textColumns'] as unknown;
  return typeof t === 'number' && Number.isInteger(t) && t > 0 ? t : cols;
}

/** The shape input of the story `story`, a child of `page`. */
export function storyShapeInput(page: Node, story: Node): ShapeInput {
  const box = blockBox(story);
  const obstacles: GridBox[] = [];
  page.forEach((other) => {
    if (!wrapsAround(story, other)) return;
    const b = blockBox(other);
    obstacles.push({ col: b.col - box.col, line: b.line - box.line, cols: b.cols, lines: b.lines });
  });
  const input: ShapeInput = {
    cols: Math.max(1, box.cols),
    lines: Math.max(0, box.lines),
    textColumns: textColumnsOf(story),
    head: storyHead(story, Math.max(1, box.cols)),
    obstacles,
  };
  const settings = page.attrs['settings'] as PageSettings | undefined;
  if (!settings) return input;
  // A box (its inset) and a vertical head change the text area (story-box.ts).
  const a = storyArea(gridMetrics(settings), settings.grid, story);
  if (a.head.vertical) {
    const k = a.head.cols;
    obstacles.push({ col: a.head.side === 'right' ? input.cols - k : 0, line: 0, cols: k, lines: input.lines });
    input.head = { cols: input.cols, lines: a.head.lines };
  }
  if (isBoxed(story)) {
    input.textColumns = a.columns.count;
    input.area = { leftPx: a.leftPx, columnWidthPx: a.columnWidthPx, gapPx: a.gapPx, topLines: a.inset.lines, bottomLines: a.inset.lines };
  }
  return input;
}

/** The slot chain of a story on its page. */
export function pageStoryShape(metrics: GridMetrics, page: Node, story: Node): StoryShape {
  return storyShape(metrics, storyShapeInput(page, story));
}
