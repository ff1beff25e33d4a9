/**
 * Pure ProseMirror commands over the blocks of a page: placing, stacking,
 * deleting and duplicating. Blocks are addressed by id; every command is one
 * transaction (one undo step) and returns false when it does not apply.
 */
export { ALLOW_STRUCTURE, boxOf, clampBox, findBlock, pageBlocks } from './blocks';
export type { FoundBlock } from './blocks';
export { moveBlocks, resizeBlock, setBlockBoxes } from './place-blocks';
export { bringForward, bringToFront, sendBackward, sendToBack } from './z-order';
export { deleteBlocks } from './delete-blocks';
export { duplicateBlock, uniqueBlockId } from './duplicate-block';
export type { DuplicateOptions } from './duplicate-block';
