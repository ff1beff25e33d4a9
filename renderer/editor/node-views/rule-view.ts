/**
 * A rule: a line of `weightPt` along the top (h) or the left (v) of its box,
 * solid, dashed, dotted, double (two lines of the weight a weight apart),
 * 文武线 thick-thin (the weight, then a third of it half the weight below or
 * right) or thin-thick. In the swatch's stand-in, so it prints in its ink.
 */
import type { Node } from 'prosemirror-model';
import type { NodeView } from 'prosemirror-view';
import { swatchBookFor } from '../../../shared/color/swatches';
import { swatchColor } from '../swatches';
import { placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { num, ptPx, str } from './view-context';

/** Rule styles the view draws; anything else draws solid. */
export const RULE_STYLES = ['solid', 'dashed', 'dotted', 'double', 'thick-thin', 'thin-thick'] as const;

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
    const raw = str(node, 'style', 'solid');
    const style = (RULE_STYLES as readonly string[]).includes(raw) ? raw : 'solid';
    const w = Math.min(12, Math.max(0.1, num(node, 'weightPt', 0.5)));
    const color = swatchColor(str(node, 'swatch', 'black'), 100, swatchBookFor(this.ctx.settings.edition.paperName));
    const thin = Math.max(0.25, w / 3);
    // [first line, gap, second line] in pt, across the rule.
    let lines: [number, number, number];
    let kind = 'solid';
    switch (style) {
      case 'double':
        lines = [w, w, w];
        break;
      case 'thick-thin':
        lines = [w, w / 2, thin];
        break;
      case 'thin-thick':
        lines = [thin, w / 2, w];
        break;
      default:
        lines = [w, 0, 0];
        kind = style;
    }
    this.dom.dataset['orientation'] = vertical ? 'v' : 'h';
    this.dom.dataset['style'] = style;
    const s = this.#line.style;
    const first = `${ptPx(lines[0])} ${kind} ${color}`;
    const second = lines[2] > 0 ? `${ptPx(lines[2])} solid ${color}` : '';
    const across = ptPx(lines[0] + lines[1] + lines[2]);
    s.borderTop = vertical ? '' : first;
    s.borderBottom = vertical ? '' : second;
    s.borderLeft = vertical ? first : '';
    s.borderRight = vertical ? second : '';
    s.height = vertical ? '' : across;
    s.width = vertical ? across : '';
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
