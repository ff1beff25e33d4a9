/** The story bin is the edition's: copy placed from it can go on any page, and comes back from any page. */
import { describe, expect, it } from 'vitest';
import type { Node } from 'prosemirror-model';
import type { NodeSelection} from 'prosemirror-state';
import { EditorState, Plugin } from 'prosemirror-state';
import { history } from 'prosemirror-history';
import { syncedEdition } from '../../../../shared/edition/edition-sync';
import { activePageKey, pageCount } from '../../../../shared/edition/page-scope';
import { locateBlocks, teaserReferences } from '../../../../shared/edition/references';
import { binItems, findBin } from '../../../../shared/model/bin';
import { addToBin } from '../../../../shared/model/commands/bin-add';
import { placeFromBin } from '../../../../shared/model/commands/bin-place';
import { removeToBin } from '../../../../shared/model/commands/bin-remove';
import { preflightEditionReferences } from '../../../../shared/preflight/edition-references';
import { edition, page, story, teaser } from '../../edition/build';
import { run, undone } from './page-builder';

/** A state showing page `index` (the active-page plugin's state, as the renderer keeps it). */
function stateOn(doc: Node, index: number): EditorState {
  const active = new Plugin({ key: activePageKey, state: { init: () => ({ index }), apply: (_tr, v: { index: number }) => v } });
  return EditorState.create({ doc, plugins: [history(), active] });
}

function idsOn(doc: Node, index: number): string[] {
  const ids: string[] = [];
  doc.child(index).forEach((n) => ids.push(String(n.attrs['id'])));
  return ids;
}

function binIds(doc: Node): string[] {
  return binItems(doc).map((i) => String(i.node.attrs['id']));
}

/** Four pages; page 1 holds a 导读 item pointing at the binned story `feature`. */
function fourPages(): Node {
  return syncedEdition(
    edition(
      [
        page('要闻', [story('lead', '头条'), teaser('guide', [['匠人 致敬', 'feature']])]),
        page('综合', [story('two', '二版稿', {}, 20)]),
        page('综合', [story('three', '三版稿', {}, 20)]),
        page('体育', [story('four', '四版稿', {}, 20)]),
      ],
      [story('feature', '致敬匠人'), story('brief', '简讯')],
    ),
  );
}

describe('the edition\'s story bin', () => {
  it('places a story from the edition bin onto page 3, as one undo step that undo takes back whole', () => {
    const doc = fourPages();
    const r = run(stateOn(doc, 2), placeFromBin('feature', { col: 4, line: 40 }));
    expect(r.ok).toBe(true);
    expect(r.trs).toHaveLength(1);
    expect(idsOn(r.state.doc, 2)).toEqual(['three', 'feature']);
    for (const i of [0, 1, 3]) expect(idsOn(r.state.doc, i)).toEqual(idsOn(doc, i));
    expect(binIds(r.state.doc)).toEqual(['brief']);
    expect(pageCount(r.state.doc)).toBe(4);
    expect((r.state.selection as NodeSelection).node.attrs['id']).toBe('feature');
    const back = undone(r.state);
    expect(back.doc.eq(doc)).toBe(true);
  });

  it('lists the same bin whatever page is shown, and places onto whichever page that is', () => {
    const doc = fourPages();
    expect(binIds(doc)).toEqual(['feature', 'brief']);
    const onTwo = run(stateOn(doc, 1), placeFromBin('brief', { col: 0, line: 60 }));
    expect(idsOn(onTwo.state.doc, 1)).toEqual(['two', 'brief']);
    const onFour = run(stateOn(onTwo.state.doc, 3), placeFromBin('feature', { col: 0, line: 60 }));
    expect(idsOn(onFour.state.doc, 3)).toEqual(['four', 'feature']);
    expect(findBin(onFour.state.doc)?.node.childCount).toBe(0);
  });

  it('sends a block back to the bin from any page, whatever page is shown, and it can go on another page', () => {
    const doc = fourPages();
    const removed = run(stateOn(doc, 0), removeToBin(['three']));
    expect(removed.ok).toBe(true);
    expect(idsOn(removed.state.doc, 2)).toEqual([]);
    expect(binIds(removed.state.doc)).toEqual(['feature', 'brief', 'three']);
    const placed = run(stateOn(removed.state.doc, 1), placeFromBin('three', { col: 4, line: 0 }));
    expect(idsOn(placed.state.doc, 1)).toEqual(['two', 'three']);
    expect(undone(removed.state).doc.eq(doc)).toBe(true);
  });

  it('imports into the edition bin, not into the page shown', () => {
    const doc = fourPages();
    const r = run(stateOn(doc, 3), addToBin([story('new', '新稿')]));
    expect(r.ok).toBe(true);
    expect(idsOn(r.state.doc, 3)).toEqual(['four']);
    expect(binIds(r.state.doc)).toEqual(['feature', 'brief', 'new']);
    // Ids are unique across the edition: an import naming a placed block gets a fresh id.
    const again = run(r.state, addToBin([story('lead', '又一稿')]));
    expect(binIds(again.state.doc)).toEqual(['feature', 'brief', 'new', 'lead-2']);
  });

  it('keeps a 导读 item pointing into the bin "binned" (a preflight error) until its story is placed, then names that page', () => {
    const doc = fourPages();
    const before = teaserReferences(doc);
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ story: 'feature', state: 'binned', page: null, headline: '致敬匠人' });
    expect(locateBlocks(doc).get('feature')).toMatchObject({ placed: false, folio: 0 });
    expect(preflightEditionReferences(doc).map((f) => f.message)).toEqual([expect.stringMatching(/in the story bin/)]);
    const placed = run(stateOn(doc, 2), placeFromBin('feature', { col: 4, line: 40 })).state.doc;
    expect(teaserReferences(placed)[0]).toMatchObject({ state: 'ok', page: 3 });
    expect(preflightEditionReferences(placed)).toEqual([]);
    const item = syncedEdition(placed).nodeAt(teaserReferences(placed)[0]!.pos);
    expect(item?.attrs['page']).toBe('3');
  });
});
