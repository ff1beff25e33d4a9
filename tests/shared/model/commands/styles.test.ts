import type { Node } from 'prosemirror-model';
import { TextSelection } from 'prosemirror-state';
import type { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import {
  applyStyle,
  checkParagraphStyle,
  defineStyle,
  deleteStyle,
  renameStyle,
  styleUseCounts,
  toggleCharacterStyle,
  updateCharacterStyle,
  updateStyle,
} from '../../../../shared/model/commands/styles';
import { schema } from '../../../../shared/model/schema';
import { defaultStyleSheet, resolveType, styleSheetOf } from '../../../../shared/model/styles';
import type { ParagraphStyle } from '../../../../shared/model/styles';
import type { PageSettings } from '../../../../shared/page/settings';
import { b, page, run, stateOf, undone } from './page-builder';

function storyWith(id: string, line: number, head: Node[], body: Node[]): Node {
  return b.story({ id, col: 0, line, cols: 4, lines: 20 }, b.headgroup(...head), b.body(...body));
}

const h = (attrs: Record<string, unknown>, text: string) => schema.nodes['headline']!.create(attrs, schema.text(text));
const p = (text: string, attrs: Record<string, unknown> = {}) => schema.nodes['paragraph']!.create(attrs, schema.text(text));

/** Three stories: two plain headlines and one overriding its size. */
function threeStories(): EditorState {
  return stateOf(
    page(
      storyWith('a', 0, [h({}, '甲标题')], [p('甲正文。')]),
      storyWith('b', 20, [h({}, '乙标题')], [p('乙正文。'), p('乙第二段。')]),
      storyWith('c', 40, [h({ sizePt: 42 }, '丙标题')], [p('丙正文。')]),
    ),
  );
}

function nodesOf(doc: Node, type: string): Node[] {
  const out: Node[] = [];
  doc.descendants((n) => {
    if (n.type.name === type) out.push(n);
    return true;
  });
  return out;
}

const settingsOf = (s: EditorState) => s.doc.attrs['settings'] as PageSettings;
const sizes = (s: EditorState) => nodesOf(s.doc, 'headline').map((n) => resolveType(n, settingsOf(s)).sizePt);

/** Selects from the start of the text `from` to the end of the text `to`. */
function select(state: EditorState, from: string, to = from): EditorState {
  let a = -1;
  let z = -1;
  state.doc.descendants((n, pos) => {
    if (!n.isText) return true;
    const i = n.text!.indexOf(from);
    if (a < 0 && i >= 0) a = pos + i;
    const j = n.text!.indexOf(to);
    if (j >= 0) z = pos + j + to.length;
    return false;
  });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, a, z)));
}

