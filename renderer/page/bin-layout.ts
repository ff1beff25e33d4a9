/**
 * Where the story bin sits on screen: a pasteboard column to the right of
 * the paper. It keeps its screen size whatever the zoom, so the viewport and
 * the fit zoom leave this many screen px for it.
 */

/** Screen px of the bin column. */
export const BIN_WIDTH_PX = 260;
/** Screen px between the paper's edge and the bin. */
export const BIN_GAP_PX = 24;
/** Screen px the viewport keeps to the right of the paper for the bin. */
export const PASTEBOARD_PX = BIN_WIDTH_PX + BIN_GAP_PX;
