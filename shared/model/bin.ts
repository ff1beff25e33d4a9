/**
 * The story bin of an edition: the optional last child of the edition node,
 * after its pages, holding copy not placed on any page (see the `bin` node in
 * schema.ts; docs/decisions/0031-edition-story-bin.md). These helpers find
 * the bin and what is in it; the commands that move copy in and out are in
 * `commands/bin-*.ts`. A document that is a single page (print mode, the
 * CLI) has no bin.
 */
import { Fragment } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { forEachPage, isEdition } from '../edition/page-scope';
import type { PageScope } from '../edition/page-scope';

/** The bin node and its position before it in the edition, or null when there is none. */
export interface FoundBin {
  node: Node;
  pos: number;
}

/** One item of the bin: the node and its absolute position before it. */
export interface BinItem {
  node: Node;
  /** Index among the bin's children. */
  index: number;
  pos: number;
}

function docOf(where: Node | PageScope): Node {
  return 'start' in where && 'page' in where ? where.doc : where;
}

/** The edition's bin (given the edition or a scope of one of its pages), or null. The schema keeps it the edition's last child. */
export function findBin(where: Node | PageScope): FoundBin | null {
  const doc = docOf(where);
  if (!isEdition(doc)) return null;
  const last = doc.lastChild;
  if (!last || last.type.name !== 'bin') return null;
  return { node: last, pos: doc.content.size - last.nodeSize };
}

/** Everything in the bin, in bin order (empty when there is no bin). */
export function binItems(where: Node | PageScope): BinItem[] {
  const bin = findBin(where);
  if (!bin) return [];
  const out: BinItem[] = [];
  bin.node.forEach((node, offset, index) => out.push({ node, index, pos: bin.pos + 1 + offset }));
  return out;
}

/** The bin item with this id, or null (the empty id matches nothing). */
export function findBinItem(where: Node | PageScope, id: string): BinItem | null {
  if (id === '') return null;
  return binItems(where).find((item) => item.node.attrs['id'] === id) ?? null;
}

/**
 * Every block id the document uses: placed on any page or in the bin. Ids
 * are unique across the edition, so an item keeps its id when it is placed
 * or put back.
 */
export function usedBlockIds(doc: Node): Set<string> {
  const used = new Set<string>();
  const add = (page: Node) => page.forEach((node) => used.add(String(node.attrs['id'] ?? '')));
  if (isEdition(doc)) {
    forEachPage(doc, add);
    for (const item of binItems(doc)) used.add(String(item.node.attrs['id'] ?? ''));
  } else add(doc);
  used.delete('');
  return used;
}

/** Position at which a block is appended to the placed blocks of a page: the end of the page. */
export function placedEnd(where: Node | PageScope): number {
  const scope = 'start' in where && 'page' in where ? where : { start: 0, page: where };
  return scope.start + scope.page.content.size;
}

/**
 * The edition with an empty bin appended when it has none, so the editor
 * always has a bin to show and drop into. Editions without a bin stay
 * valid; this only gives them the (empty) bin they implicitly had. A page
 * document is returned as it is.
 */
export function withBin(doc: Node): Node {
  if (!isEdition(doc) || findBin(doc)) return doc;
  const bin = doc.type.schema.nodes['bin'];
  if (!bin) throw new RangeError('the schema has no bin node');
  return doc.copy(doc.content.append(Fragment.from(bin.create())));
}
