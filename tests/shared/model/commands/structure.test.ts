import { describe, expect, it } from 'vitest';
import { NodeSelection, TextSelection } from 'prosemirror-state';
import { ALLOW_STRUCTURE } from '../../../../shared/model/commands/blocks';
import { schema } from '../../../../shared/model/schema';
import { deleteBlocks } from '../../../../shared/model/commands/delete-blocks';
import { duplicateBlock, uniqueBlockId } from '../../../../shared/model/commands/duplicate-block';
import { bringForward, bringToFront, sendBackward, sendToBack } from '../../../../shared/model/commands/z-order';
import { ALLOW_STRUCTURE as GUARD_META } from '../../../../renderer/editor/block-guard';
import { boxes, caretIn, order, page, rule, run, selectBlock, stateOf, story, undone } from './page-builder';

const doc = page(
  story('a', { col: 0, line: 0, cols: 2, lines: 30 }),
  story('b', { col: 2, line: 0, cols: 2, lines: 30 }),
  rule('c', { col: 0, line: 30, cols: 8, lines: 1 }),
  story('d', { col: 6, line: 100, cols: 2, lines: 20 }),
);

describe('z-order commands', () => {
  it('bring forward passes the block above', () => {
    const r = run(stateOf(doc), bringForward(['a']));
    expect(order(r.state.doc)).toEqual(['b', 'a', 'c', 'd']);
    expect(r.trs).toHaveLength(1);
    expect(r.trs[0]!.getMeta(ALLOW_STRUCTURE)).toBe(true);
    expect(order(undone(r.state).doc)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('send backward passes the block below', () => {
    expect(order(run(stateOf(doc), sendBackward(['c'])).state.doc)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('moves a multi-selection one step each, keeping its own order', () => {
    expect(order(run(stateOf(doc), bringForward(['a', 'b'])).state.doc)).toEqual(['c', 'a', 'b', 'd']);
    expect(order(run(stateOf(doc), sendBackward(['b', 'd'])).state.doc)).toEqual(['b', 'a', 'd', 'c']);
  });

  it('brings to front and sends to back', () => {
    expect(order(run(stateOf(doc), bringToFront(['b', 'a'])).state.doc)).toEqual(['c', 'd', 'a', 'b']);
    expect(order(run(stateOf(doc), sendToBack(['d'])).state.doc)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('returns false when the order would not change or an id is unknown', () => {
    expect(bringForward(['d'])(stateOf(doc))).toBe(false);
    expect(bringToFront(['c', 'd'])(stateOf(doc))).toBe(false);
    expect(sendBackward(['a'])(stateOf(doc))).toBe(false);
    expect(sendToBack(['zz'])(stateOf(doc))).toBe(false);
    expect(bringForward([])(stateOf(doc))).toBe(false);
  });

  it('keeps the node selection on the moved block', () => {
    const r = run(selectBlock(stateOf(doc), 'a'), bringToFront(['a']));
    const sel = r.state.selection;
    expect(sel instanceof NodeSelection && sel.node.attrs['id']).toBe('a');
  });

  it('keeps the caret where it was in the text of the moved block', () => {
    const before = caretIn(stateOf(doc), 'a', 2);
    const r = run(before, bringToFront(['a']));
    const $head = r.state.selection.$head;
    expect($head.node(1).attrs['id']).toBe('a');
    expect($head.parent.textContent).toBe('正文。');
    expect($head.parentOffset).toBe(2);
  });

  it('leaves the blocks themselves unchanged', () => {
    const r = run(stateOf(doc), sendToBack(['d']));
    expect(boxes(r.state.doc)).toEqual(boxes(doc));
    expect(r.state.doc.child(0).eq(doc.child(3))).toBe(true);
  });
});

describe('with the edition\'s story bin', () => {
  const binned = schema.node('edition', null, [doc, schema.node('bin', null, [story('a-2', { col: 0, line: 0, cols: 1, lines: 1 })])]);

  it('keeps the bin last, after the pages, when bringing blocks to the front', () => {
    const r = run(stateOf(binned), bringToFront(['a']));
    expect(r.state.doc.lastChild?.type.name).toBe('bin');
    expect(order(r.state.doc.child(0))).toEqual(['b', 'c', 'd', 'a']);
    expect(bringForward(['d'])(stateOf(binned))).toBe(false);
  });

  it('gives a duplicate an id no binned story has', () => {
    const r = run(stateOf(binned), duplicateBlock('a'));
    expect(order(r.state.doc.child(0))).toContain('a-3');
  });
});

describe('deleteBlocks', () => {
  it('deletes several blocks in one undoable step', () => {
    const r = run(stateOf(doc), deleteBlocks(['b', 'd']));
    expect(order(r.state.doc)).toEqual(['a', 'c']);
    expect(r.trs).toHaveLength(1);
    expect(r.trs[0]!.getMeta(ALLOW_STRUCTURE)).toBe(true);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('deletes nothing when an id is unknown', () => {
    expect(deleteBlocks(['a', 'zz'])(stateOf(doc))).toBe(false);
    expect(deleteBlocks([])(stateOf(doc))).toBe(false);
  });

  it('puts the caret into text after deleting, never selecting another block', () => {
    const r = run(selectBlock(stateOf(doc), 'b'), deleteBlocks(['b']));
    expect(r.state.selection instanceof TextSelection).toBe(true);
    // The rule after b is an atom; the caret goes on to the next story's text.
    expect(r.state.selection.$from.node(1).attrs['id']).toBe('d');
  });
});

describe('duplicateBlock', () => {
  it('inserts an offset copy with a new id just above the original and selects it', () => {
    const r = run(stateOf(doc), duplicateBlock('a'));
    expect(order(r.state.doc)).toEqual(['a', 'a-2', 'b', 'c', 'd']);
    expect(boxes(r.state.doc)['a-2']).toEqual({ col: 1, line: 1, cols: 2, lines: 30 });
    expect(r.state.doc.child(1).content.eq(doc.child(0).content)).toBe(true);
    const sel = r.state.selection;
    expect(sel instanceof NodeSelection && sel.node.attrs['id']).toBe('a-2');
    expect(r.trs[0]!.getMeta(ALLOW_STRUCTURE)).toBe(true);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('offsets the other way at the grid edge', () => {
    const r = run(stateOf(doc), duplicateBlock('d'));
    expect(boxes(r.state.doc)['d-2']).toEqual({ col: 5, line: 99, cols: 2, lines: 20 });
  });

  it('picks ids not yet used', () => {
    const twice = run(run(stateOf(doc), duplicateBlock('a')).state, duplicateBlock('a-2'));
    expect(order(twice.state.doc)).toContain('a-3');
    expect(uniqueBlockId(doc, '')).toBe('block-2');
  });

  it('returns false for an unknown id', () => {
    expect(duplicateBlock('zz')(stateOf(doc))).toBe(false);
  });
});

describe('ALLOW_STRUCTURE', () => {
  it('is the meta the editor block guard lets through', () => {
    expect(ALLOW_STRUCTURE).toBe(GUARD_META);
  });
});
