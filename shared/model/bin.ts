/**
 * The story bin of a page: the optional last child of the page node, holding
 * copy that belongs to the page but is not placed on it (see the `bin` node
 * in schema.ts). These helpers find the bin and what is in it; the commands
 * that move copy in and out are in `commands/bin-*.ts`.
 */
import { Fragment } from 'prosemirror-model';
import type { Node } from 'prosemirror-model';
import { asScope, isEdition } from '../edition/page-scope';
import type { PageScope } from '../edition/page-scope';

/** The bin node and its position before it in the page, or null when the page has none. */
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

/** The page's bin, or null. The schema keeps it the page's last child. */
export function findBin(where: Node | PageScope): FoundBin | null {
  const { page, start } = asScope(where);
  const last = page.lastChild;
  if (!last || last.type.name !== 'bin') return null;
  return { node: last, pos: start + page.content.size - last.nodeSize };
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
 * Every block id the page uses, placed or in the bin (given an edition, every
 * page's: ids are unique across the edition). Ids are unique across both, so
 * an item keeps its id when it is placed or put back.
 */
export function usedBlockIds(doc: Node): Set<string> {
  const used = new Set<string>();
  const add = (page: Node) =>
    page.forEach((node) => {
      if (node.type.name === 'bin') node.forEach((item) => used.add(String(item.attrs['id'] ?? '')));
      else used.add(String(node.attrs['id'] ?? ''));
    });
  if (isEdition(doc)) doc.forEach(add);
  else add(doc);
  used.delete('');
  return used;
}

/** Position at which a block is appended to the placed blocks: the end of the page, or just before its bin. */
export function placedEnd(where: Node | PageScope): number {
  const scope = asScope(where);
  return findBin(scope)?.pos ?? scope.start + scope.page.content.size;
}

/**
 * The page with an empty bin appended when it has none, so the editor always
 * has a bin to show and drop into. Pages without a bin stay valid; this only
 * gives them the (empty) bin they implicitly had.
 */
export function withBin(doc: Node): Node {
  if (findBin(doc)) return doc;
  const bin = doc.type.schema.nodes['bin'];
  if (!bin) throw new RangeError('the schema has no bin node');
  return doc.copy(doc.content.append(Fragment.from(bin.create())));
}
