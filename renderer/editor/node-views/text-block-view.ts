/**
 * The NodeView of text blocks that have no other view: body paragraphs,
 * captions and credits. It renders them as their schema does (`p`,
 * `figcaption`, `p.bm-credit`) and sets the type of their paragraph style.
 */
import type { Node } from 'prosemirror-model';
import { styleTextBlock } from '../../styles/apply-style';
import { BaseView } from './base-view';
import type { ViewContext } from './view-context';

const ELEMENT: Record<string, { tag: string; className: string }> = {
  paragraph: { tag: 'p', className: '' },
  caption: { tag: 'figcaption', className: '' },
  credit: { tag: 'p', className: 'bm-credit' },
};

export class TextBlockView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    const el = ELEMENT[node.type.name];
    if (!el) throw new RangeError(`TextBlockView cannot render a ${node.type.name}`);
    super(node, ctx, { ...el, content: 'self' });
    this.render();
  }

  protected render(): void {
    styleTextBlock(this.dom, this.node, this.ctx.settings);
    this.#runFlags();
  }

  // Typing changes the content, not the style: restyle only when the style changes.
  protected override redraw(before: Node): void {
    if (this.node.attrs['style'] !== before.attrs['style']) this.render();
    else if (this.node.attrs['runIn'] !== before.attrs['runIn'] || this.node.attrs['runOn'] !== before.attrs['runOn']) this.#runFlags();
  }

  /** A paragraph cut at a 转版 part boundary (decision 0030): page.css sets its two pieces as one paragraph. */
  #runFlags(): void {
    for (const [attr, key] of [['runIn', 'runIn'], ['runOn', 'runOn']] as const) {
      if (this.node.attrs[attr] === true) this.dom.dataset[key] = '';
      else delete this.dom.dataset[key];
    }
  }
}
