/**
 * Adding and removing the optional lines of a story's head group: the 引题
 * (kicker) above the 主题 and the 副题 (subheadline) below it. The 主题 is
 * required (schema: `kicker? headline subheadline?`). Each command is one
 * transaction and one undo step; a new line is empty, uses its type's
 * default style and takes that style's lines on this page, and the caret
 * goes into it so the editor can type the words at once. Removing a line
 * drops its text with it (undo brings both back).
 */
import type { Node } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import type { PageSettings } from '../../page/settings';
import { styleLines } from '../style-lines';
import { styleSheetOf } from '../styles';
import { asGesture, findBlock } from './blocks';
import { activeScope } from '../../edition/page-scope';

/** The head lines a story may have or not. */
export type OptionalHeadLine = 'kicker' | 'subheadline';

function checkPart(part: string): void {
  if (part !== 'kicker' && part !== 'subheadline') throw new RangeError(`"${part}" is not an optional head line (kicker or subheadline)`);
}

/** Story `id`'s head group and its position, or null when there is no such story or it has no head group. */
function headOf(doc: Node, id: string): { node: Node; pos: number } | null {
  const found = findBlock(doc, id);
  if (!found || found.node.type.name !== 'story') return null;
  const head = found.node.firstChild;
  return head?.type.name === 'headgroup' ? { node: head, pos: found.pos + 1 } : null;
}

/** Whether story `id` has a head group with a `part` line. */
export function hasHeadLine(doc: Node, id: string, part: OptionalHeadLine): boolean {
  const head = headOf(doc, id);
  let has = false;
  head?.node.forEach((line) => void (line.type.name === part && (has = true)));
  return has;
}

/**
 * Adds an empty `part` to story `id`'s head group: a kicker at its top, a
 * subheadline at its bottom. False when the story has no head group or
 * already has that line.
 */
export function addHeadLine(id: string, part: OptionalHeadLine): Command {
  checkPart(part);
  return (state, dispatch) => {
    const head = headOf(state.doc, id);
    if (!head || hasHeadLine(state.doc, id, part)) return false;
    if (dispatch) {
      const sheet = styleSheetOf(activeScope(state).page.attrs['settings'] as PageSettings);
      const type = state.schema.nodes[part]!;
      const lines = styleLines(sheet, part);
      const node = type.create(lines === null ? null : { lines });
      const at = part === 'kicker' ? head.pos + 1 : head.pos + head.node.nodeSize - 1;
      const tr = state.tr.insert(at, node);
      tr.setSelection(TextSelection.create(tr.doc, at + 1));
      dispatch(asGesture(tr).scrollIntoView());
    }
    return true;
  };
}

/** Removes the `part` line (and its text) from story `id`'s head group. False when it has none. */
export function removeHeadLine(id: string, part: OptionalHeadLine): Command {
  checkPart(part);
  return (state, dispatch) => {
    const head = headOf(state.doc, id);
    if (!head) return false;
    let from = -1;
    let size = 0;
    head.node.forEach((line, offset) => {
      if (line.type.name !== part) return;
      from = head.pos + 1 + offset;
      size = line.nodeSize;
    });
    if (from < 0) return false;
    dispatch?.(asGesture(state.tr.delete(from, from + size)));
    return true;
  };
}
