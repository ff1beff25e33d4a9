/**
 * A section label (今日视点, 导读, 大美萧山): a solid red box with reversed
 * text, an outlined box, or plain text; set vertically (竖排) when asked, with
 * digits kept upright (横中竖).
 */
import type { Node } from 'prosemirror-model';
import type { Decoration } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { styleTextBlock } from '../../styles/apply-style';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { BaseView } from './base-view';
import { placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { str } from './view-context';

export class LabelView extends BaseView {
  declare readonly contentDOM: HTMLElement;
  /** What a boxed story around the label takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(node: Node, ctx: ViewContext, decorations: readonly Decoration[] = []) {
    // The class is set by render: it follows the variant.
    super(node, ctx, { tag: 'div', className: '', content: { inner: 'bm-label-text' } });
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
  }

  protected render(): void {
    const node = this.node;
    const variant = str(node, 'variant', 'solid');
    this.dom.className = `bm-label bm-label-${['solid', 'outline', 'plain'].includes(variant) ? variant : 'solid'}`;
    this.dom.classList.toggle('bm-vertical', node.attrs['vertical'] === true);
    this.dom.dataset['swatch'] = str(node, 'swatch', 'red');
    placeBlock(this.dom, node, this.ctx, this.#insets);
    styleTextBlock(this.contentDOM, node, this.ctx.settings);
  }

  protected override redraw(_before: Node, decorations: readonly Decoration[]): void {
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
  }
}
