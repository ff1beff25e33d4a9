import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { blocksClash, boxInside, isTextWrap, storyHead } from '../../../shared/layout/text-wrap';
import { checkPage } from '../../../shared/model/check-page';
import { schema } from '../../../shared/model/schema';
import type { GridBox } from '../../../shared/page/geometry';
import { settingsFromPreset } from '../../../shared/page/settings';

/** A 3×60 story at (0, 10) with a 4-line head over `headCols` columns and a byline. */
function story(id = 'lead', headCols: number | null = null, box: GridBox = { col: 0, line: 10, cols: 3, lines: 60 }): Node {
  return schema.node('story', { id, ...box }, [
    schema.node('headgroup', { cols: headCols }, [schema.node('headline', { lines: 4 }, [schema.text('湘湖畔的新风景')])]),
    schema.node('byline', null, [schema.text('记者 张三')]),
    schema.node('body', null, [schema.node('paragraph', null, [schema.text('正文。')])]),
  ]);
}

function photo(box: GridBox, id = 'photo'): Node {
  return schema.node('photo', { id, ...box }, [schema.node('caption', null, [schema.text('湘湖')])]);
}

function page(...blocks: Node[]): Node {
  return schema.node('page', { settings: settingsFromPreset('duikai') }, blocks);
}

const warnings = (doc: Node) => checkPage(doc).filter((f) => f.level === 'warning').map((f) => f.message);

describe('text wraps', () => {
  it('reads the head: lines of the head group and byline, over its columns', () => {
    expect(storyHead(story(), 3)).toEqual({ cols: 3, lines: 5 });
    expect(storyHead(story('s', 2), 3)).toEqual({ cols: 2, lines: 5 });
  });

  it('takes a photo wholly inside a story, clear of its head, as a wrap', () => {
    const s = story();
    expect(isTextWrap(s, photo({ col: 1, line: 15, cols: 2, lines: 24 }))).toBe(true);
    // A U: the middle column, text on both sides.
    expect(isTextWrap(s, photo({ col: 1, line: 30, cols: 1, lines: 10 }))).toBe(true);
    // Two decks: across the whole story.
    expect(isTextWrap(s, photo({ col: 0, line: 30, cols: 3, lines: 10 }))).toBe(true);
    // Beside a head over two columns: the third column is free from the top.
    expect(isTextWrap(story('s', 2), photo({ col: 2, line: 10, cols: 1, lines: 10 }))).toBe(true);
  });

  it('does not take a block sticking out of the story, covering its head, or another story, as a wrap', () => {
    const s = story();
    expect(isTextWrap(s, photo({ col: 2, line: 15, cols: 2, lines: 10 }))).toBe(false);
    expect(isTextWrap(s, photo({ col: 0, line: 65, cols: 1, lines: 10 }))).toBe(false);
    expect(isTextWrap(s, photo({ col: 1, line: 12, cols: 1, lines: 10 }))).toBe(false);
    expect(isTextWrap(s, story('inner', null, { col: 1, line: 20, cols: 1, lines: 10 }))).toBe(false);
    // Only a story wraps.
    expect(isTextWrap(photo({ col: 0, line: 0, cols: 8, lines: 100 }), photo({ col: 1, line: 1, cols: 1, lines: 1 }, 'p2'))).toBe(false);
  });

  it('tells whether one box lies inside another', () => {
    expect(boxInside({ col: 1, line: 1, cols: 1, lines: 1 }, { col: 0, line: 0, cols: 2, lines: 2 })).toBe(true);
    expect(boxInside({ col: 1, line: 1, cols: 2, lines: 1 }, { col: 0, line: 0, cols: 2, lines: 2 })).toBe(false);
  });

  it('clashes only where blocks overlap and neither wraps the other', () => {
    const s = story();
    expect(blocksClash(s, photo({ col: 1, line: 15, cols: 2, lines: 24 }))).toBe(false);
    expect(blocksClash(photo({ col: 1, line: 15, cols: 2, lines: 24 }), s)).toBe(false);
    expect(blocksClash(s, photo({ col: 2, line: 15, cols: 2, lines: 24 }))).toBe(true);
    expect(blocksClash(s, photo({ col: 3, line: 15, cols: 2, lines: 24 }))).toBe(false);
  });
});

describe('checkPage and text wraps', () => {
  it('does not warn about a photo placed inside a story', () => {
    expect(warnings(page(story(), photo({ col: 1, line: 15, cols: 2, lines: 24 })))).toEqual([]);
    expect(warnings(page(photo({ col: 1, line: 30, cols: 1, lines: 10 }), story()))).toEqual([]);
  });

  it('warns on both when a photo merely overlaps a story, or covers its head', () => {
    expect(warnings(page(story(), photo({ col: 2, line: 15, cols: 2, lines: 24 })))).toEqual([
      'photo "photo" overlaps story "lead"',
      'story "lead" overlaps photo "photo"',
    ]);
    expect(warnings(page(story(), photo({ col: 0, line: 11, cols: 1, lines: 10 })))).toHaveLength(2);
  });

  it('warns about two photos inside one story that overlap each other', () => {
    const doc = page(story(), photo({ col: 1, line: 20, cols: 1, lines: 10 }, 'a'), photo({ col: 1, line: 25, cols: 2, lines: 10 }, 'b'));
    expect(warnings(doc)).toEqual(['photo "b" overlaps photo "a"', 'photo "a" overlaps photo "b"']);
  });
});
