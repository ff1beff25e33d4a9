/** 导读: a list of teaser items, each pointing to a page; boxed and tinted like a story when asked. */
import type { Node } from 'prosemirror-model';
import type { Decoration } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { BaseView } from './base-view';
import { paintBox, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { str } from './view-context';

export class TeaserView extends BaseView {
  /** What a boxed story around the 导读 box takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(node: Node, ctx: ViewContext, decorations: readonly Decoration[] = []) {
    super(node, ctx, { tag: 'nav', className: 'bm-teaser', content: 'self' });
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
  }

  protected render(): void {
    placeBlock(this.dom, this.node, this.ctx, this.#insets);
    paintBox(this.dom, this.node, this.ctx, this.#insets);
  }

  protected override redraw(_before: Node, decorations: readonly Decoration[]): void {
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
  }
}

/** One teaser line; its page number is shown after the text (`详见第3版`) by CSS. */
export class TeaserItemView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, { tag: 'p', className: 'bm-teaser-item', content: 'self' });
    this.render();
  }

  protected render(): void {
    const page = str(this.node, 'page');
    if (page) this.dom.dataset['page'] = page;
    else delete this.dom.dataset['page'];
  }
}
