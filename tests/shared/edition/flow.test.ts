/**
 * 转版 flow as a transform (shared/edition/flow.ts): pushing a part's tail to
 * the next part's head and pulling it back keeps every character once, cuts
 * a paragraph into a runOn and a runIn piece, joins them on the way back, and
 * works whichever page comes first in the document.
 */
import type { Node } from 'prosemirror-model';
import { Transform } from 'prosemirror-transform';
import { describe, expect, it } from 'vitest';
import { chainParagraphs, partBody, pullHead, pushTail, tidyRunFlags } from '../../../shared/edition/flow';
import { locateBlocks } from '../../../shared/edition/references';
import { schema } from '../../../shared/model/schema';
import { edition, page } from './build';

function part(id: string, paragraphs: (string | { text: string; runIn?: boolean; runOn?: boolean })[], continues = ''): Node {
  return schema.node('story', { id, col: 0, line: 0, cols: 2, lines: 10, continues }, [
    schema.node('headgroup', null, [schema.node('headline', null, [schema.text(id)])]),
    schema.node(
      'body',
      null,
      paragraphs.map((p) => {
        const { text, ...flags } = typeof p === 'string' ? { text: p } : p;
        return schema.node('paragraph', flags, text ? [schema.text(text)] : []);
      }),
    ),
  ]);
}

const pos = (doc: Node, id: string): number => locateBlocks(doc).get(id)!.pos;
const bodies = (doc: Node, ids: string[]): Node[] => ids.map((id) => partBody(doc, pos(doc, id))!.node);
const texts = (doc: Node, id: string) => {
  const out: { text: string; runIn: boolean; runOn: boolean }[] = [];
  bodies(doc, [id])[0]!.forEach((p) => out.push({ text: p.textContent, runIn: p.attrs['runIn'] === true, runOn: p.attrs['runOn'] === true }));
  return out;
};
/** The document position of character `offset` of paragraph `index` of a part's body. */
function at(doc: Node, id: string, index: number, offset: number): number {
  const body = partBody(doc, pos(doc, id))!;
  let p = body.pos + 1;
  for (let i = 0; i < index; i++) p += body.node.child(i).nodeSize;
  return p + 1 + offset;
}

const A = ['甲段一二三四五', '乙段六七八九十', '丙段十一十二'];
const B = ['丁段后文', '戊段后文'];

function twoPages(headFirst = true): Node {
  const head = page('要闻', [part('lead', A)]);
  const cont = page('综合', [part('lead-2', B, 'lead')]);
  return edition(headFirst ? [head, cont] : [cont, head]);
}

