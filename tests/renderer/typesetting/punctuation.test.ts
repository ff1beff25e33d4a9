import type { Node } from 'prosemirror-model';
import { EditorState } from 'prosemirror-state';
import { describe, expect, it } from 'vitest';
import { setPunctuationStyle } from '../../../shared/model/commands/page-settings';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import type { PunctuationStyle } from '../../../shared/page/settings';
import {
  kaimingHalfMarks,
  punctuationDecorations,
  punctuationPlugin,
  punctuationPluginKey,
  punctuationStyleOf,
} from '../../../renderer/typesetting/punctuation-plugin';

function page(style: PunctuationStyle, ...texts: string[]): Node {
  return schema.node('page', { settings: { ...settingsFromPreset('duikai'), punctuation: style } }, [
    schema.node('story', { id: 's1', cols: 2, lines: 20 }, [
      schema.node('byline', null, [schema.text('记者，甲')]),
      schema.node('body', null, texts.map((t) => schema.node('paragraph', null, [schema.text(t)]))),
    ]),
  ]);
}

const classesOf = (doc: Node) =>
  punctuationDecorations(doc)
    .find()
    .map((d) => [doc.textBetween(d.from, d.to), (d as unknown as { type: { attrs: { class: string } } }).type.attrs.class]);

describe('kaimingHalfMarks', () => {
  it('picks every mark but 。！？ and tells opening from closing', () => {
    expect(kaimingHalfMarks('甲，乙、丙；丁：“戊”（己）《庚》。辛！壬？')).toEqual([
      { at: 1, opening: false },
      { at: 3, opening: false },
      { at: 5, opening: false },
      { at: 7, opening: false },
      { at: 8, opening: true },
      { at: 10, opening: false },
      { at: 11, opening: true },
      { at: 13, opening: false },
      { at: 14, opening: true },
      { at: 16, opening: false },
    ]);
    expect(kaimingHalfMarks('甲。乙！丙？……——')).toEqual([]);
  });
});

describe('punctuationDecorations', () => {
  it('decorates nothing on a 全角式 page (and on settings from before the field)', () => {
    expect(classesOf(page('quanjiao', '甲，乙“丙”。'))).toEqual([]);
    const { punctuation: _dropped, ...old } = settingsFromPreset('duikai');
    const legacy = schema.node('page', { settings: old }, []);
    expect(punctuationStyleOf(legacy)).toBe('quanjiao');
  });

  it('decorates each half-width mark of the body text on a 开明式 page, one character each', () => {
    expect(classesOf(page('kaiming', '甲，乙“丙”。', '丁！'))).toEqual([
      ['，', 'bm-kaiming'],
      ['“', 'bm-kaiming bm-kaiming-open'],
      ['”', 'bm-kaiming'],
    ]);
  });

  it('follows the page setting through the command, both ways', () => {
    let state = EditorState.create({ doc: page('quanjiao', '甲，乙。'), plugins: [punctuationPlugin()] });
    expect(punctuationPluginKey.getState(state)!.find()).toHaveLength(0);
    setPunctuationStyle('kaiming')(state, (tr) => (state = state.apply(tr)));
    expect(punctuationPluginKey.getState(state)!.find()).toHaveLength(1);
    setPunctuationStyle('quanjiao')(state, (tr) => (state = state.apply(tr)));
    expect(punctuationPluginKey.getState(state)!.find()).toHaveLength(0);
  });
});
