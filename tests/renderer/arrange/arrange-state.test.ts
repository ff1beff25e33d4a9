import { describe, expect, it } from 'vitest';
import { history, undo } from 'prosemirror-history';
import { EditorState, Plugin, TextSelection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { arrangeAction, deleteSelectedBlocks, nudge, selectBlocks, toggleGrid } from '../../../renderer/arrange/arrange-commands';
import { EMPTY, applyArrange, arrangeKey, arrangeState, selectedBlockIds, targetBlockIds, toggleBlockTr } from '../../../renderer/arrange/arrange-state';
import { blockGuard } from '../../../renderer/editor/block-guard';
import { boxes, caretIn, order, page, rule, story } from '../../shared/model/commands/page-builder';

const doc = page(
  story('a', { col: 0, line: 0, cols: 2, lines: 30 }),
  story('b', { col: 2, line: 0, cols: 2, lines: 30 }),
  rule('c', { col: 0, line: 30, cols: 8, lines: 1 }),
);

function create(): EditorState {
  const arrange = new Plugin({ key: arrangeKey, state: { init: () => EMPTY, apply: (tr, prev, _o, next) => applyArrange(tr, prev, next) } });
  return EditorState.create({ doc, plugins: [history(), blockGuard(), arrange] });
}

function exec(state: EditorState, command: Command): EditorState {
  let next = state;
  command(state, (tr) => (next = next.apply(tr)));
  return next;
}

describe('block selection state', () => {
  it('selects blocks, the last as the NodeSelection', () => {
    const s = exec(create(), selectBlocks(['a', 'b']));
    expect(selectedBlockIds(s)).toEqual(['a', 'b']);
    expect(s.selection.$from.nodeAfter?.attrs['id']).toBe('b');
  });

  it('adds and removes blocks with toggle (Shift-click)', () => {
    let s = exec(create(), selectBlocks(['a']));
    s = s.apply(toggleBlockTr(s, 'c')!);
    expect(selectedBlockIds(s)).toEqual(['a', 'c']);
    s = s.apply(toggleBlockTr(s, 'a')!);
    expect(selectedBlockIds(s)).toEqual(['c']);
  });

  it('is left when the selection goes into text', () => {
    const s = exec(create(), selectBlocks(['a', 'b']));
    const t = s.apply(s.tr.setSelection(TextSelection.create(s.doc, 5)));
    expect(selectedBlockIds(t)).toEqual([]);
  });

  it('forgets deleted blocks and survives undo of a multi-block move', () => {
    let s = exec(create(), selectBlocks(['a', 'b']));
    s = exec(s, nudge(0, 2));
    expect(boxes(s.doc)['a']!.line).toBe(2);
    expect(boxes(s.doc)['b']!.line).toBe(2);
    s = exec(s, undo);
    expect(boxes(s.doc)['a']!.line).toBe(0);
    expect(selectedBlockIds(s)).toEqual(['a', 'b']);
    s = exec(s, deleteSelectedBlocks);
    expect(order(s.doc)).toEqual(['c']);
    expect(selectedBlockIds(s)).toEqual([]);
  });

  it('toggles the grid without touching the document or history', () => {
    const s = exec(create(), toggleGrid);
    expect(arrangeState(s).grid).toBe(true);
    expect(s.doc).toBe(doc);
    expect(undo(s)).toBe(false);
  });
});

describe('arrange actions through the block guard and history', () => {
  it('deleting blocks passes the guard and one undo brings them back', () => {
    let s = exec(create(), selectBlocks(['b']));
    s = exec(s, deleteSelectedBlocks);
    expect(order(s.doc)).toEqual(['a', 'c']);
    s = exec(s, undo);
    expect(order(s.doc)).toEqual(['a', 'b', 'c']);
  });

  it('stacking, duplicating and their undo pass the guard', () => {
    let s = exec(create(), selectBlocks(['a']));
    s = exec(s, arrangeAction('bringToFront'));
    expect(order(s.doc)).toEqual(['b', 'c', 'a']);
    s = exec(s, arrangeAction('duplicate'));
    expect(order(s.doc)).toEqual(['b', 'c', 'a', 'a-2']);
    s = exec(exec(s, undo), undo);
    expect(order(s.doc)).toEqual(['a', 'b', 'c']);
  });

  it('acts on the block holding the caret when no block is selected, but Delete and arrows do not', () => {
    const s = caretIn(create(), 'b', 1);
    expect(targetBlockIds(s)).toEqual(['b']);
    expect(order(exec(s, arrangeAction('sendToBack')).doc)).toEqual(['b', 'a', 'c']);
    expect(deleteSelectedBlocks(s)).toBe(false);
    expect(nudge(0, 1)(s)).toBe(false);
  });

  it('keeps arrow keys while a block is selected even at the grid edge', () => {
    const s = exec(create(), selectBlocks(['a']));
    let dispatched = 0;
    expect(nudge(-1, 0)(s, () => dispatched++)).toBe(true);
    expect(dispatched).toBe(0);
  });
});
