/**
 * Moving and resizing blocks on the grid. Each command is one transaction of
 * attribute steps (one undo step), keeps every block inside the grid and
 * returns false when nothing would change or a block is unknown.
 */
import type { Command } from 'prosemirror-state';
import type { GridBox } from '../../page/geometry';
import { asGesture, boxOf, clampBox, findBlock, pageGrid, sameBox, setBox } from './blocks';
import type { FoundBlock } from './blocks';
import { activeScope } from '../../edition/page-scope';

function findAll(doc: Parameters<typeof findBlock>[0], ids: readonly string[]): FoundBlock[] | null {
  const out: FoundBlock[] = [];
  for (const id of new Set(ids)) {
    const found = findBlock(doc, id);
    if (!found) return null;
    out.push(found);
  }
  return out;
}

/**
 * Sets the grid boxes of several blocks at once (a whole drag gesture), each
 * clamped into the grid. False when an id is unknown or nothing changes.
 */
export function setBlockBoxes(boxes: ReadonlyMap<string, GridBox> | Readonly<Record<string, GridBox>>): Command {
  const entries = boxes instanceof Map ? [...boxes.entries()] : Object.entries(boxes);
  return (state, dispatch) => {
    const grid = pageGrid(activeScope(state));
    const changes: { found: FoundBlock; to: GridBox }[] = [];
    for (const [id, box] of entries) {
      const found = findBlock(state.doc, id);
      if (!found) return false;
      const to = clampBox(grid, box);
      if (!sameBox(boxOf(found.node), to)) changes.push({ found, to });
    }
    if (changes.length === 0) return false;
    if (dispatch) {
      const tr = state.tr;
      for (const { found, to } of changes) setBox(tr, found.pos, boxOf(found.node), to);
      dispatch(asGesture(tr).scrollIntoView());
    }
    return true;
  };
}

/** Sets one block's box (a resize), clamped into the grid. */
export function resizeBlock(id: string, box: GridBox): Command {
  return setBlockBoxes(new Map([[id, box]]));
}

/**
 * Moves blocks together by whole columns and lines. The move is shortened,
 * for the group as a whole, so that no block leaves the grid: the blocks keep
 * their arrangement relative to each other.
 */
export function moveBlocks(ids: readonly string[], dCol: number, dLine: number): Command {
  if (!Number.isInteger(dCol) || !Number.isInteger(dLine)) {
    throw new RangeError(`moveBlocks takes whole grid units, got dCol ${dCol}, dLine ${dLine}`);
  }
  return (state, dispatch) => {
    if (ids.length === 0) return false;
    const found = findAll(state.doc, ids);
    if (!found) return false;
    const grid = pageGrid(activeScope(state));
    const boxes = found.map((f) => boxOf(f.node));
    const minCol = Math.min(...boxes.map((b) => b.col));
    const minLine = Math.min(...boxes.map((b) => b.line));
    const maxCol = Math.max(...boxes.map((b) => b.col + b.cols));
    const maxLine = Math.max(...boxes.map((b) => b.line + b.lines));
    // The group stops at the grid's edges, never moving against the asked direction.
    const dc = dCol > 0 ? Math.max(0, Math.min(dCol, grid.columns - maxCol)) : Math.min(0, Math.max(dCol, -minCol));
    const dl = dLine > 0 ? Math.max(0, Math.min(dLine, grid.lines - maxLine)) : Math.min(0, Math.max(dLine, -minLine));
    const next = new Map<string, GridBox>();
    found.forEach((f, i) => {
      const b = boxes[i]!;
      next.set(String(f.node.attrs['id']), { ...b, col: b.col + dc, line: b.line + dl });
    });
    return setBlockBoxes(next)(state, dispatch);
  };
}
