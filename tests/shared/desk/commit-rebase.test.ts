/**
 * Decision 0025's two halves of a rebase: the authority's `rebaseMessage`
 * computes what prosemirror-collab's client computes (so the sender's steps,
 * as committed, are what it already shows), and the client's `confirmOwn`
 * takes a commit that differs from what it shows without losing its unsent
 * steps or its undo history.
 */
import { describe, expect, it } from 'vitest';
import { EditorState } from 'prosemirror-state';
import type { Step } from 'prosemirror-transform';
import { collab, getVersion, receiveTransaction, sendableSteps } from 'prosemirror-collab';
import { history, undo } from 'prosemirror-history';
import { confirmOwn, unconfirmedSteps } from '../../../shared/desk/rebase';
import { rebaseMessage } from '../../../shared/desk/rebase-message';
import { pageWithStories, storyEnd, storyPos, storyText } from '../../../bench/desk-page';

const base = (clientID: number) => EditorState.create({ doc: pageWithStories(3), plugins: [collab({ clientID }), history()] });

function typed(state: EditorState, id: string, text: string): EditorState {
  for (const ch of text) state = state.apply(state.tr.insertText(ch, storyEnd(state.doc, id)));
  return state;
}

const json = (steps: readonly Step[]) => steps.map((s) => JSON.stringify(s.toJSON()));

describe('rebaseMessage', () => {
  it('rebases a message exactly as the sender rebases its unconfirmed steps', () => {
    const sender = typed(base(1), 's2', '稿件');
    const message = sendableSteps(sender)!.steps;
    // Meanwhile another client's steps in an earlier story were committed.
    const other = typed(base(2), 's1', '先到');
    const over = sendableSteps(other)!.steps;
    const received = sender.apply(receiveTransaction(sender, over, over.map(() => 2)));
    const result = rebaseMessage(other.doc, message, over, () => null);
    expect(result.kind).toBe('rebased');
    if (result.kind !== 'rebased') return;
    expect(json(result.steps)).toEqual(json(unconfirmedSteps(received)));
    expect(result.doc.eq(received.doc)).toBe(true);
    expect(result.dropped).toEqual([]);
  });

  it('leaves out, and names, a step that no longer applies; refuses as a whole when the check says so', () => {
    let sender = typed(base(1), 's1', '甲');
    sender = typed(sender, 's2', '乙');
    const message = sendableSteps(sender)!.steps;
    const layout = base(2);
    const pos = storyPos(layout.doc, 's2');
    const deletion = layout.apply(layout.tr.delete(pos, pos + layout.doc.nodeAt(pos)!.nodeSize));
    const over = sendableSteps(deletion)!.steps;
    const result = rebaseMessage(deletion.doc, message, over, () => null);
    expect(result).toMatchObject({ kind: 'rebased', sources: [0], dropped: [1] });
    if (result.kind === 'rebased') expect(storyText(result.doc, 's1')).toBe('·甲');
    expect(rebaseMessage(deletion.doc, message, over, (_s, _d, i) => (i === 0 ? 'no' : null))).toEqual({ kind: 'refused', index: 0, refusal: 'no' });
  });
});

describe('confirmOwn', () => {
  it('confirms without touching the document when the commit is what the client shows', () => {
    const state = typed(base(1), 's1', 'ab');
    const steps = unconfirmedSteps(state);
    const { tr, lost } = confirmOwn(state, [0, 1], steps, [0, 1]);
    expect(tr.docChanged).toBe(false);
    expect(lost).toEqual([]);
    const next = state.apply(tr);
    expect(getVersion(next)).toBe(2);
    expect(sendableSteps(next)).toBeNull();
  });

  it('takes a commit that differs, rebases the unsent steps on it, and undo still takes back both', () => {
    let state = typed(base(1), 's1', 'a');
    state = typed(state, 's2', 'b');
    // The authority committed the sent "a" elsewhere (before the story's "·"), the unsent "b" stays unconfirmed.
    const start = storyPos(state.doc, 's1') + 3;
    const committed = base(9).tr.insertText('a', start).steps;
    const { tr, lost } = confirmOwn(state, [0], committed, [0]);
    expect(lost).toEqual([]);
    state = state.apply(tr);
    expect(storyText(state.doc, 's1')).toBe('a·');
    expect(storyText(state.doc, 's2')).toBe('·b');
    expect(getVersion(state)).toBe(1);
    expect(sendableSteps(state)!.steps.length).toBe(1);
    expect(undo(state, (t) => (state = state.apply(t)))).toBe(true);
    expect(storyText(state.doc, 's2')).toBe('·');
    expect(undo(state, (t) => (state = state.apply(t)))).toBe(true);
    expect(storyText(state.doc, 's1')).toBe('·');
  });

  it('names a sent step the authority left out', () => {
    let state = typed(base(1), 's1', 'a');
    state = typed(state, 's2', 'b');
    const { tr, lost } = confirmOwn(state, [0, 1], unconfirmedSteps(state).slice(0, 1), [0]);
    expect(lost).toEqual([1]);
    state = state.apply(tr);
    expect(storyText(state.doc, 's1')).toBe('·a');
    expect(storyText(state.doc, 's2')).toBe('·');
    expect(sendableSteps(state)).toBeNull();
  });
});
