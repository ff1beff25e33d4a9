/**
 * A page of the edition. The active page (marked by the active-page plugin's
 * node decoration) is the page element in full: sized to its paper, with its
 * grid as CSS variables, its blocks inside (contentDOM). Every other page is
 * a placeholder without contentDOM, so ProseMirror never builds or
 * descends into its blocks; what it shows (a thumbnail, later) is its own.
 * A change of the active state returns false from `update`, so a switch
 * redraws exactly the two pages concerned.
 */
import type { Node } from 'prosemirror-model';
import type { Decoration, NodeView, ViewMutationRecord } from 'prosemirror-view';
import { gridMetrics } from '../../../shared/page/geometry';
import type { PageSettings } from '../../../shared/page/settings';
import { ACTIVE_PAGE_SPEC } from '../active-page-plugin';
import { pageAttributes } from '../page-attributes';

function isActive(decorations: readonly Decoration[]): boolean {
  return decorations.some((d) => (d.spec as Record<string, unknown>)[ACTIVE_PAGE_SPEC] === true);
}

function applyAttributes(dom: HTMLElement, settings: PageSettings, previous: readonly string[]): string[] {
  const attrs = pageAttributes(settings, gridMetrics(settings));
  for (const name of previous) if (!(name in attrs)) dom.removeAttribute(name);
  for (const [name, value] of Object.entries(attrs)) if (dom.getAttribute(name) !== value) dom.setAttribute(name, value);
  return Object.keys(attrs);
}

export class PageView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement | undefined;
  readonly #active: boolean;
  #node: Node;
  #attrNames: string[] = [];

  constructor(node: Node, decorations: readonly Decoration[]) {
    this.#node = node;
    this.#active = isActive(decorations);
    this.dom = document.createElement('div');
    if (this.#active) {
      this.#attrNames = applyAttributes(this.dom, node.attrs['settings'] as PageSettings, []);
      this.contentDOM = this.dom;
    } else {
      this.dom.className = 'bm-page-placeholder';
      this.dom.contentEditable = 'false';
      this.contentDOM = undefined;
    }
  }

  /** Whether this is the active page's view. */
  get active(): boolean {
    return this.#active;
  }

  update(node: Node, decorations: readonly Decoration[]): boolean {
    if (node.type !== this.#node.type || isActive(decorations) !== this.#active) return false;
    if (this.#active && node.attrs['settings'] !== this.#node.attrs['settings']) {
      this.#attrNames = applyAttributes(this.dom, node.attrs['settings'] as PageSettings, this.#attrNames);
    }
    this.#node = node;
    return true;
  }

  ignoreMutation(mutation: ViewMutationRecord): boolean {
    // A placeholder is ours alone; on the active page, attributes of the page element itself are set here or by the typesetting passes.
    if (!this.#active) return true;
    return mutation.type === 'attributes' && mutation.target === this.dom;
  }

  stopEvent(): boolean {
    return !this.#active;
  }
}
