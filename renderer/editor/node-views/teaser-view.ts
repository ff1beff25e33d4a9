/** 导读: a list of teaser items, each pointing to a page; boxed and tinted like a story when asked. */
import type { Node } from 'prosemirror-model';
import type { Decoration, NodeView, ViewMutationRecord } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { ignoreOwnMutation, paintBox, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { str } from './view-context';

export class TeaserView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  #node: Node;
  /** What a boxed story around the 导读 box takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
    decorations: readonly Decoration[] = [],
  ) {
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
    this.dom = document.createElement('nav');
    this.dom.className = 'bm-teaser';
    this.contentDOM = this.dom;
    placeBlock(this.dom, node, ctx, this.#insets);
    paintBox(this.dom, node, ctx, this.#insets);
  }

  update(node: Node, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
    placeBlock(this.dom, node, this.ctx, this.#insets);
    paintBox(this.dom, node, this.ctx, this.#insets);
    return true;
  }

  ignoreMutation(m: ViewMutationRecord): boolean {
    return ignoreOwnMutation(this.contentDOM, m);
  }
}

/** One teaser line; its page number is shown after the text (`3版`) by CSS. */
export class TeaserItemView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  #node: Node;

  constructor(node: Node) {
    this.#node = node;
    this.dom = document.createElement('p');
    this.dom.className = 'bm-teaser-item';
    this.contentDOM = this.dom;
    this.render();
  }

  private render(): void {
    const page = str(this.#node, 'page');
    if (page) this.dom.dataset['page'] = page;
    else delete this.dom.dataset['page'];
  }

  update(node: Node): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.render();
    return true;
  }

  ignoreMutation(m: ViewMutationRecord): boolean {
    return ignoreOwnMutation(this.contentDOM, m);
  }
}