describe('style commands', () => {
  it('updateStyle restyles every use in one transaction and one undo step; overrides stay', () => {
    const state = threeStories();
    expect(sizes(state)).toEqual([26, 26, 42]);
    const r = run(state, updateStyle('headline', { sizePt: 36 }));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(sizes(r.state)).toEqual([36, 36, 42]);
    expect(settingsOf(r.state).styles?.paragraph.find((s) => s.name === 'headline')?.sizePt).toBe(36);
    expect(sizes(undone(r.state))).toEqual([26, 26, 42]);
    expect(settingsOf(undone(r.state)).styles).toBeUndefined();
  });

  it('updateStyle moves the lines of the blocks that follow the style, and drops overrides it makes redundant', () => {
    const state = stateOf(page(storyWith('a', 0, [h({}, '甲')], [p('正文。')]), storyWith('b', 20, [h({ lines: 6, sizePt: 30 }, '乙')], [p('正文。')])));
    const r = run(state, updateStyle('headline', { lines: 3, sizePt: 30 }));
    const heads = nodesOf(r.state.doc, 'headline');
    expect(heads.map((n) => n.attrs['lines'])).toEqual([3, 6]);
    expect(heads.map((n) => n.attrs['sizePt'])).toEqual([null, null]);
  });

  it('refuses a body style that is not grid-true, and lines on a flowing style', () => {
    expect(() => updateStyle('body', { sizePt: 12 })(threeStories())).toThrow(RangeError);
    expect(() => updateStyle('body', { scaleX: 90 })(threeStories())).toThrow(/grid/);
    expect(checkParagraphStyle({ ...defaultStyleSheet().paragraph[3]!, lines: 2 }).ok).toBe(false);
    expect(checkParagraphStyle({ ...defaultStyleSheet().paragraph[6]!, lines: null }).ok).toBe(false);
    // Face, indent and alignment of body are free.
    expect(run(threeStories(), updateStyle('body', { face: 'kai', indentChars: 0 })).ok).toBe(true);
    expect(run(threeStories(), updateStyle('headline', { sizePt: 26 })).ok).toBe(false);
    expect(run(threeStories(), updateStyle('nope', { sizePt: 26 })).ok).toBe(false);
  });

  const second: ParagraphStyle = { ...defaultStyleSheet().paragraph.find((s) => s.name === 'headline')!, name: '二条主题', sizePt: 22, lines: 3 };

  it('defineStyle adds a style once; applyStyle sets it on the selected heads, clearing overrides and taking its lines', () => {
    let state = run(threeStories(), defineStyle(second)).state;
    expect(run(state, defineStyle(second)).ok).toBe(false);
    state = select(state, '乙标题', '丙正文');
    const r = run(state, applyStyle('二条主题'));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    const heads = nodesOf(r.state.doc, 'headline');
    expect(heads.map((n) => n.attrs['style'])).toEqual([null, '二条主题', '二条主题']);
    expect(heads.map((n) => n.attrs['lines'])).toEqual([4, 3, 3]);
    expect(sizes(r.state)).toEqual([26, 22, 22]);
    // Paragraphs in the range are not heads: untouched.
    expect(nodesOf(r.state.doc, 'paragraph').every((n) => n.attrs['style'] === null)).toBe(true);
    expect(styleUseCounts(r.state.doc).get('二条主题')).toBe(2);
  });

  it('applyStyle turns paragraphs into crossheads and back; false where the style fits nothing', () => {
    const state = select(threeStories(), '乙第二段');
    const r = run(state, applyStyle('crosshead'));
    expect(r.ok).toBe(true);
    const ch = nodesOf(r.state.doc, 'crosshead');
    expect(ch.map((n) => [n.textContent, n.attrs['lines'], n.attrs['style']])).toEqual([['乙第二段。', 2, null]]);
    const back = run(select(r.state, '乙第二段'), applyStyle('body'));
    expect(nodesOf(back.state.doc, 'crosshead')).toHaveLength(0);
    expect(back.state.doc.eq(state.doc)).toBe(true);
    expect(run(select(threeStories(), '甲正文'), applyStyle('headline')).ok).toBe(false);
    expect(run(threeStories(), applyStyle('nope')).ok).toBe(false);
  });

  it('renameStyle renames a defined style and its uses; built-ins keep their names', () => {
    let state = run(threeStories(), defineStyle(second)).state;
    state = run(select(state, '甲标题'), applyStyle('二条主题')).state;
    const r = run(state, renameStyle('二条主题', '次主题'));
    expect(r.ok).toBe(true);
    expect(nodesOf(r.state.doc, 'headline')[0]!.attrs['style']).toBe('次主题');
    expect(resolveType(nodesOf(r.state.doc, 'headline')[0]!, settingsOf(r.state)).sizePt).toBe(22);
    expect(run(state, renameStyle('headline', '主题')).ok).toBe(false);
    expect(run(state, renameStyle('二条主题', 'headline')).ok).toBe(false);
    expect(() => renameStyle('二条主题', '')(state)).toThrow(RangeError);
  });

  it('deleteStyle refuses a used built-in, deletes an unused one, and sends uses of a deleted style back to the default', () => {
    expect(run(threeStories(), deleteStyle('headline')).ok).toBe(false);
    const noCaptions = run(threeStories(), deleteStyle('caption'));
    expect(noCaptions.ok).toBe(true);
    expect(styleSheetOf(settingsOf(noCaptions.state)).paragraph.some((s) => s.name === 'caption')).toBe(false);
    let state = run(threeStories(), defineStyle(second)).state;
    state = run(select(state, '甲标题'), applyStyle('二条主题')).state;
    const r = run(state, deleteStyle('二条主题'));
    expect(r.ok).toBe(true);
    const head = nodesOf(r.state.doc, 'headline')[0]!;
    expect(head.attrs).toMatchObject({ style: null, lines: 4 });
    expect(undone(r.state).doc.eq(state.doc)).toBe(true);
  });

  it('character styles: toggled as marks; updating one changes the sheet in one step', () => {
    const state = select(threeStories(), '甲正文');
    const r = run(state, toggleCharacterStyle('emphasis'));
    expect(r.ok).toBe(true);
    const text = nodesOf(r.state.doc, 'paragraph')[0]!.firstChild!;
    expect(text.marks.map((m) => m.type.name)).toEqual(['emphasis_dots']);
    const u = run(r.state, updateCharacterStyle('strong', { face: 'hei', weight: 900 }));
    expect(u.trs).toHaveLength(1);
    expect(styleSheetOf(settingsOf(u.state)).character.find((s) => s.name === 'strong')).toMatchObject({ face: 'hei', weight: 900 });
    expect(run(state, toggleCharacterStyle('nope')).ok).toBe(false);
  });
});
