/**
 * The grid lines new text blocks take: what their paragraph style says, not
 * the schema's default. A head line, byline or crosshead stores its `lines`
 * as a number (geometry, see styles.ts); a block made outside the page (copy
 * intake, a bin item from an older file) or a part added to a story must get
 * the value of the style it uses on this page, or a page whose 主题 style
 * takes 6 lines would get a 4-line headline from every import.
 */
import type { Node } from 'prosemirror-model';
import { Fragment } from 'prosemirror-model';
import type { StyledNodeType, StyleSheet } from './styles';
import { hasLinesAttr, isStyledNodeType, styleFor } from './styles';

/**
 * Grid lines a node of `type` using style `style` (null: its type's default
 * style) takes under `sheet`; null for types that flow on the grid.
 */
export function styleLines(sheet: StyleSheet, type: StyledNodeType, style: unknown = null): number | null {
  return hasLinesAttr(type) ? styleFor(sheet, type, style).lines : null;
}

/** Which text blocks {@link withStyleLines} rewrites. */
export type StyleLinesScope = 'all' | 'schema-default';

function rewrite(node: Node, sheet: StyleSheet, scope: StyleLinesScope): Node {
  const type = node.type.name;
  if (isStyledNodeType(type)) {
    const lines = styleLines(sheet, type, node.attrs['style']);
    if (lines === null || node.attrs['lines'] === lines) return node;
    if (scope === 'schema-default' && node.attrs['lines'] !== node.type.spec.attrs?.['lines']?.default) return node;
    return node.type.create({ ...node.attrs, lines }, node.content, node.marks);
  }
  if (node.isLeaf || node.isTextblock) return node;
  let changed = false;
  const children: Node[] = [];
  node.forEach((child) => {
    const next = rewrite(child, sheet, scope);
    if (next !== child) changed = true;
    children.push(next);
  });
  return changed ? node.type.create(node.attrs, Fragment.from(children), node.marks) : node;
}

/**
 * `node` (a block: story, photo, label, teaser) with every head line,
 * byline and crosshead in it taking the lines its style says under `sheet`.
 * With `scope` `schema-default`, only those still at their schema default
 * (blocks nobody sized: an import, a bin item written before styles had
 * lines) change. Returns `node` itself when nothing changes; shares
 * untouched subtrees.
 */
export function withStyleLines(node: Node, sheet: StyleSheet, scope: StyleLinesScope = 'all'): Node {
  return rewrite(node, sheet, scope);
}
