/**
 * The NodeView of text blocks that have no other view: body paragraphs,
 * captions and credits. It renders them as their schema does (`p`,
 * `figcaption`, `p.bm-credit`) and sets the type of their paragraph style.
 */
import type { Node } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import type { ViewContext } from './view-context';
import { styleTextBlock } from '../../styles/apply-style';

const ELEMENT: Record<string, { tag: string; className?: string }> = {
  paragraph: { tag: 'p' },
  caption: { tag: 'figcaption' },
  credit: { tag: 'p', className: 'bm-credit' },
};

export class TextBlockView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  #node: Node;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
  ) {
    const el = ELEMENT[node.type.name];
    if (!el) throw new RangeError(`TextBlockView cannot render a ${node.type.name}`);
    this.#node = node;
    this.dom = document.createElement(el.tag);
    if (el.className) this.dom.className = el.className;
    this.contentDOM = this.dom;
    styleTextBlock(this.dom, node, ctx.settings);
  }

  update(node: Node): boolean {
    if (node.type !== this.#node.type) return false;
    // Typing changes the content, not the style: restyle only when the style changes.
    if (node.attrs['style'] !== this.#node.attrs['style']) styleTextBlock(this.dom, node, this.ctx.settings);
    this.#node = node;
    return true;
  }
}
