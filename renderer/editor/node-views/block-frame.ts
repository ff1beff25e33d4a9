/**
 * The element every block on the grid is: absolutely placed at its grid box
 * (type area offset by the margins), carrying the testable data attributes;
 * and the box (边框) and tint (底纹) a story or teaser may have.
 */
import type { Node } from 'prosemirror-model';
import { swatchBookFor } from '../../../shared/color/swatches';
import { blockBox } from '../../../shared/model/check-page';
import { clampStyle } from '../../../shared/model/commands/block-style';
import { boxInset, frameStyleOf, tintOf } from '../../../shared/layout/story-box';
import type { BoxInset } from '../../../shared/layout/story-box';
import type { EdgeInsets } from '../../../shared/layout/box-wrap';
import { gridBoxRect } from '../../../shared/page/geometry';
import { swatchColor } from '../swatches';
import { frameImage } from './frame-art';
import type { ViewContext } from './view-context';
import { px } from '../../page/css-px';
import { num, str } from './view-context';

/**
 * Places `el` at its node's grid box; `insets` (a boxed story around it, see
 * shared/layout/box-wrap.ts) draws it that much smaller on each side. The
 * data attributes keep the grid box.
 */
export function placeBlock(el: HTMLElement, node: Node, ctx: ViewContext, insets: EdgeInsets | null = null): void {
  const box = blockBox(node);
  const rect = gridBoxRect(ctx.metrics, box);
  const e = insets ?? { left: 0, top: 0, right: 0, bottom: 0 };
  el.classList.add('bm-block');
  el.style.left = px(ctx.metrics.typeLeftPx + rect.x + e.left);
  el.style.top = px(ctx.metrics.typeTopPx + rect.y + e.top);
  el.style.width = px(Math.max(0, rect.width - e.left - e.right));
  el.style.height = px(Math.max(0, rect.height - e.top - e.bottom));
  el.dataset['blockId'] = str(node, 'id');
  el.dataset['kind'] = node.type.name;
  el.dataset['col'] = String(box.col);
  el.dataset['line'] = String(box.line);
  el.dataset['cols'] = String(box.cols);
  el.dataset['lines'] = String(box.lines);
}

/** Border weight in pt, within the range the style commands allow. */
function weightPt(node: Node): number {
  return clampStyle(node.type.name, 'frameWeightPt', num(node, 'frameWeightPt', 1));
}

/**
 * Paints the box of a story or teaser on `el`: the border (an SVG drawn by
 * `::before` over the whole block, see frame-art.ts for the styles and
 * weights), the tint as the block's background, and the inset as padding of
 * whole characters and lines. `insets`: what a boxed story around it takes
 * off (see placeBlock). Returns the inset.
 */
export function paintBox(el: HTMLElement, node: Node, ctx: ViewContext, insets: EdgeInsets | null = null): BoxInset {
  const { metrics, settings } = ctx;
  const book = swatchBookFor(settings.edition.paperName);
  const style = frameStyleOf(node);
  const tint = tintOf(node);
  const inset = boxInset(settings.grid, node);
  const s = el.style;
  el.dataset['frame'] = style;
  el.classList.toggle('bm-boxed', style !== 'none');
  if (tint > 0) {
    el.dataset['tint'] = String(tint);
    s.backgroundColor = swatchColor(str(node, 'tintSwatch', 'black'), tint, book);
  } else {
    delete el.dataset['tint'];
    s.backgroundColor = '';
  }
  s.padding = inset.chars > 0 ? `${px(inset.lines * metrics.linePx)} ${px(inset.chars * metrics.charPx)}` : '';
  if (style === 'none') {
    s.removeProperty('--bm-frame-image');
    delete el.dataset['frameWeight'];
    return inset;
  }
  // Drawn at the size the block is drawn (less what a boxed story around it takes).
  const grid = gridBoxRect(metrics, blockBox(node));
  const e = insets ?? { left: 0, top: 0, right: 0, bottom: 0 };
  const rect = { width: Math.max(0, grid.width - e.left - e.right), height: Math.max(0, grid.height - e.top - e.bottom) };
  const w = (weightPt(node) * 4) / 3;
  el.dataset['frameWeight'] = String(weightPt(node));
  s.setProperty('--bm-frame-image', frameImage(style, rect.width, rect.height, w, swatchColor(str(node, 'frameSwatch', 'black'), 100, book)));
  return inset;
}
