/**
 * The active page of an edition editor (renderer/editor/active-page-plugin.ts,
 * shared/edition/page-scope.ts): page-relative helpers at the active page's
 * offset, switching as a transaction outside the undo history, each page's
 * selection remembered and mapped through edits, undo of an edit on another
 * page showing that page.
 */
import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { history, undo } from 'prosemirror-history';
import { EditorState, TextSelection } from 'prosemirror-state';
import type { Transaction } from 'prosemirror-state';
import { activePage, activePagePlugin, showPageTr } from '../../../renderer/editor/active-page-plugin';
import { sameBlocks } from '../../../renderer/editor/block-guard';
import { activeScope, asScope, scopeOf } from '../../../shared/edition/page-scope';
import { findBin } from '../../../shared/model/bin';
import { findBlock, pageBlocks } from '../../../shared/model/commands/blocks';
import { moveBlocks } from '../../../shared/model/commands/place-blocks';
import { edition, page, story } from '../../shared/edition/build';
import { deletePage, insertPage, movePage } from '../../../shared/edition/page-moves';
import type { Transform } from 'prosemirror-transform';
import { selectionPage } from '../../../shared/edition/page-scope';
import { propertiesTarget } from '../../../renderer/panels/properties/properties-target';
import { selectedBlock } from '../../../renderer/editor/selected-block';
import { targetBlockIds } from '../../../renderer/arrange/arrange-state';

function threePages(): Node {
  return edition(
    [
      page('要闻', [story('a1', '一版甲'), story('a2', '一版乙', {}, 10)]),
      page('综合', [story('b1', '二版甲')]),
      page('体育', [story('c1', '三版甲'), story('c2', '三版乙', {}, 10)]),
    ],
    [story('b-bin', '二版库')],
  );
}

function start(index = 0): EditorState {
  return EditorState.create({ doc: threePages(), plugins: [activePagePlugin(index), history()] });
}

/** Position of the first character of `text` in the document. */
function posOf(doc: Node, text: string): number {
  let found = -1;
  doc.descendants((node, pos) => {
    if (found < 0 && node.isText && node.text!.includes(text)) found = pos + node.text!.indexOf(text);
    return found < 0;
  });
  if (found < 0) throw new Error(`no ${text}`);
  return found;
}

function apply(state: EditorState, tr: Transaction | null): EditorState {
  if (!tr) throw new Error('no transaction');
  return state.apply(tr);
}

describe('page scope', () => {
  it('gives page-relative helpers the active page at its offset in the edition', () => {
    const doc = threePages();
    const scope = scopeOf(doc, 2);
    expect(scope.page.attrs['section']).toBe('体育');
    expect(scope.start).toBe(doc.child(0).nodeSize + doc.child(1).nodeSize + 1);
    const blocks = pageBlocks(scope);
    expect(blocks.map((b) => b.node.attrs['id'])).toEqual(['c1', 'c2']);
    for (const b of blocks) expect(doc.nodeAt(b.pos)).toBe(b.node);
    // A page document is its own scope; a bare edition is refused (which page?).
    expect(asScope(doc.child(0)).start).toBe(0);
    expect(() => pageBlocks(doc)).toThrow(RangeError);
  });

  it('finds a block by id on any page (not in the bin), and the edition bin at its document position from any page', () => {
    const doc = threePages();
    const c2 = findBlock(doc, 'c2')!;
    expect(doc.nodeAt(c2.pos)?.attrs['id']).toBe('c2');
    expect(findBlock(doc, 'b-bin')).toBeNull();
    const bin = findBin(scopeOf(doc, 1))!;
    expect(doc.nodeAt(bin.pos)?.type.name).toBe('bin');
    expect(findBin(scopeOf(doc, 0))).toEqual(bin);
    // The bin is not a page: the last page's scope is page 3.
    expect(scopeOf(doc, 5).page.attrs['section']).toBe('体育');
  });

  it('compares block lists page by page', () => {
    const doc = threePages();
    const moved = EditorState.create({ doc }).tr.delete(findBlock(doc, 'c2')!.pos, findBlock(doc, 'c2')!.pos + findBlock(doc, 'c2')!.node.nodeSize).doc;
    expect(sameBlocks(doc, doc)).toBe(true);
    expect(sameBlocks(doc, moved)).toBe(false);
  });
});

