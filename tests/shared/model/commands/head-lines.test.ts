import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { addHeadLine, hasHeadLine, removeHeadLine } from '../../../../shared/model/commands/head-lines';
import { setStoryPartStyle } from '../../../../shared/model/commands/block-style';
import { schema } from '../../../../shared/model/schema';
import { defaultStyleSheet } from '../../../../shared/model/styles';
import { settingsFromPreset } from '../../../../shared/page/settings';
import { b, page, run, stateOf, story, undone } from './page-builder';

function block(doc: Node, id: string): Node {
  let found: Node | null = null;
  doc.forEach((n) => void (n.attrs['id'] === id && (found = n)));
  if (!found) throw new Error(`no block ${id}`);
  return found;
}

/** The head group's lines as `type:text`. */
function head(doc: Node, id: string): string[] {
  const out: string[] = [];
  block(doc, id).child(0).forEach((line) => out.push(`${line.type.name}:${line.textContent}`));
  return out;
}

const full = schema.node('story', { id: 'f', col: 4, line: 0, cols: 3, lines: 40 }, [
  schema.node('headgroup', null, [
    schema.node('kicker', null, [schema.text('城市的节日')]),
    schema.node('headline', null, [schema.text('马拉松鸣枪开跑')]),
    schema.node('subheadline', null, [schema.text('三万跑者齐聚黄龙')]),
  ]),
  schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])]),
]);
const headless = b.story({ id: 'n', col: 0, line: 50, cols: 2, lines: 10 }, b.body(b.p('只有正文。')));
const doc = page(story('a', { col: 0, line: 0, cols: 3, lines: 40 }), full, headless);

describe('addHeadLine', () => {
  it('adds an empty 引题 above the 主题, with the caret in it, in one undo step', () => {
    const r = run(stateOf(doc), addHeadLine('a', 'kicker'));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(head(r.state.doc, 'a')).toEqual(['kicker:', 'headline:标题a']);
    const { $head } = r.state.selection;
    expect(r.state.selection.empty).toBe(true);
    expect($head.parent.type.name).toBe('kicker');
    expect($head.node(1).attrs['id']).toBe('a');
    expect(head(undone(r.state).doc, 'a')).toEqual(['headline:标题a']);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('adds an empty 副题 below the 主题; typing then goes into it', () => {
    const r = run(stateOf(doc), addHeadLine('a', 'subheadline'));
    expect(head(r.state.doc, 'a')).toEqual(['headline:标题a', 'subheadline:']);
    const typed = r.state.apply(r.state.tr.insertText('三万跑者齐聚黄龙'));
    expect(head(typed.doc, 'a')).toEqual(['headline:标题a', 'subheadline:三万跑者齐聚黄龙']);
    expect(block(typed.doc, 'a').check()).toBeUndefined();
  });

  it('gives the new line the lines its style takes on this page', () => {
    const styles = defaultStyleSheet();
    styles.paragraph.find((s) => s.name === 'kicker')!.lines = 3;
    const styled = schema.node('page', { settings: { ...settingsFromPreset('duikai'), styles } }, [story('a', { col: 0, line: 0, cols: 3, lines: 40 })]);
    const r = run(stateOf(styled), addHeadLine('a', 'kicker'));
    expect(block(r.state.doc, 'a').child(0).child(0).attrs).toMatchObject({ lines: 3, style: null, sizePt: null });
    // The built-in style: its 2 lines.
    expect(block(run(stateOf(doc), addHeadLine('a', 'kicker')).state.doc, 'a').child(0).child(0).attrs['lines']).toBe(2);
  });

  it('does not apply when the line is there already, the story has no head group, or there is no such story', () => {
    const state = stateOf(doc);
    expect(addHeadLine('f', 'kicker')(state)).toBe(false);
    expect(addHeadLine('f', 'subheadline')(state)).toBe(false);
    expect(addHeadLine('n', 'kicker')(state)).toBe(false);
    expect(addHeadLine('nope', 'kicker')(state)).toBe(false);
    expect(addHeadLine('a', 'kicker')(state)).toBe(true);
  });

  it('throws a RangeError for a line that is not optional', () => {
    expect(() => addHeadLine('a', 'headline' as never)).toThrow(RangeError);
    expect(() => removeHeadLine('a', 'byline' as never)).toThrow(/byline/);
  });
});

describe('removeHeadLine', () => {
  it('removes the 引题 with its text in one undo step; undo brings both back', () => {
    const r = run(stateOf(doc), removeHeadLine('f', 'kicker'));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(head(r.state.doc, 'f')).toEqual(['headline:马拉松鸣枪开跑', 'subheadline:三万跑者齐聚黄龙']);
    expect(undone(r.state).doc.eq(doc)).toBe(true);
  });

  it('removes the 副题 and leaves the others alone', () => {
    const r = run(stateOf(doc), removeHeadLine('f', 'subheadline'));
    expect(head(r.state.doc, 'f')).toEqual(['kicker:城市的节日', 'headline:马拉松鸣枪开跑']);
    expect(block(r.state.doc, 'a').eq(block(doc, 'a'))).toBe(true);
  });

  it('is never merged with the change before it', () => {
    const styled = run(stateOf(doc), setStoryPartStyle('f', 'kicker', { face: 'kai' }));
    const removed = run(styled.state, removeHeadLine('f', 'kicker'));
    expect(head(undone(removed.state).doc, 'f')[0]).toBe('kicker:城市的节日');
    expect(block(undone(removed.state).doc, 'f').child(0).child(0).attrs['face']).toBe('kai');
  });

  it('does not apply when the story has no such line or no head group', () => {
    const state = stateOf(doc);
    expect(removeHeadLine('a', 'kicker')(state)).toBe(false);
    expect(removeHeadLine('a', 'subheadline')(state)).toBe(false);
    expect(removeHeadLine('n', 'kicker')(state)).toBe(false);
  });
});

describe('hasHeadLine', () => {
  it('tell which optional lines a story has', () => {
    expect(hasHeadLine(doc, 'f', 'kicker')).toBe(true);
    expect(hasHeadLine(doc, 'a', 'subheadline')).toBe(false);
    expect(hasHeadLine(doc, 'n', 'kicker')).toBe(false);
  });
});
