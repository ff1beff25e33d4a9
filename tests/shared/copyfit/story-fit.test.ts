import { describe, expect, it } from 'vitest';
import { schema } from '../../../shared/model/schema';
import { settingsFromPreset } from '../../../shared/page/settings';
import { estimateStoryFit, storyHeadLines } from '../../../shared/copyfit/story-fit';

const { grid } = settingsFromPreset('duikai');

function story(attrs: Record<string, unknown>, paragraphs: string[]) {
  return schema.node('story', { id: 's', col: 0, line: 0, ...attrs }, [
    schema.node('headgroup', null, [schema.node('headline', { lines: 4 }, [schema.text('标题')])]),
    schema.node('byline', { lines: 1 }, [schema.text('记者 某某')]),
    schema.node(
      'body',
      null,
      [schema.node('crosshead', { lines: 2 }, [schema.text('小标题')]), ...paragraphs.map((p) => schema.node('paragraph', null, [schema.text(p)]))],
    ),
  ]);
}

describe('estimateStoryFit', () => {
  it('counts head and byline lines off the top of the box', () => {
    expect(storyHeadLines(story({ cols: 2, lines: 20 }, ['一']))).toBe(5);
  });

  it('reports spare lines when the body fits', () => {
    // 2 columns × (20 − 5) lines = 30; needed: crosshead 2 + 26 Han chars at 13 (3 lines).
    const fit = estimateStoryFit(story({ cols: 2, lines: 20 }, ['一'.repeat(26)]), grid);
    expect(fit).toMatchObject({ headLines: 5, bodyLines: 15, textColumns: 2, lineChars: 13, neededLines: 5, capacityLines: 30 });
    expect(fit.spareLines).toBe(25);
  });

  it('reports overset lines as negative spare lines', () => {
    const fit = estimateStoryFit(story({ cols: 1, lines: 8 }, ['一'.repeat(13 * 5)]), grid);
    expect(fit.capacityLines).toBe(3);
    expect(fit.neededLines).toBe(2 + 6);
    expect(fit.spareLines).toBe(-5);
  });

  it('uses wider text columns when a story sets fewer text columns than grid columns', () => {
    const fit = estimateStoryFit(story({ cols: 3, lines: 10, textColumns: 2 }, ['一'.repeat(38)]), grid);
    expect(fit.lineChars).toBe(20);
    expect(fit.neededLines).toBe(2 + 2);
    expect(fit.capacityLines).toBe(10);
  });

  it('refuses a node that is not a story', () => {
    expect(() => estimateStoryFit(schema.node('rule', { id: 'r' }), grid)).toThrow(RangeError);
  });
});
