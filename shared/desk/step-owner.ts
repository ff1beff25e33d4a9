/**
 * What a step touches, for the desk's rules: the text of one block (a story,
 * label, teaser …: a node of the schema's `block` group) or the layout
 * (geometry, structure, settings). Works on any document of our schema: an
 * edition (a block is a page's child, depth 2: shared/edition/page-scope.ts
 * `blockDepth`), or a single page a desk from before editions stored (depth
 * 1). Only the `block` group and the `id` attribute matter: a page is not a
 * block, so a step inside a page but outside its blocks, or across pages, is
 * layout (docs/decisions/0028-desk-serves-the-edition.md).
 */
import type { Node, ResolvedPos } from 'prosemirror-model';
import type { Step } from 'prosemirror-transform';
import { AddNodeMarkStep, AttrStep, DocAttrStep, RemoveNodeMarkStep } from 'prosemirror-transform';

/**
 * `text`: the step changes only what is inside one block (its text, marks,
 * paragraph styles) — subject to check-out. `layout`: anything else (moving,
 * resizing, placing, deleting blocks, page settings) — the layout role's.
 */
export type StepOwner = { kind: 'text'; block: string } | { kind: 'layout' };

const LAYOUT: StepOwner = { kind: 'layout' };

function isBlock(node: Node): boolean {
  return node.type.isInGroup('block') && typeof node.attrs['id'] === 'string';
}

/** The block whose content holds all of `from`…`to` (positions in `doc`), or null. */
function blockAround($from: ResolvedPos, to: number): Node | null {
  for (let d = 1; d <= $from.depth; d++) {
    const node = $from.node(d);
    if (!isBlock(node)) continue;
    // The range must lie inside this block's content, not cover its boundary.
    return to <= $from.end(d) ? node : null;
  }
  return null;
}

/** What `step` touches when applied to `doc` (the document before it). */
export function stepOwner(step: Step, doc: Node): StepOwner {
  if (step instanceof DocAttrStep) return LAYOUT;
  if (step instanceof AttrStep || step instanceof AddNodeMarkStep || step instanceof RemoveNodeMarkStep) {
    const pos = step.pos;
    if (pos < 0 || pos >= doc.content.size) return LAYOUT;
    const node = doc.nodeAt(pos);
    if (!node || isBlock(node)) return LAYOUT;
    const block = blockAround(doc.resolve(pos), pos + node.nodeSize);
    return block ? { kind: 'text', block: block.attrs['id'] as string } : LAYOUT;
  }
  // Replace, ReplaceAround, AddMark, RemoveMark: all have from/to.
  const { from, to } = step as unknown as { from?: unknown; to?: unknown };
  if (typeof from !== 'number' || typeof to !== 'number' || from < 0 || to > doc.content.size || from > to) return LAYOUT;
  const block = blockAround(doc.resolve(from), to);
  return block ? { kind: 'text', block: block.attrs['id'] as string } : LAYOUT;
}