describe('active page', () => {
  it('starts on the page asked for and scopes commands to it', () => {
    const state = start(2);
    expect(activePage(state)?.index).toBe(2);
    expect(activeScope(state).page.attrs['section']).toBe('体育');
    // A block command on page 3 moves the block there, nothing else.
    const next = apply(state, (() => {
      let out: Transaction | null = null;
      moveBlocks(['c1'], 1, 0)(state, (tr) => (out = tr));
      return out;
    })());
    expect(findBlock(next.doc, 'c1')!.node.attrs['col']).toBe(1);
    expect(next.doc.child(0).eq(state.doc.child(0))).toBe(true);
  });

  it('switches with a transaction outside the undo history, marking only the active page', () => {
    let state = start();
    state = apply(state, state.tr.insertText('改', posOf(state.doc, '一版甲正文')));
    state = apply(state, showPageTr(state, 1));
    expect(activePage(state)?.index).toBe(1);
    const decos = activePage(state)!.decorations.find();
    expect(decos).toHaveLength(1);
    expect(decos[0]!.from).toBe(scopeOf(state.doc, 1).start - 1);
    // Undo takes back the edit on page 1, not the switch.
    let undone: Transaction | null = null;
    undo(state, (tr) => (undone = tr));
    state = apply(state, undone);
    expect(state.doc.textContent).not.toContain('改');
    expect(showPageTr(state, 7)).toBeNull();
  });

  it('brings back each page’s selection, mapped through edits made meanwhile', () => {
    let state = start(2);
    const at = posOf(state.doc, '三版乙正文') + 2;
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, at)));
    state = apply(state, showPageTr(state, 0));
    expect(state.selection.$head.index(0)).toBe(0);
    // Text typed on page 1 moves every later position.
    state = apply(state, state.tr.insertText('新增文字', posOf(state.doc, '一版甲正文')));
    state = apply(state, showPageTr(state, 2));
    expect(state.selection.head).toBe(at + 4);
    expect(state.doc.textBetween(state.selection.head - 2, state.selection.head)).toBe('三版');
  });

  /** A change of the page list as the plan dispatches it, with the plugins' appended transactions. */
  function changePages(state: EditorState, change: (doc: Node) => Transform): EditorState {
    const tr = state.tr;
    for (const step of change(state.doc).steps) tr.step(step);
    return state.applyTransaction(tr).state;
  }
  /** The two characters before the caret. */
  const beforeCaret = (state: EditorState) => state.doc.textBetween(state.selection.head - 2, state.selection.head);

  it('keeps the page shown and every remembered page with their pages when pages move, go and come', () => {
    let state = start(2);
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, '三版乙正文') + 2)));
    state = apply(state, showPageTr(state, 0));
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, '一版甲正文') + 3)));
    expect(beforeCaret(state)).toBe('版甲');
    // Page 3 moves to the front: page 1, shown, is now the second page; the caret stays where it was.
    state = changePages(state, (doc) => movePage(doc, 3, 1));
    expect(state.doc.child(0).attrs['section']).toBe('体育');
    expect(activePage(state)?.index).toBe(1);
    expect(selectionPage(state.doc, state.selection)).toBe(1);
    expect(beforeCaret(state)).toBe('版甲');
    // 体育, now first, comes back with its caret.
    state = apply(state, showPageTr(state, 0));
    expect(beforeCaret(state)).toBe('三版');
    // The page shown moves itself (page 1 to the end): shown still, the caret with it.
    state = changePages(state, (doc) => movePage(doc, 1, 3));
    expect(state.doc.child(2).attrs['section']).toBe('体育');
    expect(activePage(state)?.index).toBe(2);
    expect(beforeCaret(state)).toBe('三版');
    // A page without blocks before everything: the remembered 要闻 page (now second) follows.
    state = changePages(state, (doc) => insertPage(doc, 1, page('广告', [])));
    expect(activePage(state)?.index).toBe(3);
    state = apply(state, showPageTr(state, 1));
    expect(state.doc.child(1).attrs['section']).toBe('要闻');
    expect(beforeCaret(state)).toBe('版甲');
    // Deleting a page forgets what was remembered of it; the page shown keeps its caret.
    expect(activePage(state)?.memory.has(3)).toBe(true);
    state = changePages(state, (doc) => deletePage(doc, 4));
    expect(activePage(state)?.memory.has(3)).toBe(false);
    expect(activePage(state)?.index).toBe(1);
    expect(beforeCaret(state)).toBe('版甲');
  });

  it('shows the page of an edit that undo takes back', () => {
    let state = start(2);
    state = apply(state, state.tr.insertText('体', posOf(state.doc, '三版甲正文')));
    state = apply(state, showPageTr(state, 0));
    expect(activePage(state)?.index).toBe(0);
    let undone: Transaction | null = null;
    undo(state, (tr) => (undone = tr));
    state = apply(state, undone);
    expect(activePage(state)?.index).toBe(2);
    expect(state.doc.textContent).not.toContain('体三版');
  });

  it('finds the block holding the caret two levels down (edition > page > block)', () => {
    let state = start(2);
    state = apply(state, state.tr.setSelection(TextSelection.create(state.doc, posOf(state.doc, '三版乙正文') + 1)));
    expect(selectedBlock(state)?.id).toBe('c2');
    expect(propertiesTarget(state)?.node.attrs['id']).toBe('c2');
    expect(targetBlockIds(state)).toEqual(['c2']);
  });
});
