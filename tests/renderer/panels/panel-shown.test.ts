import { describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { arrangeShown, copyfitShown, propertiesShown, stylesShown } from '../../../renderer/panels/panel-shown';
import { samePageValue } from '../../../renderer/panels/use-page-value';
import { applyStyle } from '../../../shared/model/commands/styles';
import { setBlockStyle, setStoryPartStyle } from '../../../shared/model/commands/block-style';
import { caretIn, page, run, stateOf, story } from '../../shared/model/commands/page-builder';

const type = (state: EditorState, text: string) => state.apply(state.tr.insertText(text));
const moveBy = (state: EditorState, d: number) => state.apply(state.tr.setSelection(TextSelection.create(state.doc, state.selection.head + d)));

describe('what the side panels show', () => {
  const doc = page(story('a', { col: 0, line: 0, cols: 2, lines: 30 }, '甲乙丙丁戊己'), story('b', { col: 2, line: 0, cols: 3, lines: 20 }, '正文正文'));
  const start = caretIn(stateOf(doc), 'a', 2);

  it('stays the same for every panel when a character is typed in a story body or the caret moves in it', () => {
    const typed = type(start, '萧');
    const moved = moveBy(typed, -2);
    for (const next of [typed, moved]) {
      expect(samePageValue(stylesShown(next), stylesShown(start))).toBe(true);
      expect(samePageValue(propertiesShown(next), propertiesShown(start))).toBe(true);
      expect(samePageValue(arrangeShown(next, ['duplicate', 'delete']), arrangeShown(start, ['duplicate', 'delete']))).toBe(true);
    }
  });

  it('differs when what a panel shows changes: the caret in another story or the headline, a style, a box', () => {
    const inB = caretIn(start, 'b', 1);
    expect(samePageValue(propertiesShown(inB), propertiesShown(start))).toBe(false);
    // The headline of story a: another style at the caret.
    const inHead = start.apply(start.tr.setSelection(TextSelection.create(start.doc, 4)));
    expect(inHead.selection.$head.parent.type.name).toBe('headline');
    expect(samePageValue(stylesShown(inHead), stylesShown(start))).toBe(false);
    const styled = run(start, applyStyle('crosshead'));
    expect(styled.ok).toBe(true);
    expect(samePageValue(stylesShown(styled.state), stylesShown(start))).toBe(false);
    const boxed = run(start, setBlockStyle('a', { tint: 10 })).state;
    expect(samePageValue(propertiesShown(boxed), propertiesShown(start))).toBe(false);
    const head = run(start, setStoryPartStyle('a', 'headgroup', { vertical: true })).state;
    expect(samePageValue(propertiesShown(head), propertiesShown(start))).toBe(false);
  });

  it('lists the copyfit rows, which a keystroke changes only in the typed story', () => {
    const before = copyfitShown(start, new Map());
    const after = copyfitShown(type(start, '萧'), new Map());
    expect(after.rows[0]!.chars).toBe(before.rows[0]!.chars + 1);
    expect(after.rows[1]).toEqual(before.rows[1]);
    expect(after.selected).toEqual(['a']);
  });
});
