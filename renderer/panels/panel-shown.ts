/**
 * What each side panel shows, as a list of values (use-page-value.ts): a
 * panel re-renders when one of its values differs, so a keystroke in a story
 * or a caret move inside a paragraph re-renders none of the panels whose
 * contents they leave as they were. Each list must cover everything its panel
 * reads from the editor state; values are compared with `Object.is`, so
 * objects a keystroke keeps (node attributes, the page settings, a story's
 * head group) stand for their contents.
 */
import type { EditorState } from 'prosemirror-state';
import { applyStyle, styleUseCounts, toggleCharacterStyle } from '../../shared/model/commands/styles';
import { isStyledNodeType, resolveType, styleSheetOf } from '../../shared/model/styles';
import type { CharacterStyle } from '../../shared/model/styles';
import type { PageSettings } from '../../shared/page/settings';
import { arrangeAction } from '../arrange/arrange-commands';
import type { ArrangeAction } from '../arrange/arrange-commands';
import { arrangeState, selectedBlockIds, targetBlockIds } from '../arrange/arrange-state';
import type { PageFit } from '../editor/copyfit-plugin';
import { copyfitRows } from './arrange/copyfit-rows';
import type { CopyfitRow } from './arrange/copyfit-rows';
import { oversetRows } from './arrange/overset-rows';
import type { OversetRow } from './arrange/overset-rows';
import { propertiesTarget } from './properties/properties-target';
import type { PageValue } from './use-page-value';
import { activeScope } from '../../shared/edition/page-scope';

/** The style of the text block at the selection head, if any. */
export function currentStyle(state: EditorState): string | null {
  const parent = state.selection.$head.parent;
  return isStyledNodeType(parent.type.name) ? resolveType(parent, activeScope(state).page.attrs['settings'] as PageSettings).style : null;
}

/** Whether the character style's mark is on at the caret (stored marks) or anywhere in the selection. */
export function characterStyleActive(state: EditorState, c: CharacterStyle): boolean {
  const { from, to, empty } = state.selection;
  const mark = state.schema.marks[c.mark];
  return !!mark && (empty ? !!mark.isInSet(state.storedMarks ?? state.selection.$from.marks()) : state.doc.rangeHasMark(from, to, mark));
}

/**
 * The 样式 panel: the style sheet (in the settings), each style's uses, the
 * style at the caret, which styles apply to the selection (deleting one
 * depends on its uses), each character style's state.
 */
export function stylesShown(state: EditorState): PageValue {
  const scope = activeScope(state);
  const settings = scope.page.attrs['settings'] as PageSettings;
  const sheet = styleSheetOf(settings);
  const counts = [...styleUseCounts(scope)].map(([name, n]) => `${name}:${n}`).join(',');
  return [
    settings,
    counts,
    currentStyle(state),
    ...sheet.paragraph.map((s) => applyStyle(s.name)(state)),
    ...sheet.character.flatMap((c) => [characterStyleActive(state, c), toggleCharacterStyle(c.name)(state)]),
  ];
}

/**
 * The 属性 panel: its block's type and attributes, its head group (typing in
 * the body keeps that node) and the page settings (the grid).
 */
export function propertiesShown(state: EditorState): PageValue {
  const target = propertiesTarget(state);
  if (!target) return [null];
  const { node } = target;
  const head = node.firstChild?.type.name === 'headgroup' ? node.firstChild : null;
  return [node.type, node.attrs, head, activeScope(state).page.attrs['settings']];
}

/** The arrange tools: the grid toggle and which of `actions` apply to the selection. */
export function arrangeShown(state: EditorState, actions: readonly ArrangeAction[]): PageValue {
  return [arrangeState(state).grid, ...actions.map((action) => arrangeAction(action)(state))];
}

/** The copyfit table's rows, its overset parts and the blocks it marks selected. */
export function copyfitShown(state: EditorState, fits: PageFit): { rows: CopyfitRow[]; over: OversetRow[]; selected: readonly string[] } {
  const ids = selectedBlockIds(state);
  const page = activeScope(state).page;
  return { rows: copyfitRows(page, fits), over: oversetRows(page, fits), selected: ids.length > 0 ? ids : targetBlockIds(state) };
}
