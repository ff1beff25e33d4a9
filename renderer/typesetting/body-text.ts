/**
 * The body paragraphs of a page: the text blocks Chinese composition
 * applies to (story → body → paragraph), with their document positions.
 */
import type { Node } from 'prosemirror-model';
import { asScope } from '../../shared/edition/page-scope';
import type { PageScope } from '../../shared/edition/page-scope';

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
