import { describe, expect, it } from 'vitest';
import { undo } from 'prosemirror-history';
import type { Node } from 'prosemirror-model';
import type { EditorState } from 'prosemirror-state';
import { isFullWidthHead, setBlockStyle, setFullWidthHead, setStoryPartStyle } from '../../../../shared/model/commands/block-style';
import { b, page, rule, run, stateOf, story, undone } from './page-builder';

function block(doc: Node, id: string): Node {
  let found: Node | null = null;
  doc.forEach((n) => void (n.attrs['id'] === id && (found = n)));
  if (!found) throw new Error(`no block ${id}`);
  return found;
}

function headline(doc: Node, id: string): Node {
  return block(doc, id).child(0).child(0);
}

const doc = page(story('a', { col: 1, line: 0, cols: 3, lines: 40 }), rule('r', { col: 0, line: 41, cols: 8, lines: 1 }));

describe('setBlockStyle', () => {
  it('boxes a story with a double border and a 10 % tint in one undo step', () => {
    const r = run(stateOf(doc), setBlockStyle('a', { frame: 'double', tint: 10, tintSwatch: 'black' }));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(block(r.state.doc, 'a').attrs).toMatchObject({ frame: 'double', tint: 10, tintSwatch: 'black' });
    expect(block(undone(r.state).doc, 'a').attrs).toMatchObject({ frame: 'none', tint: 0 });
  });

  it('makes each change its own undo step, never merged with the one before', () => {
    let s: EditorState = stateOf(doc);
    s = run(s, setBlockStyle('a', { frame: 'single' })).state;
    s = run(s, setBlockStyle('a', { frameWeightPt: 2 })).state;
    const once = undone(s);
    expect(block(once.doc, 'a').attrs).toMatchObject({ frame: 'single', frameWeightPt: 1 });
    expect(block(undone(once).doc, 'a').attrs['frame']).toBe('none');
  });

  it('returns false when nothing changes, for an unknown block, and for a kind without styles', () => {
    expect(run(stateOf(doc), setBlockStyle('a', { frame: 'none' })).ok).toBe(false);
    expect(run(stateOf(doc), setBlockStyle('nope', { frame: 'single' })).ok).toBe(false);
    expect(setBlockStyle('a', { frame: 'single' })(stateOf(page(b.rule({ id: 'x' }))))).toBe(false);
  });

  it('sets a rule to a vertical thick-thin rule', () => {
    const r = run(stateOf(doc), setBlockStyle('r', { orientation: 'v', style: 'thick-thin', weightPt: 2 }));
    expect(block(r.state.doc, 'r').attrs).toMatchObject({ orientation: 'v', style: 'thick-thin', weightPt: 2 });
  });

  it('throws a RangeError naming a value out of range or an attribute the kind does not have', () => {
    expect(() => setBlockStyle('a', { tint: 150 })(stateOf(doc))).toThrow(/story\.tint cannot be 150/);
    expect(() => setBlockStyle('a', { frame: 'zigzag' })(stateOf(doc))).toThrow(RangeError);
    expect(() => setBlockStyle('a', { frameInset: 1.5 })(stateOf(doc))).toThrow(RangeError);
    expect(() => setBlockStyle('r', { frame: 'single' })(stateOf(doc))).toThrow(/rule has no style attribute "frame"/);
  });
});

describe('setStoryPartStyle', () => {
  it('sets the headline to 80 % 长扁 in 小一 号 in one step, and undoes it', () => {
    const r = run(stateOf(doc), setStoryPartStyle('a', 'headline', { scaleX: 80, sizePt: 24, face: 'song', align: 'start' }));
    expect(r.trs).toHaveLength(1);
    expect(headline(r.state.doc, 'a').attrs).toMatchObject({ scaleX: 80, sizePt: 24, face: 'song', align: 'start' });
    expect(headline(undone(r.state).doc, 'a').attrs).toMatchObject({ scaleX: null, sizePt: null }); // from the headline style again
  });

  it('stands the head group vertically at the right taking one column', () => {
    const r = run(stateOf(doc), setStoryPartStyle('a', 'headgroup', { vertical: true, side: 'right', cols: 1 }));
    expect(block(r.state.doc, 'a').child(0).attrs).toMatchObject({ vertical: true, side: 'right', cols: 1 });
  });

  it('returns false for a part the story does not have', () => {
    expect(run(stateOf(doc), setStoryPartStyle('a', 'kicker', { sizePt: 14 })).ok).toBe(false);
    expect(run(stateOf(doc), setStoryPartStyle('a', 'byline', { face: 'kai' })).ok).toBe(false);
    expect(run(stateOf(doc), setStoryPartStyle('r', 'headline', { sizePt: 14 })).ok).toBe(false);
  });
});

describe('setFullWidthHead (通栏)', () => {
  it('spans the story and its head across the page in one step', () => {
    const narrow = page(b.story({ id: 's', col: 2, line: 10, cols: 3, lines: 30 }, b.headgroup({ cols: 2, vertical: true }, b.h('题')), b.body(b.p('文'))));
    const r = run(stateOf(narrow), setFullWidthHead('s'));
    expect(r.trs).toHaveLength(1);
    const s = block(r.state.doc, 's');
    expect(s.attrs).toMatchObject({ col: 0, cols: 8, line: 10, lines: 30 });
    expect(s.child(0).attrs).toMatchObject({ cols: null, vertical: false });
    expect(isFullWidthHead(r.state.doc, 's')).toBe(true);
    expect(isFullWidthHead(narrow, 's')).toBe(false);
    expect(run(r.state, setFullWidthHead('s')).ok).toBe(false);
    let back = r.state;
    undo(r.state, (tr) => (back = r.state.apply(tr)));
    expect(block(back.doc, 's').attrs).toMatchObject({ col: 2, cols: 3 });
  });
});
