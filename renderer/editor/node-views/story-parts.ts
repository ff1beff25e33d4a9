/**
 * NodeViews of the parts of a story: head group, the head's lines (引题,
 * 主题, 副题), byline, body and crosshead. Each part that takes grid lines is
 * exactly `lines × linePx` high with its text centred vertically in them.
 */
import type { Node } from 'prosemirror-model';
import type { Decoration } from 'prosemirror-view';
import { gridBoxRect } from '../../../shared/page/geometry';
import { shapeFromDecorations } from '../shape/shape-decoration';
import { styleTextBlock } from '../../styles/apply-style';
import { BaseView } from './base-view';
import type { ViewContext } from './view-context';
import { px } from '../../page/css-px';
import { num } from './view-context';

/**
 * A box of whole grid lines with its text centred vertically: an outer
 * flex box of fixed height, the editable content a block inside it.
 */
class LineBoxView extends BaseView {
  declare readonly contentDOM: HTMLElement;

  constructor(
    node: Node,
    ctx: ViewContext,
    tag: string,
    className: string,
    /** Grid lines when the node does not say. */
    private readonly defaultLines = 1,
  ) {
    super(node, ctx, { tag, className: `bm-linebox ${className}`, content: { inner: 'bm-linebox-text' } });
    this.render();
  }

  /** `lines` grid lines high, the text set in its style. */
  protected render(): void {
    this.dom.style.height = px(num(this.node, 'lines', this.defaultLines) * this.ctx.metrics.linePx);
    styleTextBlock(this.contentDOM, this.node, this.ctx.settings);
  }
}

/** 引题 / 主题 / 副题: type from the style and the node's overrides (renderer/styles). */
export class HeadLineView extends LineBoxView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, 'div', `bm-head bm-${node.type.name}`);
  }

  protected override render(): void {
    const n = this.node;
    const lines = num(n, 'lines', 2);
    // Block size: the height of a horizontal head, the width of a vertical one.
    this.dom.style.height = '';
    this.dom.style.blockSize = px(lines * this.ctx.metrics.linePx);
    // Face, size, weight, tracking, alignment from the style and overrides (renderer/styles).
    const scale = Math.min(400, Math.max(10, styleTextBlock(this.contentDOM, n, this.ctx.settings).scaleX)) / 100;
    const s = this.contentDOM.style;
    // 长扁字: the glyphs are scaled across (page.css); a horizontal line box is
    // widened by the inverse so the scaled line still spans the head's width.
    if (scale !== 1) {
      this.contentDOM.dataset['scaled'] = '';
      s.setProperty('--bm-scale-x', String(scale));
    } else {
      delete this.contentDOM.dataset['scaled'];
      s.removeProperty('--bm-scale-x');
    }
  }
}

export class BylineView extends LineBoxView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, 'div', 'bm-byline', 1);
  }
}

/** 小标题 inside the body: `lines` grid lines, bold 黑体, never split across columns. */
export class CrossheadView extends LineBoxView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, 'h4', 'bm-crosshead', 2);
  }
}

/** The head group spans `cols` grid columns from the story's left, or all of them; or stands vertically at a side (竖排). */
export class HeadGroupView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    super(node, ctx, { tag: 'header', className: 'bm-headgroup', content: 'self' });
    this.render();
  }

  protected render(): void {
    const cols = this.node.attrs['cols'] as number | null;
    const vertical = this.node.attrs['vertical'] === true;
    // A vertical head's strip is placed by the story (story-view.ts, page.css).
    this.dom.classList.toggle('bm-vertical', vertical);
    // Inside a box the head starts at the inset; it still ends on its grid column.
    this.dom.style.width =
      !vertical && typeof cols === 'number' && cols > 0
        ? `calc(${px(gridBoxRect(this.ctx.metrics, { col: 0, line: 0, cols, lines: 1 }).width)} - var(--bm-inset-x, 0px))`
        : '';
  }
}

/**
 * The body: CSS multicol at the story's text column count, the grid gutter,
 * `column-fill: auto` and a fixed height of whole grid lines, so every line
 * sits on the page grid. Composition rules come from `bm-composed`.
 */
export class BodyView extends BaseView {
  constructor(node: Node, ctx: ViewContext) {
    // The page's line-breaking setting; the composition stylesheet defines both.
    const lineBreak = ctx.settings.lineBreak === 'normal' ? ' bm-line-break-normal' : '';
    super(node, ctx, { tag: 'div', className: `bm-body bm-composed${lineBreak}`, content: 'self' });
  }

  // A body that gets a shape decoration is rebuilt as a galley body (shape/galley-body.ts).
  protected override accepts(node: Node, decorations: readonly Decoration[]): boolean {
    return super.accepts(node, decorations) && shapeFromDecorations(decorations) === null;
  }

  /** The element is all there is: its columns come from the story's CSS variables. */
  protected render(): void {}
}
