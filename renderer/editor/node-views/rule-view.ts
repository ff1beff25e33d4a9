/** A rule: a line of `weightPt` along the top (h) or the left (v) of its box. */
import type { Node } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import { swatchColor } from '../swatches';
import { placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { num, ptPx, str } from './view-context';

const STYLES = new Set(['solid', 'dashed', 'dotted', 'double']);

export class RuleView implements NodeView {
  readonly dom: HTMLElement;
  readonly #line: HTMLElement;
  #node: Node;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
  ) {
    this.#node = node;
    this.dom = document.createElement('div');
    this.dom.className = 'bm-rule';
    this.dom.contentEditable = 'false';
    this.#line = document.createElement('div');
    this.#line.className = 'bm-rule-line';
    this.dom.appendChild(this.#line);
    this.render();
  }

  private render(): void {
    const node = this.#node;
    placeBlock(this.dom, node, this.ctx);
    const vertical = str(node, 'orientation', 'h') === 'v';
    const style = STYLES.has(str(node, 'style')) ? str(node, 'style') : 'solid';
    const border = `${ptPx(Math.max(0.1, num(node, 'weightPt', 0.5)))} ${style} ${swatchColor(str(node, 'swatch', 'black'))}`;
    this.dom.dataset['orientation'] = vertical ? 'v' : 'h';
    const s = this.#line.style;
    s.borderTop = vertical ? '' : border;
    s.borderLeft = vertical ? border : '';
  }

  update(node: Node): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.render();
    return true;
  }

  ignoreMutation(): boolean {
    return true;
  }
}
