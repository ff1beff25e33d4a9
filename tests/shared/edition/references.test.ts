import { describe, expect, it } from 'vitest';
import { syncedEdition } from '../../../shared/edition/edition-sync';
import { deletePage, duplicatePage, insertPage, movePage } from '../../../shared/edition/page-moves';
import { jumpChains, jumpFromText, jumpToText, locateBlocks, teaserPageText, teaserReferences } from '../../../shared/edition/references';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import type { PageSettings } from '../../../shared/page/settings';
import { edition, masthead, page, sections, story, teaser } from './build';

/** Front page with a 导读 for "craft" and a lead jumping to page 3; 综合 with craft; 体育 with the lead's continuation. */
function sample() {
  return syncedEdition(
    edition([
      page('要闻', [masthead('mast', '今日8版'), teaser('guide', [['致敬 匠人', 'craft']]), story('lead', '共治共享', {}, 30)]),
      page('综合', [story('craft', '致敬匠人')]),
      page('体育', [story('lead-cont', '续题', { continues: 'lead' })]),
    ]),
  );
}

describe('edition references', () => {
  it('finds each block and the page it is on', () => {
    const blocks = locateBlocks(sample());
    expect(blocks.get('craft')).toMatchObject({ folio: 2, placed: true });
    expect(blocks.get('lead-cont')).toMatchObject({ folio: 3, placed: true });
  });

  it('points each 导读 item at the page its story is on', () => {
    const ed = sample();
    expect(teaserReferences(ed).map(({ folio, teaserId, index, text, story: s, headline, page: p, state }) => ({ folio, teaserId, index, text, story: s, headline, page: p, state }))).toEqual([
      { folio: 1, teaserId: 'guide', index: 0, text: '致敬 匠人', story: 'craft', headline: '致敬匠人', page: 2, state: 'ok' },
    ]);
    expect(teaserPageText(2)).toBe('详见第2版');
    // The stored page of the item follows (the renderer shows it today).
    expect(ed.child(0).child(1).child(0).attrs['page']).toBe('2');
  });

  it('gives the jump lines of a story continued on another page', () => {
    expect(jumpChains(sample())).toEqual({
      parts: [
        { blockId: 'lead', story: 'lead', folio: 1, from: null, to: 3 },
        { blockId: 'lead-cont', story: 'lead', folio: 3, from: 1, to: null },
      ],
      broken: [],
    });
    expect(jumpToText(3)).toBe('（下转第3版）');
    expect(jumpFromText(1)).toBe('（上接第1版）');
  });

  it('reports continuations that cannot be followed', () => {
    const ed = edition([page('要闻', [story('a', 'A', { continues: 'b' }), story('b', 'B', { continues: 'a' }, 20), story('c', 'C', { continues: 'gone' }, 40)])]);
    const { parts, broken } = jumpChains(ed);
    expect(parts).toEqual([]);
    expect(broken.map((b) => [b.blockId, b.reason]).sort()).toEqual([['a', 'cycle'], ['b', 'cycle'], ['c', 'missing']]);
  });
});

describe('page moves', () => {
  it('moves a page, renumbers every folio and updates every reference in one transform', () => {
    const tr = movePage(sample(), 2, 3);
    const ed = tr.doc;
    expect(sections(ed)).toEqual(['要闻', '体育', '综合']);
    const folios: number[] = [];
    ed.forEach((p) => folios.push((p.attrs['settings'] as PageSettings).edition.pageNumber));
    expect(folios).toEqual([1, 2, 3]);
    expect((ed.child(2).attrs['settings'] as PageSettings).edition.editionName).toBe('第三版');
    expect(teaserReferences(ed)[0]!.page).toBe(3);
    expect(ed.child(0).child(1).child(0).attrs['page']).toBe('3');
    expect(jumpChains(ed).parts.map((p) => [p.blockId, p.from, p.to])).toEqual([['lead', null, 2], ['lead-cont', 1, null]]);
    // The masthead counts pages: 3 now, whatever was typed.
    expect(ed.child(0).child(0).attrs['pagesToday']).toBe('今日3版');
  });

  it('moves to the front and back, and refuses pages that do not exist', () => {
    expect(sections(movePage(sample(), 3, 1).doc)).toEqual(['体育', '要闻', '综合']);
    expect(sections(movePage(sample(), 1, 3).doc)).toEqual(['综合', '体育', '要闻']);
    expect(movePage(sample(), 2, 2).steps).toHaveLength(0);
    expect(() => movePage(sample(), 0, 2)).toThrow(RangeError);
    expect(() => movePage(sample(), 1, 4)).toThrow(/to must be a page from 1 to 3/);
  });

  it('inserts and deletes pages, renumbering', () => {
    const ed = insertPage(sample(), 1, page('封面', [])).doc;
    expect(sections(ed)).toEqual(['封面', '要闻', '综合', '体育']);
    expect(teaserReferences(ed)[0]!.page).toBe(3);
    const gone = deletePage(sample(), 2).doc;
    expect(teaserReferences(gone)[0]).toMatchObject({ state: 'missing', page: null });
    expect(() => deletePage(edition([page('要闻', [])]), 1)).toThrow(RangeError);
  });
});

describe('duplicating a page', () => {
  it('copies a page after itself with fresh ids, cutting a continuation link out of the copy', () => {
    const ed = duplicatePage(sample(), 3).doc;
    expect(sections(ed)).toEqual(['要闻', '综合', '体育', '体育']);
    const ids: string[] = [];
    ed.child(3).forEach((b) => ids.push(String(b.attrs['id'])));
    expect(ids).toEqual(['lead-cont-2']);
    expect(ed.child(3).child(0).attrs['continues']).toBe('');
    expect(ed.child(3).attrs['status']).toBe('draft');
    // The original chain is intact, and nothing is broken.
    expect(jumpChains(ed).parts.map((p) => p.blockId)).toEqual(['lead', 'lead-cont']);
    expect(preflightEditionReferences(ed)).toEqual([]);
    // A copy of the front page: its 导读 still points at the same story.
    const front = duplicatePage(sample(), 1).doc;
    expect(teaserReferences(front).map((t) => [t.teaserId, t.page])).toEqual([['guide', 3], ['guide-2', 3]]);
  });
});

describe('preflight of edition references', () => {
  it('is clean when every reference resolves', () => {
    expect(preflightEditionReferences(sample())).toEqual([]);
  });

  it('names the 导读 item whose story was deleted or sent to the bin', () => {
    const deleted = edition([page('要闻', [teaser('guide', [['致敬 匠人', 'craft']])])]);
    expect(preflightEditionReferences(deleted)).toEqual([
      expect.objectContaining({ level: 'error', code: 'teaser-reference', page: 1, blockId: 'guide', message: '导读 item 1 “致敬 匠人” of "guide" points at story "craft", which is not in the edition (deleted)' }),
    ]);
    const binned = edition([page('要闻', [teaser('guide', [['致敬 匠人', 'craft']])])], [story('craft', '致敬匠人')]);
    expect(preflightEditionReferences(binned)[0]).toMatchObject({ level: 'error', message: expect.stringMatching(/in the story bin/), messageZh: expect.stringMatching(/稿件库/) });
    const unbound = edition([page('要闻', [teaser('guide', [['手填', '']])])]);
    expect(preflightEditionReferences(unbound)[0]).toMatchObject({ level: 'warning' });
  });
});
