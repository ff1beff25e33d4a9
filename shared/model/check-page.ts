/**
 * Semantic checks of a page that the schema cannot express: blocks inside
 * the grid, unique ids, overlapping blocks (a warning on both). A block placed
 * inside a story as a text wrap (a photo the text flows around) is intended
 * and not an overlap. What is in the story bin is not placed, so only its ids
 * are checked (unique across the page and the bin).
 */
import type { Node } from 'prosemirror-model';
import { blocksClash } from '../layout/text-wrap';
import { boxInsideGrid } from '../page/geometry';
import type { GridBox } from '../page/geometry';
import type { PageSettings } from '../page/settings';
import { isBlockKind } from './schema';
import { styleFindings } from './styles-check';
import type { Finding } from './validation';

/** The grid box of a block node. */
export function blockBox(node: Node): GridBox {
  const { col, line, cols, lines } = node.attrs as GridBox;
  return { col, line, cols, lines };
}

function describe(node: Node): string {
  const id = String(node.attrs['id'] ?? '');
  return `${node.type.name} "${id}"`;
}

export function checkPage(doc: Node): Finding[] {
  const findings: Finding[] = [];
  const settings = doc.attrs['settings'] as PageSettings;
  const seen = new Set<string>();
  const placed: { node: Node; box: GridBox }[] = [];

  const checkId = (node: Node, where: string): string => {
    const id = String(node.attrs['id'] ?? '');
    if (id === '') {
      findings.push({ level: 'error', message: `${node.type.name} at ${where} has no id` });
    } else if (seen.has(id)) {
      findings.push({ level: 'error', message: `duplicate block id "${id}"`, blockId: id });
    }
    seen.add(id);
    return id;
  };

  doc.forEach((node, _offset, index) => {
    if (!isBlockKind(node.type.name)) {
      findings.push({ level: 'error', message: `child ${index} of the page is a ${node.type.name}, not a block` });
      return;
    }
    const id = checkId(node, `index ${index}`);
    const box = blockBox(node);
    const ints = [box.col, box.line, box.cols, box.lines].every((v) => Number.isInteger(v));
    if (!ints) {
      findings.push({ level: 'error', message: `${describe(node)} is not on whole grid units`, blockId: id });
      return;
    }
    if (!boxInsideGrid(settings.grid, box)) {
      findings.push({
        level: 'error',
        message: `${describe(node)} (col ${box.col}, line ${box.line}, ${box.cols}×${box.lines}) lies outside the ${settings.grid.columns}×${settings.grid.lines} grid`,
        blockId: id,
      });
    }
    for (const other of placed) {
      if (blocksClash(node, other.node)) {
        const otherId = String(other.node.attrs['id']);
        findings.push({ level: 'warning', message: `${describe(node)} overlaps ${describe(other.node)}`, blockId: id });
        findings.push({ level: 'warning', message: `${describe(other.node)} overlaps ${describe(node)}`, blockId: otherId });
      }
    }
    placed.push({ node, box });
  });
  // Text naming a style the page lacks (a hand-edited or merged file).
  findings.push(...styleFindings(doc));
  return findings;
}
