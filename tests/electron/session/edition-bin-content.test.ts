/**
 * The edition's story bin across the host boundary (docs/decisions/0031):
 * what the renderer sends is the edition's children (pages, then the bin);
 * saving and journalling keep the bin, printing gets the pages alone, and a
 * page move through the CLI's path keeps the bin whole.
 */
import { describe, expect, it } from 'vitest';
import { checkPages } from '../../../electron/node/session/session-store';
import { contentOfEdition, editionOfFile } from '../../../electron/node/storage/edition-file';
import { editionChildrenJson, editionPagesJson, splitEditionJson } from '../../../shared/edition/edition-children';
import { movePage } from '../../../shared/edition/page-moves';
import { binItems } from '../../../shared/model/bin';
import { edition, page, story } from '../../shared/edition/build';

const doc = edition([page('要闻', [story('a', '一版稿')]), page('综合', [story('b', '二版稿')])], [story('x', '待用稿')]);

describe('the edition bin across the host boundary', () => {
  it('checks pages and bin the renderer sent: pages alone to print, pages and bin to save', () => {
    const children = editionChildrenJson(doc);
    expect(children).toHaveLength(3);
    const checked = checkPages(children);
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.pages).toEqual(editionPagesJson(doc));
    expect(checked.value.pages).toHaveLength(2);
    expect(checked.value.children).toEqual(children);
    // A bin with furniture in it is refused like a bad page.
    const bad = [...children.slice(0, 2), { type: 'bin', content: [{ type: 'rule', attrs: { id: 'r' } }] }];
    expect(checkPages(bad).ok).toBe(false);
  });

  it('moves a page and saves the bin with the pages, untouched', () => {
    const file = editionOfFile({ pages: editionChildrenJson(doc) });
    if (!file.ok) throw new Error(file.error.message);
    const moved = movePage(file.value, 2, 1).doc;
    const content = contentOfEdition(moved, []);
    const { pages, bin } = splitEditionJson(content.pages);
    expect(pages.map((p) => (p as { attrs: { section: string } }).attrs.section)).toEqual(['综合', '要闻']);
    expect(bin).toEqual(editionChildrenJson(doc)[2]);
    expect(binItems(moved).map((i) => i.node.attrs['id'])).toEqual(['x']);
  });
});
