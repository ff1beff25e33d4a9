/**
 * The arrange actions as editor commands over the current block selection
 * (or the block holding the caret): what the keys, the side panel's buttons
 * and the context menu run.
 */
import type { Command } from 'prosemirror-state';
import { deleteBlocks } from '../../shared/model/commands/delete-blocks';
import { duplicateBlock } from '../../shared/model/commands/duplicate-block';
import { moveBlocks } from '../../shared/model/commands/place-blocks';
import { bringForward, bringToFront, sendBackward, sendToBack } from '../../shared/model/commands/z-order';
import { arrangeState, selectBlocksTr, selectedBlockIds, setGridTr, targetBlockIds } from './arrange-state';

export const ARRANGE_ACTIONS = ['bringForward', 'sendBackward', 'bringToFront', 'sendToBack', 'duplicate', 'delete'] as const;
export type ArrangeAction = (typeof ARRANGE_ACTIONS)[number];

/** An arrange action over the targeted blocks; false when nothing is targeted or nothing would change. */
export function arrangeAction(action: ArrangeAction): Command {
  return (state, dispatch, view) => {
    const ids = targetBlockIds(state);
    if (ids.length === 0) return false;
    switch (action) {
      case 'bringForward':
        return bringForward(ids)(state, dispatch, view);
      case 'sendBackward':
        return sendBackward(ids)(state, dispatch, view);
      case 'bringToFront':
        return bringToFront(ids)(state, dispatch, view);
      case 'sendToBack':
        return sendToBack(ids)(state, dispatch, view);
      case 'duplicate':
        // The copy of the primary block (the last selected).
        return duplicateBlock(ids[ids.length - 1]!)(state, dispatch, view);
      case 'delete':
        return deleteBlocks(ids)(state, dispatch, view);
    }
  };
}

/** Deletes the blocks selected as blocks (never the block around a caret: Delete there edits text). */
export const deleteSelectedBlocks: Command = (state, dispatch, view) => {
  const ids = selectedBlockIds(state);
  return ids.length > 0 && deleteBlocks(ids)(state, dispatch, view);
};

/** Nudges the blocks selected as blocks by whole columns and lines. */
export function nudge(dCol: number, dLine: number): Command {
  return (state, dispatch, view) => {
    const ids = selectedBlockIds(state);
    if (ids.length === 0) return false;
    // At the grid's edge the key is still ours: the block stays, the selection does not wander off.
    moveBlocks(ids, dCol, dLine)(state, dispatch, view);
    return true;
  };
}

/** Leaves block selection, putting the caret at the start of the block. */
export const clearBlockSelection: Command = (state, dispatch) => {
  if (selectedBlockIds(state).length === 0) return false;
  const tr = selectBlocksTr(state, []);
  if (!tr) return false;
  dispatch?.(tr);
  return true;
};

/** Selects these blocks as blocks (from the copyfit panel or a click). */
export function selectBlocks(ids: readonly string[]): Command {
  return (state, dispatch) => {
    const tr = selectBlocksTr(state, ids);
    if (!tr) return false;
    dispatch?.(tr.scrollIntoView());
    return true;
  };
}

/** Shows or hides the grid overlay. */
export const toggleGrid: Command = (state, dispatch) => {
  dispatch?.(setGridTr(state, !arrangeState(state).grid));
  return true;
};
