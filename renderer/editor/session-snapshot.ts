/**
 * What the app's chrome (toolbar, status bar) hears of an editor session: a
 * small value it re-renders on, told only when it changed.
 */
import type { SelectedBlock } from './selected-block';

export interface SessionSnapshot {
  dirty: boolean;
  storyCount: number;
  oversetStories: number;
  /** Sum of overset characters over all stories. */
  oversetChars: number;
  selection: SelectedBlock | null;
  canUndo: boolean;
  canRedo: boolean;
  /** Index of the page shown and edited (0 in a page document). */
  activePage: number;
  /** Pages of the document (1 in a page document). */
  pageCount: number;
}

/** Whether two snapshots show the same (the selection by its block id and kind). */
export function sameSnapshot(prev: SessionSnapshot, next: SessionSnapshot): boolean {
  return (
    prev.dirty === next.dirty &&
    prev.storyCount === next.storyCount &&
    prev.oversetStories === next.oversetStories &&
    prev.oversetChars === next.oversetChars &&
    prev.canUndo === next.canUndo &&
    prev.canRedo === next.canRedo &&
    prev.activePage === next.activePage &&
    prev.pageCount === next.pageCount &&
    prev.selection?.id === next.selection?.id &&
    prev.selection?.kind === next.selection?.kind
  );
}
