/**
 * The element every block on the grid is: absolutely placed at its grid box
 * (type area offset by the margins), carrying the testable data attributes;
 * and the box (边框) and tint (底纹) a story or teaser may have.
 */
import type { Node } from 'prosemirror-model';
import type { ViewMutationRecord } from 'prosemirror-view';
import { swatchBookFor } from '../../../shared/color/swatches';
import { blockBox } from '../../../shared/model/check-page';
import { boxInset, frameStyleOf, tintOf } from '../../../shared/layout/story-box';
import type { BoxInset } from '../../../shared/layout/story-box';
import { gridBoxRect } from '../../../shared/page/geometry';
import { swatchColor } from '../swatches';
import { frameArtImage } from './frame-art';
import type { ViewContext } from './view-context';
import { num, ptPx, px, str } from './view-context';

export function placeBlock(el: HTMLElement, node: Node, ctx: ViewContext): void {
  const box = blockBox(node);
  const rect = gridBoxRect(ctx.metrics, box);
  el.classList.add('bm-block');
  el.style.left = px(ctx.metrics.typeLeftPx + rect.x);
  el.style.top = px(ctx.metrics.typeTopPx + rect.y);
  el.style.width = px(rect.width);
  el.style.height = px(rect.height);
  el.dataset['blockId'] = str(node, 'id');
  el.dataset['kind'] = node.type.name;
  el.dataset['col'] = String(box.col);
  el.dataset['line'] = String(box.line);
  el.dataset['cols'] = String(box.cols);
  el.dataset['lines'] = String(box.lines);
}

const FRAME_VARS = ['--bm-frame-border', '--bm-frame-outline', '--bm-frame-outline-offset', '--bm-frame-image'];

/** Border weight in pt, limited to what a newspaper box uses. */
function weightPt(node: Node): number {
  return Math.min(8, Math.max(0.25, num(node, 'frameWeightPt', 1)));
}

/**
 * Paints the box of a story or teaser on `el`: the border (drawn by
 * `::before` inside the block from the `--bm-frame-*` properties), the tint
 * as the block's background, and the inset as padding of whole characters
 * and lines. Returns the inset.
 *
 * Weights: single and dashed are one line of the weight; double is two lines
 * of the weight a weight apart; 文武线 (thick-thin) a line of the weight
 * outside, a third of it inside, half the weight apart (thin-thick the
 * reverse); a 花边 is three times the weight wide.
 */
export function paintBox(el: HTMLElement, node: Node, ctx: ViewContext): BoxInset {
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
  for (const v of FRAME_VARS) s.removeProperty(v);
  if (style === 'none') return inset;

  const color = swatchColor(str(node, 'frameSwatch', 'black'), 100, book);
  const w = weightPt(node);
  const line = (pt: number, kind = 'solid') => `${ptPx(pt)} ${kind} ${color}`;
  const thin = Math.max(0.25, w / 3);
  switch (style) {
    case 'single':
    case 'dashed':
      s.setProperty('--bm-frame-border', line(w, style === 'dashed' ? 'dashed' : 'solid'));
      break;
    case 'double':
      s.setProperty('--bm-frame-border', line(w));
      s.setProperty('--bm-frame-outline', line(w));
      s.setProperty('--bm-frame-outline-offset', ptPx(-3 * w));
      break;
    case 'thick-thin':
      s.setProperty('--bm-frame-border', line(w));
      s.setProperty('--bm-frame-outline', line(thin));
      s.setProperty('--bm-frame-outline-offset', ptPx(-(w + w / 2 + thin)));
      break;
    case 'thin-thick':
      s.setProperty('--bm-frame-border', line(thin));
      s.setProperty('--bm-frame-outline', line(w));
      s.setProperty('--bm-frame-outline-offset', ptPx(-(thin + w / 2 + w)));
      break;
    case 'dots':
    case 'wave': {
      const width = ptPx(3 * w);
      s.setProperty('--bm-frame-border', `${width} solid transparent`);
      s.setProperty('--bm-frame-image', frameArtImage(style, color, width));
      break;
    }
  }
  return inset;
}

/**
 * ProseMirror must not read our own attribute and style changes (placement,
 * copyfit numbers) as edits, nor anything outside the editable content.
 */
export function ignoreOwnMutation(contentDOM: HTMLElement | null, m: ViewMutationRecord): boolean {
  if (m.type === 'selection') return false;
  if (m.type === 'attributes') return true;
  if (!contentDOM) return true;
  return !contentDOM.contains(m.target);
}
