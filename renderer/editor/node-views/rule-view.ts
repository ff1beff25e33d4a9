/**
 * A rule: a line of `weightPt` along the top (h) or the left (v) of its box,
 * solid, dashed, dotted, double (two lines of the weight a weight apart),
 * 文武线 thick-thin (the weight, then a third of it half the weight below or
 * right) or thin-thick. In the swatch's stand-in, so it prints in its ink.
 */
import type { Node } from 'prosemirror-model';
import type { Decoration } from 'prosemirror-view';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { boxInsetsFromDecorations } from '../shape/box-wrap-plugin';
import { swatchBookFor } from '../../../shared/color/swatches';
import { swatchColor } from '../swatches';
import { blockBox } from '../../../shared/model/check-page';
import { clampStyle, styleChoice } from '../../../shared/model/commands/block-style';
import { gridBoxRect } from '../../../shared/page/geometry';
import { BaseView } from './base-view';
import { placeBlock } from './block-frame';
import { ruleDepth, ruleImage } from './frame-art';
import type { RuleArtStyle } from './frame-art';
import type { ViewContext } from './view-context';
import { px } from '../../page/css-px';
import { num, str } from './view-context';

export class RuleView extends BaseView {
  readonly #line: HTMLElement;
  /** What a boxed story around the rule takes off its grid box (null: none). */
  #insets: EdgeInsets | null;

  constructor(node: Node, ctx: ViewContext, decorations: readonly Decoration[] = []) {
    super(node, ctx, { tag: 'div', className: 'bm-rule', content: 'none' });
    this.#insets = boxInsetsFromDecorations(decorations);
    this.#line = document.createElement('div');
    this.#line.className = 'bm-rule-line';
    this.dom.appendChild(this.#line);
    this.render();
  }

  protected render(): void {
    const node = this.node;
    placeBlock(this.dom, node, this.ctx, this.#insets);
    const vertical = str(node, 'orientation', 'h') === 'v';
    // A style or weight outside what the style commands allow draws solid, or at the nearest weight.
    const style = styleChoice<RuleArtStyle>('rule', 'style', node.attrs['style'], 'solid');
    const w = (clampStyle('rule', 'weightPt', num(node, 'weightPt', 0.5)) * 4) / 3;
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

  protected override redraw(_before: Node, decorations: readonly Decoration[]): void {
    this.#insets = boxInsetsFromDecorations(decorations);
    this.render();
  }
}
