/**
 * The body paragraphs of a page: the text blocks Chinese composition
 * applies to (story → body → paragraph), with their document positions.
 */
import type { Node } from 'prosemirror-model';

export interface BodyParagraph {
  /** Position before the paragraph; its text starts at `pos + 1`. */
  pos: number;
  node: Node;
}

/** Every body paragraph of `doc`, in document order. */
export function bodyParagraphs(doc: Node): BodyParagraph[] {
  const out: BodyParagraph[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'paragraph') {
      out.push({ pos, node });
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
