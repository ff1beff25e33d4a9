/**
 * A section label (今日视点, 导读, 大美萧山): a solid red box with reversed
 * text, an outlined box, or plain text; set vertically (竖排) when asked, with
 * digits kept upright (横中竖).
 */
import type { Node } from 'prosemirror-model';
import type { Decoration, NodeView, ViewMutationRecord } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { styleTextBlock } from '../../styles/apply-style';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { ignoreOwnMutation, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { str } from './view-context';

export class LabelView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  #node: Node;
  /** What a boxed story around the label takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
    decorations: readonly Decoration[] = [],
  ) {
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
    this.dom = document.createElement('div');
    this.contentDOM = document.createElement('div');
    this.contentDOM.className = 'bm-label-text';
    this.dom.appendChild(this.contentDOM);
    this.render();
  }

  private render(): void {
    const node = this.#node;
    const variant = str(node, 'variant', 'solid');
    this.dom.className = `bm-label bm-label-${['solid', 'outline', 'plain'].includes(variant) ? variant : 'solid'}`;
    this.dom.classList.toggle('bm-vertical', node.attrs['vertical'] === true);
    this.dom.dataset['swatch'] = str(node, 'swatch', 'red');
    placeBlock(this.dom, node, this.ctx, this.#insets);
    styleTextBlock(this.contentDOM, node, this.ctx.settings);
  }

  update(node: Node, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
    return true;
  }

  ignoreMutation(m: ViewMutationRecord): boolean {
    return ignoreOwnMutation(this.contentDOM, m);
  }
}
