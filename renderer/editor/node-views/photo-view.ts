/**
 * A photo block: the image (or an empty frame) above the caption and credit,
 * which take `captionLines` grid lines at the bottom of the box.
 */
import type { Node } from 'prosemirror-model';
import type { NodeView, ViewMutationRecord } from 'prosemirror-view';
import { ignoreOwnMutation, placeBlock } from './block-frame';
import type { ViewContext } from './view-context';
import { num, px, str } from './view-context';

export class PhotoView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement;
  readonly #frame: HTMLElement;
  #img: HTMLImageElement | null = null;
  #node: Node;

  constructor(
    node: Node,
    private readonly ctx: ViewContext,
  ) {
    this.#node = node;
    this.dom = document.createElement('figure');
    this.dom.className = 'bm-photo';
    this.#frame = document.createElement('div');
    this.#frame.className = 'bm-photo-frame';
    this.#frame.contentEditable = 'false';
    this.contentDOM = document.createElement('div');
    this.contentDOM.className = 'bm-photo-text';
    this.dom.append(this.#frame, this.contentDOM);
    this.render();
  }

  private render(): void {
    const node = this.#node;
    placeBlock(this.dom, node, this.ctx);
    const captionLines = Math.max(0, Math.min(num(node, 'lines', 1), num(node, 'captionLines', 2)));
    const textHeight = captionLines * this.ctx.metrics.linePx;
    this.contentDOM.style.height = px(textHeight);
    this.#frame.style.height = `calc(100% - ${px(textHeight)})`;

    const hash = str(node, 'asset');
    const url = hash ? this.ctx.assetUrl(hash) : null;
    if (!url) {
      this.#img?.remove();
      this.#img = null;
      this.#frame.classList.add('bm-photo-empty');
      return;
    }
    this.#frame.classList.remove('bm-photo-empty');
    if (!this.#img) {
      this.#img = document.createElement('img');
      this.#img.draggable = false;
      this.#frame.appendChild(this.#img);
    }
    const img = this.#img;
    if (img.getAttribute('src') !== url) img.src = url;
    img.alt = str(node, 'alt');
    const fx = Math.min(1, Math.max(0, num(node, 'focusX', 0.5))) * 100;
    const fy = Math.min(1, Math.max(0, num(node, 'focusY', 0.5))) * 100;
    img.style.objectFit = str(node, 'fit') === 'fit' ? 'contain' : 'cover';
    img.style.objectPosition = `${fx}% ${fy}%`;
    const zoom = Math.max(1, num(node, 'zoom', 1));
    // Zoom crops further around the focal point; the frame clips.
    img.style.transform = zoom === 1 ? '' : `scale(${zoom})`;
    img.style.transformOrigin = `${fx}% ${fy}%`;
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
