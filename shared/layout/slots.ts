/**
 * Story shapes: the chain of column slots a story body flows through.
 *
 * A story is a grid box set in `textColumns` equal text columns (破栏 when
 * that differs from its grid columns). Its head group (and byline) takes the
 * top lines of some or all of its columns; other blocks placed over the story
 * (photos with their captions, labels, …) are obstacles the text flows
 * around, as with a text wrap in FIT or InDesign. What is left is cut into
 * slots: a slot is one text column over a run of free grid lines.
 *
 * Reading order: the story is cut into bands at every line that no text
 * column can use (a head over all columns, a photo across the whole story);
 * inside a band the text runs down each column in turn, left to right,
 * jumping the obstacles. So a photo across the middle of the story makes two
 * decks, one in the top columns only makes an L or U shape.
 *
 * Invariants of {@link StoryShape}: every slot is a whole number of lines
 * (≥ 1), all slots have the column width, slots never overlap each other, a
 * head or an obstacle, and `offset` is the running sum of the lines of the
 * slots before it (slot i shows galley lines [offset, offset + lines)).
 */
import type { GridBox, GridMetrics } from '../page/geometry';
import { gridBoxRect } from '../page/geometry';

/** One slot: text column `column` over grid lines [line, line + lines) of the story. */
export interface Slot {
  /** Text column, 0-based from the story's left. */
  column: number;
  /** First grid line of the slot, relative to the story's top. */
  line: number;
  /** Height in grid lines (≥ 1). */
  lines: number;
  /** Galley line shown on the slot's first line (sum of the lines of the slots before it). */
  offset: number;
  /** Left edge, px from the story's left. */
  x: number;
}

export interface StoryShape {
  /** Width of every text column (and so of the galley), px. */
  columnWidth: number;
  /** Slots in reading order. */
  slots: Slot[];
  /** Σ slot lines: the galley lines the story can show. */
  capacity: number;
  /**
   * True when the slots are `textColumns` columns of equal height from the
   * same line: a plain multicol box shows exactly this chain.
   */
  rectangular: boolean;
}

export interface ShapeInput {
  /** The story's width and height in grid columns and lines. */
  cols: number;
  lines: number;
  /** Text columns (≥ 1). */
  textColumns: number;
  /** Head group and byline: grid columns from the story's left (all when ≥ cols) and lines from its top. */
  head: { cols: number; lines: number } | null;
  /** Boxes over the story the text must avoid, in grid units relative to the story's top-left cell (may reach outside it). */
  obstacles: readonly GridBox[];
  /**
   * The text area of a boxed story (see story-box.ts): the first text
   * column's left edge, the column width and gap in px, and the whole lines
   * the box takes at the top and the bottom. Absent: the whole grid box.
   */
  area?: { leftPx: number; columnWidthPx: number; gapPx: number; topLines: number; bottomLines: number };
}

// A text column and an obstacle that share less than this many px do not collide (rounding).
const EPS = 0.5;

/** Computes the slot chain of a story. Throws RangeError on a non-positive size or column count. */
export function storyShape(metrics: GridMetrics, input: ShapeInput): StoryShape {
  const { cols, lines, textColumns } = input;
  if (!(cols >= 1) || !(lines >= 0) || !Number.isInteger(textColumns) || textColumns < 1) {
    throw new RangeError(`storyShape: bad story size ${cols}×${lines} in ${textColumns} text columns`);
  }
  const width = gridBoxRect(metrics, { col: 0, line: 0, cols, lines: 1 }).width;
  const { area } = input;
  const gutter = area ? area.gapPx : metrics.gutterPx;
  const columnWidth = area ? area.columnWidthPx : (width - (textColumns - 1) * gutter) / textColumns;
  const left0 = area ? area.leftPx : 0;
  const columnX = (t: number) => left0 + t * (columnWidth + gutter);
  const top = area ? Math.max(0, area.topLines) : 0;
  const bottom = lines - (area ? Math.max(0, area.bottomLines) : 0);

  const boxes: GridBox[] = [...input.obstacles];
  if (input.head && input.head.lines > 0) {
    boxes.push({ col: 0, line: top, cols: Math.min(cols, Math.max(1, input.head.cols)), lines: input.head.lines });
  }
  // blocked[t][l]: text column t cannot use line l.
  const blocked: boolean[][] = [];
  for (let t = 0; t < textColumns; t++) {
    // A box's inset lines are nobody's.
    const row = Array.from({ length: lines }, (_, l) => l < top || l >= bottom);
    const left = columnX(t);
    const right = left + columnWidth;
    for (const b of boxes) {
      const r = gridBoxRect(metrics, b);
      if (Math.min(right, r.x + r.width) - Math.max(left, r.x) <= EPS) continue;
      for (let l = Math.max(0, b.line); l < Math.min(lines, b.line + b.lines); l++) row[l] = true;
    }
    blocked.push(row);
  }

  // Bands: maximal runs of lines that at least one column can use.
  const usable = (l: number) => blocked.some((row) => !row[l]);
  const slots: Slot[] = [];
  let offset = 0;
  for (let l = 0; l < lines; ) {
    if (!usable(l)) {
      l++;
      continue;
    }
    let end = l;
    while (end < lines && usable(end)) end++;
    for (let t = 0; t < textColumns; t++) {
      const row = blocked[t]!;
      for (let a = l; a < end; ) {
        if (row[a]) {
          a++;
          continue;
        }
        let b = a;
        while (b < end && !row[b]) b++;
        slots.push({ column: t, line: a, lines: b - a, offset, x: columnX(t) });
        offset += b - a;
        a = b;
      }
    }
    l = end;
  }

  const first = slots[0];
  const rectangular =
    slots.length === textColumns && first !== undefined && slots.every((s) => s.line === first.line && s.lines === first.lines);
  return { columnWidth, slots, capacity: offset, rectangular };
}

/** The slot that shows galley line `line`, or -1 when the line is beyond the story's capacity (overset). */
export function slotOfLine(shape: StoryShape, line: number): number {
  for (let i = 0; i < shape.slots.length; i++) {
    const s = shape.slots[i]!;
    if (line >= s.offset && line < s.offset + s.lines) return i;
  }
  return -1;
}
