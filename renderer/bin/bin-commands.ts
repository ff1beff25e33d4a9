/** The bin's editor commands, bound to the current selection. */
import type { Command } from 'prosemirror-state';
import { keymap } from 'prosemirror-keymap';
import type { Plugin } from 'prosemirror-state';
import { removeToBin } from '../../shared/model/commands/bin-remove';
import { targetBlockIds } from '../arrange/arrange-state';

/** Moves the selected blocks (or the block holding the caret) back to the story bin. */
export const removeSelectionToBin: Command = (state, dispatch, view) => removeToBin(targetBlockIds(state))(state, dispatch, view);

/** Keys of the bin: Mod-Shift-B moves the selection back to the bin. */
export function binKeymap(): Plugin {
  return keymap({ 'Mod-Shift-b': removeSelectionToBin, 'Mod-Shift-B': removeSelectionToBin });
}
