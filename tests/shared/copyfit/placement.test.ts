import { describe, expect, it } from 'vitest';
import { measureStory, placementSize, storyPlacementSize } from '../../../shared/copyfit/placement';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';

const duikai = settingsFromPreset('duikai').grid;
const sikai = settingsFromPreset('sikai').grid;

function story(paragraphs: string[], cols = 2, headline = '标题') {
  return schema.node('story', { id: 's', cols }, [
    schema.node('headgroup', null, [schema.node('headline', null, [schema.text(headline)])]),
    schema.node('body', null, paragraphs.map((p) => schema.node('paragraph', null, p ? [schema.text(p)] : []))),
  ]);
}

describe('measureStory', () => {
  it('counts body characters and the lines they need one column wide', () => {
    // 24 Han characters + 2 indent = 26 em: exactly two 13-character lines; 11 + 2 = 13 one more.
    const s = story(['一'.repeat(24), '二'.repeat(11)]);
    expect(measureStory(s, duikai)).toEqual({ chars: 35, columnLines: 3, headLines: 4 });
    // A 四开 column is 11 characters: 26/11 → 3 lines, 13/11 → 2.
    expect(measureStory(s, sikai).columnLines).toBe(5);
  });
});

describe('storyPlacementSize', () => {
  it('spreads the galley over the preferred columns under the head', () => {
    const s = story(['字'.repeat(24 * 10)]);
    // 242 em / 13 = 19 lines (greedy), over 2 columns = 10, + 4 head lines.
    expect(storyPlacementSize(s, duikai)).toEqual({ cols: 2, lines: 4 + Math.ceil(measureStory(s, duikai).columnLines / 2) });
  });

  it('widens a story that would be taller than the page, and never exceeds the grid', () => {
    const long = story(['字'.repeat(13 * 400)], 1);
    const size = storyPlacementSize(long, duikai);
    expect(size.cols).toBeGreaterThan(1);
    expect(size.lines).toBeLessThanOrEqual(duikai.lines);
    const huge = story(['字'.repeat(13 * 2000)], 1);
    expect(storyPlacementSize(huge, duikai)).toEqual({ cols: 8, lines: 120 });
  });

  it('keeps the span of other blocks, limited to the grid', () => {
    const photo = schema.node('photo', { id: 'p', cols: 12, lines: 0 }, [schema.node('caption')]);
    expect(placementSize(photo, duikai)).toEqual({ cols: 8, lines: 1 });
  });
});
