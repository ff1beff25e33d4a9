/**
 * A story block: head group, byline and body stacked in its grid box. The
 * body takes the whole grid lines the head and byline leave; the story
 * element publishes that height and the text column count as CSS variables
 * for the body (see story-parts.ts), so the parts stay on the line grid.
 */
import type { Node } from 'prosemirror-model';
import type { NodeView, ViewMutationRecord } from 'prosemirror-view';
import { textColumnsOf } from '../../../shared/page/geometry';
import { ignoreOwnMutation, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { num, px, str } from './view-context';

/** Grid lines the head group and byline of a story take. */
export function storyHeadLines(node: Node): number {
  let lines = 0;
  node.forEach((child) => {
    if (child.type.name === 'headgroup') child.forEach((line) => (lines += num(line, 'lines', 0)));
    else if (child.type.name === 'byline') lines += num(child, 'lines', 1);
  });
  return lines;
}

export class StoryView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  #node: Node;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
  ) {
    this.#node = node;
    this.dom = document.createElement('article');
    this.dom.className = 'bm-story';
    this.contentDOM = this.dom;
    // Copyfit fills these in after layout; 0 until measured.
    this.dom.dataset['overset'] = '0';
    this.dom.dataset['undersetLines'] = '0';
    this.render();
  }

  private render(): void {
    const node = this.#node;
    const { metrics } = this.ctx;
    placeBlock(this.dom, node, this.ctx);
    const bodyLines = Math.max(0, num(node, 'lines', 1) - storyHeadLines(node));
    const text = textColumnsOf(this.ctx.settings.grid, num(node, 'cols', 1), node.attrs['textColumns'] as number | null);
    this.dom.style.setProperty('--bm-body-lines', String(bodyLines));
    this.dom.style.setProperty('--bm-body-h', px(bodyLines * metrics.linePx));
    this.dom.style.setProperty('--bm-text-cols', String(text.count));
    this.dom.style.setProperty('--bm-text-gap-px', px(text.gapChars * metrics.charPx));
    this.dom.dataset['frame'] = str(node, 'frame', 'none');
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
