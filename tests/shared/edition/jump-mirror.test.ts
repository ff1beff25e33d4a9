/** The 转版 jump-line mirror: each story's `jumpTo` / `jumpFrom`, written by syncEdition and kept right by page moves. */
import type { Node } from 'prosemirror-model';
import { describe, expect, it } from 'vitest';
import { estimateStoryFit } from '../../../shared/copyfit/story-fit';
import { syncedEdition } from '../../../shared/edition/edition-sync';
import { deletePage, duplicatePage, movePage } from '../../../shared/edition/page-moves';
import { locateBlocks } from '../../../shared/edition/references';
import type { PageSettings } from '../../../shared/page/settings';
import { edition, page, story } from './build';

/** Page 1 holds the lead, page 3 its continuation, page 4 a second continuation; page 2 a story of its own. */
function sample(): Node {
  return syncedEdition(
    edition([
      page('要闻', [story('lead', '共治共享', {}, 30)]),
      page('综合', [story('craft', '致敬匠人')]),
      page('体育', [story('lead-2', '续一', { continues: 'lead' })]),
      page('文体', [story('lead-3', '续二', { continues: 'lead-2' })]),
    ]),
  );
}

/** `[jumpFrom, jumpTo]` of every story by id. */
function jumps(ed: Node): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const [id, place] of locateBlocks(ed)) if (place.node.type.name === 'story') out[id] = [place.node.attrs['jumpFrom'], place.node.attrs['jumpTo']];
  return out;
}

describe('jump-line mirror', () => {
  it('writes the folio each part continues on and comes from', () => {
    expect(jumps(sample())).toEqual({ lead: [null, 3], craft: [null, null], 'lead-2': [1, 4], 'lead-3': [3, null] });
  });

  it('overwrites typed or stale values, and clears them on a story in no chain', () => {
    const typed = edition([page('要闻', [story('a', 'A', { jumpTo: 7, jumpFrom: 2 })]), page('综合', [story('b', 'B', { continues: 'gone', jumpFrom: 1 })])]);
    expect(jumps(syncedEdition(typed))).toEqual({ a: [null, null], b: [null, null] });
  });

  it('follows a page move in the same transform', () => {
    const tr = movePage(sample(), 3, 2);
    expect(jumps(tr.doc)).toEqual({ lead: [null, 2], craft: [null, null], 'lead-2': [1, 4], 'lead-3': [2, null] });
    const back = movePage(tr.doc, 1, 4).doc;
    expect(jumps(back)).toEqual({ lead: [null, 1], craft: [null, null], 'lead-2': [4, 3], 'lead-3': [1, null] });
    // Stable: syncing again changes nothing.
    expect(syncedEdition(back)).toBe(back);
  });

  it('follows deletes and duplicates', () => {
    expect(jumps(deletePage(sample(), 3).doc)).toMatchObject({ lead: [null, null], 'lead-3': [null, null] });
    const dup = duplicatePage(sample(), 3).doc;
    expect(jumps(dup)['lead-2-2']).toEqual([null, null]);
    expect(jumps(dup)['lead-3']).toEqual([3, null]);
  });

  it('counts each jump line as a galley line in the copyfit estimate', () => {
    const ed = sample();
    const grid = (ed.child(0).attrs['settings'] as PageSettings).grid;
    const needed = (id: string) => estimateStoryFit(locateBlocks(ed).get(id)!.node, grid).neededLines;
    const plain = estimateStoryFit(story('lead', '共治共享', {}, 30), grid).neededLines;
    expect(needed('lead')).toBe(plain + 1);
    expect(needed('lead-2')).toBe(estimateStoryFit(story('lead-2', '续一'), grid).neededLines + 2);
  });
});
