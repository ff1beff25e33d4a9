/**
 * A rule: a line of `weightPt` along the top (h) or the left (v) of its box,
 * solid, dashed, dotted, double (two lines of the weight a weight apart),
 * 文武线 thick-thin (the weight, then a third of it half the weight below or
 * right) or thin-thick. In the swatch's stand-in, so it prints in its ink.
 */
import type { Node } from 'prosemirror-model';
import type { Decoration, NodeView } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { swatchBookFor } from '../../../shared/color/swatches';
import { swatchColor } from '../swatches';
import { blockBox } from '../../../shared/model/check-page';
import { gridBoxRect } from '../../../shared/page/geometry';
import { placeBlock } from './block-frame';
import { ruleDepth, ruleImage } from './frame-art';
import type { RuleArtStyle } from './frame-art';
import type { ViewContext } from './view-context';
import { num, px, str } from './view-context';

/** Rule styles the view draws; anything else draws solid. */
export const RULE_STYLES = ['solid', 'dashed', 'dotted', 'double', 'thick-thin', 'thin-thick'] as const;

export class RuleView implements NodeView {
  readonly dom: HTMLElement;
  readonly #line: HTMLElement;
  #node: Node;
  /** What a boxed story around the rule takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
    decorations: readonly Decoration[] = [],
  ) {
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
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
    placeBlock(this.dom, node, this.ctx, this.#insets);
    const vertical = str(node, 'orientation', 'h') === 'v';
    const raw = str(node, 'style', 'solid');
    const style = ((RULE_STYLES as readonly string[]).includes(raw) ? raw : 'solid') as RuleArtStyle;
    const w = (Math.min(12, Math.max(0.1, num(node, 'weightPt', 0.5))) * 4) / 3;
    const color = swatchColor(str(node, 'swatch', 'black'), 100, swatchBookFor(this.ctx.settings.edition.paperName));
    const box = gridBoxRect(this.ctx.metrics, blockBox(node));
    // Inside a boxed story the rule keeps to the box's inset (shared/layout/box-wrap.ts).
    const e = this.#insets ?? { left: 0, top: 0, right: 0, bottom: 0 };
    const length = Math.max(0, vertical ? box.height - e.top - e.bottom : box.width - e.left - e.right);
    const depth = ruleDepth(style, w);
    this.dom.dataset['orientation'] = vertical ? 'v' : 'h';
    this.dom.dataset['style'] = style;
    // An SVG, not borders: Chromium snaps border widths to device pixels (frame-art.ts).
    const s = this.#line.style;
    s.backgroundImage = ruleImage(style, length, w, color, vertical);
    s.width = px(vertical ? depth : length);
    s.height = px(vertical ? length : depth);
  }

  update(node: Node, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.#node.type) return false;
    this.#node = node;
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
    return true;
  }

  ignoreMutation(): boolean {
    return true;
  }
}
