import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import { binItems } from '../../../shared/model/bin';
import { addToBin } from '../../../shared/model/commands/bin-add';
import { placeFromBin } from '../../../shared/model/commands/bin-place';
import { findBlock } from '../../../shared/model/commands/blocks';
import { storyPlacementSize } from '../../../shared/copyfit/placement';
import { schema } from '../../../shared/model/schema';
import { styleLines, withStyleLines } from '../../../shared/model/style-lines';
import { defaultStyleSheet } from '../../../shared/model/styles';
import type { StyleSheet } from '../../../shared/model/styles';
import { intakeText } from '../../../shared/intake/intake';
import { draftToBlocks } from '../../../shared/intake/to-prosemirror';
import { settingsFromPreset } from '../../../shared/page/settings';
import { run, stateOf } from './commands/page-builder';

/** The built-in sheet with some styles taking other lines, and a named headline style 大标题 of 8 lines. */
function sheet(): StyleSheet {
  const s = defaultStyleSheet();
  const set = (name: string, lines: number) => (s.paragraph.find((p) => p.name === name)!.lines = lines);
  set('headline', 6);
  set('kicker', 3);
  set('subheadline', 1);
  set('byline', 2);
  set('crosshead', 3);
  s.paragraph.push({ ...s.paragraph.find((p) => p.name === 'headline')!, name: '大标题', lines: 8 });
  return s;
}

const settings = { ...settingsFromPreset('duikai'), styles: sheet() };

/** Lines of every part that takes lines, in document order: `type=lines`. */
function partLines(node: Node): string[] {
  const out: string[] = [];
  node.descendants((n) => {
    if (['kicker', 'headline', 'subheadline', 'byline', 'crosshead'].includes(n.type.name)) out.push(`${n.type.name}=${String(n.attrs['lines'])}`);
    return true;
  });
  return out;
}

/** A story as an importer makes it: every part at the schema's default lines. */
function imported(id: string, headlineStyle: string | null = null): Node {
  return schema.node('story', { id, col: 0, line: 0, cols: 2, lines: 20 }, [
    schema.node('headgroup', null, [
      schema.node('kicker', null, [schema.text('引题')]),
      schema.node('headline', { style: headlineStyle }, [schema.text('主题')]),
      schema.node('subheadline', null, [schema.text('副题')]),
    ]),
    schema.node('byline', null, [schema.text('记者 张三')]),
    schema.node('body', null, [
      schema.node('paragraph', null, [schema.text('正文。'.repeat(30))]),
      schema.node('crosshead', null, [schema.text('小标题')]),
      schema.node('paragraph', null, [schema.text('正文。'.repeat(30))]),
    ]),
  ]);
}

const pageWith = (...blocks: Node[]) => schema.node('page', { settings }, blocks);

describe('styleLines', () => {
  it('gives the lines of the named style, else of the type\'s default style; null for text that flows', () => {
    const s = sheet();
    expect(styleLines(s, 'headline')).toBe(6);
    expect(styleLines(s, 'headline', '大标题')).toBe(8);
    // A missing style, or one of another kind, falls back to the type's default.
    expect(styleLines(s, 'headline', 'nope')).toBe(6);
    expect(styleLines(s, 'headline', 'byline')).toBe(6);
    expect(styleLines(s, 'paragraph')).toBeNull();
    expect(styleLines(s, 'caption')).toBeNull();
  });
});

describe('withStyleLines', () => {
  it('sets every head line, byline and crosshead to its style\'s lines, and leaves the node alone when they are', () => {
    const story = imported('s', '大标题');
    expect(partLines(story)).toEqual(['kicker=2', 'headline=4', 'subheadline=2', 'byline=1', 'crosshead=2']);
    const styled = withStyleLines(story, sheet());
    expect(partLines(styled)).toEqual(['kicker=3', 'headline=8', 'subheadline=1', 'byline=2', 'crosshead=3']);
    expect(styled.textContent).toBe(story.textContent);
    styled.check();
    expect(withStyleLines(styled, sheet())).toBe(styled);
    expect(withStyleLines(story, defaultStyleSheet())).toBe(story);
  });

  it('with scope schema-default, keeps lines someone set', () => {
    const story = imported('s');
    const own = schema.node('story', story.attrs, [
      schema.node('headgroup', null, [schema.node('headline', { lines: 5 }, [schema.text('主题')])]),
      schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文')])]),
    ]);
    expect(partLines(withStyleLines(own, sheet(), 'schema-default'))).toEqual(['headline=5']);
    expect(partLines(withStyleLines(own, sheet()))).toEqual(['headline=6']);
  });
});

describe('new blocks take their style\'s lines', () => {
  it('addToBin: an imported story comes into the bin with the page\'s style lines, in one undo step', () => {
    const r = run(stateOf(schema.node('edition', null, [pageWith()])), addToBin([imported('x', '大标题')]));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    const item = binItems(r.state.doc)[0]!.node;
    expect(partLines(item)).toEqual(['kicker=3', 'headline=8', 'subheadline=1', 'byline=2', 'crosshead=3']);
  });

  it('placeFromBin: a bin item still at the schema defaults (an older import) goes onto the page with its style lines, its height counting them', () => {
    const doc = schema.node('edition', null, [pageWith(), schema.node('bin', null, [imported('old')])]);
    const r = run(stateOf(doc), placeFromBin('old', { col: 0, line: 0 }));
    const placed = findBlock(r.state.doc, 'old')!.node;
    expect(partLines(placed)).toEqual(['kicker=3', 'headline=6', 'subheadline=1', 'byline=2', 'crosshead=3']);
    // The head now takes 3 + 6 + 1 + 2 = 12 lines, 4 more than the defaults' 8: the default height counts them.
    expect(placed.attrs['lines']).toBe(storyPlacementSize(placed, settings.grid).lines);
    const before = run(
      stateOf(schema.node('edition', null, [schema.node('page', { settings: settingsFromPreset('duikai') }), schema.node('bin', null, [imported('old')])])),
      placeFromBin('old', { col: 0, line: 0 }),
    );
    const plain = findBlock(before.state.doc, 'old')!.node;
    expect(partLines(plain)).toEqual(['kicker=2', 'headline=4', 'subheadline=2', 'byline=1', 'crosshead=2']);
    expect(Number(placed.attrs['lines']) - Number(plain.attrs['lines'])).toBeGreaterThanOrEqual(4);
  });

  it('draftToBlocks: intake with the page\'s styles sizes the parts and the story by them', () => {
    const draft = intakeText('引题：城市的节日\n马拉松鸣枪开跑\n本报讯（记者 张三）三万名跑者从黄龙体育中心出发，沿途市民夹道欢迎。\n').stories[0]!;
    const builtin = draftToBlocks(draft).find((b) => b.type.name === 'story')!;
    const styled = draftToBlocks(draft, { styles: sheet() }).find((b) => b.type.name === 'story')!;
    expect(partLines(builtin)).toEqual(['kicker=2', 'headline=4']);
    expect(partLines(styled)).toEqual(['kicker=3', 'headline=6']);
    // The story's estimated height has the head's 3 more lines.
    expect(Number(styled.attrs['lines']) - Number(builtin.attrs['lines'])).toBe(3);
  });
});