describe('pushTail', () => {
  it('cuts a paragraph: the piece left runs on, the piece moved runs in, and the chain reads the same', () => {
    const doc = twoPages();
    const tr = new Transform(doc);
    const cut = at(doc, 'lead', 1, 3);
    const move = pushTail(tr, pos(doc, 'lead'), cut, pos(doc, 'lead-2'));
    expect(move?.chars).toBe(4 + 6);
    tr.doc.check();
    expect(texts(tr.doc, 'lead')).toEqual([
      { text: '甲段一二三四五', runIn: false, runOn: false },
      { text: '乙段六', runIn: false, runOn: true },
    ]);
    expect(texts(tr.doc, 'lead-2').map((p) => [p.text, p.runIn, p.runOn])).toEqual([
      ['七八九十', true, false],
      ['丙段十一十二', false, false],
      ['丁段后文', false, false],
      ['戊段后文', false, false],
    ]);
    expect(chainParagraphs(bodies(tr.doc, ['lead', 'lead-2']))).toEqual(chainParagraphs(bodies(doc, ['lead', 'lead-2'])));
    // A position in the moved text follows it to the other page.
    const inside = at(doc, 'lead', 2, 2);
    expect(tr.doc.textBetween(move!.relocate(inside), move!.relocate(inside) + 2)).toBe('十一');
  });

  it('pushes more of a paragraph already cut: the moved piece joins the piece that runs in', () => {
    const doc = twoPages();
    const tr = new Transform(doc);
    pushTail(tr, pos(doc, 'lead'), at(doc, 'lead', 1, 5), pos(doc, 'lead-2'));
    const mid = tr.doc;
    pushTail(tr, pos(mid, 'lead'), at(mid, 'lead', 1, 2), pos(mid, 'lead-2'));
    tr.doc.check();
    expect(texts(tr.doc, 'lead').map((p) => p.text)).toEqual(['甲段一二三四五', '乙段']);
    expect(texts(tr.doc, 'lead-2')[0]).toEqual({ text: '六七八九十', runIn: true, runOn: false });
    expect(chainParagraphs(bodies(tr.doc, ['lead', 'lead-2']))).toEqual([...A, ...B]);
  });

  it('moves whole paragraphs when the cut is at a paragraph start, and works when the continuation comes first', () => {
    const doc = twoPages(false);
    const tr = new Transform(doc);
    const move = pushTail(tr, pos(doc, 'lead'), at(doc, 'lead', 2, 0) - 1, pos(doc, 'lead-2'));
    expect(move?.chars).toBe(6);
    tr.doc.check();
    expect(texts(tr.doc, 'lead').map((p) => p.text)).toEqual(['甲段一二三四五', '乙段六七八九十']);
    expect(texts(tr.doc, 'lead-2').map((p) => p.text)).toEqual(['丙段十一十二', ...B]);
    expect(texts(tr.doc, 'lead-2').every((p) => !p.runIn && !p.runOn)).toBe(true);
  });

  it('refuses a cut that would empty the part or move nothing', () => {
    const doc = twoPages();
    const tr = new Transform(doc);
    expect(pushTail(tr, pos(doc, 'lead'), at(doc, 'lead', 0, 0), pos(doc, 'lead-2'))).toBeNull();
    expect(pushTail(tr, pos(doc, 'lead'), at(doc, 'lead', 2, 6) + 1, pos(doc, 'lead-2'))).toBeNull();
    expect(tr.steps).toHaveLength(0);
  });
});

describe('pullHead', () => {
  it('pulls back a piece that runs in: the paragraph is whole again, and push then pull gives the document back', () => {
    const doc = twoPages();
    const tr = new Transform(doc);
    pushTail(tr, pos(doc, 'lead'), at(doc, 'lead', 1, 3), pos(doc, 'lead-2'));
    const mid = tr.doc;
    pullHead(tr, pos(mid, 'lead'), pos(mid, 'lead-2'));
    const next = tr.doc;
    pullHead(tr, pos(next, 'lead'), pos(next, 'lead-2'));
    tr.doc.check();
    expect(tr.doc.eq(doc)).toBe(true);
  });

  it('pulls a whole paragraph after the last one, and leaves an empty paragraph in a part it empties', () => {
    const doc = edition([page('要闻', [part('lead', ['甲'])]), page('综合', [part('lead-2', ['乙'], 'lead')])]);
    const tr = new Transform(doc);
    const move = pullHead(tr, pos(doc, 'lead'), pos(doc, 'lead-2'));
    tr.doc.check();
    expect(move?.chars).toBe(1);
    expect(texts(tr.doc, 'lead').map((p) => p.text)).toEqual(['甲', '乙']);
    expect(texts(tr.doc, 'lead-2').map((p) => p.text)).toEqual(['']);
    expect(tr.doc.textBetween(move!.relocate(move!.from + 1), move!.relocate(move!.from + 1) + 1)).toBe('乙');
    expect(pullHead(tr, pos(tr.doc, 'lead'), pos(tr.doc, 'lead-2'))).toBeNull();
  });
});

describe('tidyRunFlags', () => {
  it('keeps runIn on a continuation’s first paragraph and runOn on a part’s last only', () => {
    const doc = edition([
      page('要闻', [
        part('lead', [
          { text: '甲', runIn: true, runOn: true },
          { text: '乙', runOn: true },
        ]),
      ]),
    ]);
    const tr = new Transform(doc);
    expect(tidyRunFlags(tr, pos(doc, 'lead'), false, true)).toBe(true);
    expect(texts(tr.doc, 'lead')).toEqual([
      { text: '甲', runIn: false, runOn: false },
      { text: '乙', runIn: false, runOn: true },
    ]);
    expect(tidyRunFlags(tr, pos(tr.doc, 'lead'), false, true)).toBe(false);
  });
});
