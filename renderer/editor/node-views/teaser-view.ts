/** 导读: a list of teaser items, each pointing to a page; boxed and tinted like a story when asked. */
import type { Node } from 'prosemirror-model';
import { BaseView } from './base-view';
import { paintBox, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { str } from './view-context';

export class TeaserView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, { tag: 'nav', className: 'bm-teaser', content: 'self' });
    this.render();
  }

  protected render(): void {
    placeBlock(this.dom, this.node, this.ctx);
    paintBox(this.dom, this.node, this.ctx);
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
