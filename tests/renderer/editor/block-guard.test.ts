import { describe, expect, it } from 'vitest';
import { EditorState, NodeSelection, TextSelection } from 'prosemirror-state';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { ALLOW_STRUCTURE, blockGuard } from '../../../renderer/editor/block-guard';

function page() {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, [
    schema.node('masthead', { id: 'm', col: 0, line: 0, cols: 8, lines: 10 }),
    schema.node('story', { id: 's1', col: 0, line: 10, cols: 2, lines: 20 }, [
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文')])]),
    ]),
  ]);
}

describe('blockGuard', () => {
  const state = EditorState.create({ doc: page(), plugins: [blockGuard()] });

  it('lets text be typed inside a story', () => {
    // Position 4 is inside the paragraph's text (masthead 1, story 1, body 1, paragraph 1).
    const s = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 5)));
    const next = s.apply(s.tr.insertText('新'));
    expect(next.doc.textContent).toBe('正新文');
  });

  it('refuses typing over a selected masthead, which would wrap text in a new block', () => {
    const s = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, 0)));
    const tr = s.tr.insertText('x');
    // ProseMirror would replace the masthead with an id-less label holding the text.
    expect(tr.doc.child(0).type.name).not.toBe('masthead');
    expect(s.applyTransaction(tr).state.doc.eq(s.doc)).toBe(true);
  });

  it('takes text read from the DOM at a caret outside the selected frame, and refuses text replacing the frame', () => {
    // A click into the story, typed into before ProseMirror read the click's selection: the frame is still selected.
    const s = state.apply(state.tr.setSelection(NodeSelection.create(state.doc, 0)));
    const handle = blockGuard().props.handleTextInput!;
    const view = { state: s } as unknown as Parameters<typeof handle>[0];
    const sel = s.selection;
    expect(handle.call(null as never, view, 5, 5, '新', () => s.tr)).toBe(false);
    expect(handle.call(null as never, view, sel.from, sel.to, '新', () => s.tr)).toBe(true);
    // Nothing selected as a frame: never in the way.
    const caret = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 5)));
    expect(handle.call(null as never, { state: caret } as unknown as Parameters<typeof handle>[0], 5, 5, '新', () => caret.tr)).toBe(false);
  });

  it('refuses deleting the whole page after select-all', () => {
    const tr = state.tr.delete(0, state.doc.content.size);
    expect(state.applyTransaction(tr).state.doc.childCount).toBe(2);
  });

  it('lets structural edits through when they say so', () => {
    const tr = state.tr.delete(0, state.doc.child(0).nodeSize).setMeta(ALLOW_STRUCTURE, true);
    expect(state.applyTransaction(tr).state.doc.childCount).toBe(1);
  });
});
