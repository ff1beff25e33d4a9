/**
 * Blocks set inside a boxed story: a photo (or a label, a rule, a 导读 box…)
 * placed in a story that has a box (边框 or 底纹) stays inside the box's inset
 * and never covers its border (with no inset, it keeps off the border), the way a
 * layout editor sets a picture in a 框 in FIT or InDesign. Its grid box is
 * unchanged (it still says which cells it takes, and the text still flows
 * around it); only the part of it drawn in the story's inset is taken off, so
 * the border is never covered and the picture lines up with the text inside.
 *
 * The inset is whole characters across and whole lines down (story-box.ts),
 * so a photo trimmed at the bottom loses whole lines of picture and keeps its
 * caption on the grid.
 */
import type { Node } from 'prosemirror-model';
import { blockBox } from '../model/check-page';
import type { GridMetrics } from '../page/geometry';
import { gridBoxRect, gridMetrics } from '../page/geometry';
import type { PageSettings } from '../page/settings';
import { boxInset, frameStyleOf } from './story-box';
import { boxInside } from './text-wrap';

/** Px taken off each side of a block's grid box (all ≥ 0). */
export interface EdgeInsets {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/**
 * How far line art of `style` drawn `w` px heavy reaches across, px: a box's
 * border in from the box's edge, or a rule's strip across the rule
 * (renderer/editor/node-views/frame-art.ts draws both). Single, solid,
 * dashed and dotted art reach `w`.
 */
export function lineArtDepthPx(style: string, w: number): number {
  const thin = Math.max(1 / 3, w / 3);
  switch (style) {
    case 'double':
      return 3 * w;
    case 'thick-thin':
    case 'thin-thick':
      return 1.5 * w + thin;
    case 'dots':
      return 2 * w;
    case 'wave':
      return 2.25 * w;
    default:
      return w;
  }
}

/**
 * How far the border of a boxed block reaches in from its edge, px (0 when
 * it has none): the weight, or for the double, thick-thin, dotted and wave
 * borders what they draw ({@link lineArtDepthPx}).
 */
export function borderDepthPx(node: Node): number {
  const style = frameStyleOf(node);
  if (style === 'none') return 0;
  const raw = node.attrs['frameWeightPt'] as unknown;
  const w = (Math.min(8, Math.max(0.25, typeof raw === 'number' && Number.isFinite(raw) ? raw : 1)) * 4) / 3;
  return lineArtDepthPx(style, w);
}

/**
 * What the box of `story` takes off `block` when the block lies wholly
 * inside the story's grid box: the part of the block in the story's inset
 * (at least the border's depth, so a block never covers the border, whatever
 * the inset), on each side where it reaches into it. Null when the story is
 * not boxed, the block is not wholly inside it, or it stays clear of the
 * inset and the border anyway.
 */
export function insetsInBox(metrics: GridMetrics, settings: PageSettings, story: Node, block: Node): EdgeInsets | null {
  if (story.type.name !== 'story' || block === story || block.type.name === 'story') return null;
  const inset = boxInset(settings.grid, story);
  const depth = borderDepthPx(story);
  if (inset.chars === 0 && depth === 0) return null;
  const outer = blockBox(story);
  const box = blockBox(block);
  if (!boxInside(box, outer)) return null;
  const s = gridBoxRect(metrics, outer);
  const b = gridBoxRect(metrics, box);
  const dx = Math.max(inset.chars * metrics.charPx, depth);
  const dy = Math.max(inset.lines * metrics.linePx, depth);
  const out: EdgeInsets = {
    left: Math.max(0, s.x + dx - b.x),
    top: Math.max(0, s.y + dy - b.y),
    right: Math.max(0, b.x + b.width - (s.x + s.width - dx)),
    bottom: Math.max(0, b.y + b.height - (s.y + s.height - dy)),
  };
  return out.left > 0 || out.top > 0 || out.right > 0 || out.bottom > 0 ? out : null;
}

/**
 * The insets of every block of `page` that sits in a boxed story, by the
 * block's index among the page's children. A block in several boxed stories
 * (an overlap the page checks warn about) keeps out of all their insets.
 */
export function boxWrapInsets(page: Node): Map<number, EdgeInsets> {
  const out = new Map<number, EdgeInsets>();
  const settings = page.attrs['settings'] as PageSettings | undefined;
  if (!settings) return out;
  const stories: Node[] = [];
  page.forEach((child) => {
    if (child.type.name === 'story') stories.push(child);
  });
  if (stories.length === 0) return out;
  const metrics = gridMetrics(settings);
  page.forEach((block, _offset, index) => {
    if (block.type.name === 'story' || block.type.name === 'bin') return;
    for (const story of stories) {
      const e = insetsInBox(metrics, settings, story, block);
      if (!e) continue;
      const had = out.get(index);
      out.set(
        index,
        had
          ? { left: Math.max(had.left, e.left), top: Math.max(had.top, e.top), right: Math.max(had.right, e.right), bottom: Math.max(had.bottom, e.bottom) }
          : e,
      );
    }
  });
  return out;
}

/** The insets of one block of `page` (a child of it), or null when it sits in no boxed story's inset. */
export function blockInsetsInBox(page: Node, block: Node): EdgeInsets | null {
  let index = -1;
  page.forEach((child, _offset, i) => {
    if (child === block) index = i;
  });
  return index < 0 ? null : (boxWrapInsets(page).get(index) ?? null);
}
