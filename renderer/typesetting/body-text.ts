/**
 * The body paragraphs of a page: the text blocks Chinese composition
 * applies to (story → body → paragraph), with their document positions, and
 * the text blocks a transaction changed (the passes redo only those).
 */
import type { Node } from 'prosemirror-model';
import { asScope, isEdition } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';
import type { Transaction } from 'prosemirror-state';

export interface BodyParagraph {
  /** Position before the paragraph; its text starts at `pos + 1`. */
  pos: number;
  node: Node;
}

/** Every body paragraph of the page (a page document, or the active page's scope), in document order, at document positions. */
export function bodyParagraphs(where: Node | PageScope): BodyParagraph[] {
  const { page, start } = asScope(where);
  const out: BodyParagraph[] = [];
  page.descendants((node, pos) => {
    if (node.type.name === 'paragraph') {
      out.push({ pos: start + pos, node });
      return false;
    }
    // Only stories on the page hold bodies; skip every other block (and the bin).
    return node.type.name === 'story' || node.type.name === 'body';
  });
  return out;
}

/**
 * The paragraph's text with one character per inline leaf (U+FFFC), so that
 * string offsets are document offsets from `pos + 1`.
 */
export function paragraphText(node: Node): string {
  let text = '';
  node.forEach((child) => {
    text += child.isText ? child.text! : '\uFFFC';
  });
  return text;
}

/**
 * Whether the node at `pos` of `doc` is a body paragraph (as {@link bodyParagraphs} finds them): in the
 * body of a story that is a block of a page (the document itself, or a page of an edition).
 */
export function isBodyParagraph(doc: Node, pos: number): boolean {
  const $pos = doc.resolve(pos);
  const storyDepth = isEdition(doc) ? 2 : 1;
  return (
    $pos.depth === storyDepth + 1 &&
    $pos.parent.type.name === 'body' &&
    $pos.node(storyDepth).type.name === 'story' &&
    doc.nodeAt(pos)?.type.name === 'paragraph'
  );
}

/** Positions of the text blocks a transaction changed, in the new document. */
export function changedTextblocks(tr: Transaction): number[] {
  const out: number[] = [];
  tr.mapping.maps.forEach((map, i) => {
    const rest = tr.mapping.slice(i + 1);
    map.forEach((_oldStart, _oldEnd, newStart, newEnd) => {
      const from = rest.map(newStart, -1);
      const to = rest.map(newEnd, 1);
      tr.doc.nodesBetween(Math.max(0, from - 1), Math.min(tr.doc.content.size, to + 1), (node, pos) => {
        if (node.isTextblock) {
          if (out.at(-1) !== pos) out.push(pos);
          return false;
        }
        return true;
      });
    });
  });
  return out;
}
