/**
 * How a story body learns its shape: a node decoration on the body whose
 * spec carries the slot chain (see shape-plugin.ts). No decoration means the
 * plain multicol body.
 */
import type { Decoration } from 'prosemirror-view';
import type { StoryShape } from '../../../shared/layout/slots';

interface ShapeSpec {
  bmShape: StoryShape;
}

export function shapeSpec(shape: StoryShape): ShapeSpec {
  return { bmShape: shape };
}

/** The shape carried by a body's decorations, or null for a plain multicol body. */
export function shapeFromDecorations(decorations: readonly Decoration[]): StoryShape | null {
  for (const d of decorations) {
    const s = (d.spec as Partial<ShapeSpec>).bmShape;
    if (s) return s;
  }
  return null;
}
