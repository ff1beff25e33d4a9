/**
 * What the bin lists for each item: a title, characters, and the lines a
 * story needs at the page's column width (copyfit estimate). Cached per node:
 * nodes are immutable, so an unchanged item is never measured twice.
 */
import type { Node } from 'prosemirror-model';
import { measureStory, placementSize } from '../../shared/copyfit/placement';
import type { PlacementSize } from '../../shared/copyfit/placement';
import { withStyleLines } from '../../shared/model/style-lines';
import { styleSheetOf } from '../../shared/model/styles';
import type { PageSettings } from '../../shared/page/settings';

export interface BinItemInfo {
  id: string;
  kind: string;
  title: string;
  chars: number;
  /** Lines at one column width; null for blocks that are not stories. */
  columnLines: number | null;
  /** The size the item gets when dropped on the page. */
  size: PlacementSize;
}

const cache = new WeakMap<Node, { settings: PageSettings; info: BinItemInfo }>();

function firstText(node: Node, type: string): string {
  let text = '';
  node.descendants((child) => {
    if (text !== '') return false;
    if (child.type.name === type) text = child.textContent.trim();
    return text === '';
  });
  return text;
}

function titleOf(node: Node): string {
  const headline = firstText(node, 'headline');
  if (headline) return headline;
  if (node.type.name === 'photo') return firstText(node, 'caption') || String(node.attrs['alt'] ?? '');
  const text = node.textContent.trim();
  return [...text].length > 20 ? `${[...text].slice(0, 20).join('')}…` : text;
}

/**
 * What the bin shows of `node` on a page with `settings`. The size is the one
 * placing it gives (bin-place.ts): parts still at the schema's default lines
 * counted at their style's lines.
 */
export function binItemInfo(node: Node, settings: PageSettings): BinItemInfo {
  const hit = cache.get(node);
  if (hit && hit.settings === settings) return hit.info;
  const grid = settings.grid;
  const isStory = node.type.name === 'story';
  const measure = isStory ? measureStory(node, grid) : null;
  const info: BinItemInfo = {
    id: String(node.attrs['id'] ?? ''),
    kind: node.type.name,
    title: titleOf(node),
    chars: measure ? measure.chars : [...node.textContent].length,
    columnLines: measure ? measure.columnLines : null,
    size: placementSize(withStyleLines(node, styleSheetOf(settings), 'schema-default'), grid),
  };
  cache.set(node, { settings, info });
  return info;
}
