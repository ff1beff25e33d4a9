import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import { collab, sendableSteps } from 'prosemirror-collab';
import { history, undo } from 'prosemirror-history';
import { dropUnconfirmed, stepsLostInRebase, stepText } from '../../../shared/desk/rebase';
import { pageWithStories, storyEnd, storyPos, storyText } from '../../../bench/desk-page';

function typed(state: EditorState, id: string, text: string): EditorState {
  for (const ch of text) state = state.apply(state.tr.insertText(ch, storyEnd(state.doc, id)));
  return state;
}

describe('desk rebase', () => {
  const base = () => EditorState.create({ doc: pageWithStories(3), plugins: [collab({ clientID: 1 }), history()] });

  it('drops the refused story’s steps, keeps the others, and undo forgets the dropped ones', () => {
    let state = typed(base(), 's1', 'ab');
    state = typed(state, 's2', 'x');
    state = typed(state, 's1', 'c');
    const { tr, dropped } = dropUnconfirmed(state, (_i, owner) => owner.kind === 'text' && owner.block === 's1');
    state = state.apply(tr);
    expect(dropped.map((d) => d.text)).toEqual(['a', 'b', 'c']);
    expect(storyText(state.doc, 's1')).toBe('·');
    expect(storyText(state.doc, 's2')).toBe('·x');
    expect(sendableSteps(state)!.steps.length).toBe(1);
    // Undo takes back what is left of the user's own (the x), never replays a dropped step.
    expect(undo(state, (t) => (state = state.apply(t)))).toBe(true);
    expect(storyText(state.doc, 's1')).toBe('·');
    expect(storyText(state.doc, 's2')).toBe('·');
  });

  it('finds the local steps a rebase over remote steps would lose', () => {
    const remote = base();
    const pos = storyPos(remote.doc, 's2');
    const deletion = remote.tr.delete(pos, pos + remote.doc.nodeAt(pos)!.nodeSize);
    let state = typed(base(), 's1', 'k');
    state = typed(state, 's2', '文字');
    expect(stepsLostInRebase(state, deletion.steps, 0)).toEqual([1, 2]);
    expect(stepText(sendableSteps(state)!.steps[1]!)).toBe('文');
  });
});
