/**
 * The element every block on the grid is: absolutely placed at its grid box
 * (type area offset by the margins), carrying the testable data attributes.
 */
import type { Node } from 'prosemirror-model';
import type { ViewMutationRecord } from 'prosemirror-view';
import { blockBox } from '../../../shared/model/check-page';
import { gridBoxRect } from '../../../shared/page/geometry';
import type { ViewContext } from './view-context';
import { px, str } from './view-context';

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
