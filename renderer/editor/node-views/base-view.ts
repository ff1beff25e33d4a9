/**
 * The one contract every NodeView of the page keeps: its element (tag and
 * class), where its editable content goes, the update guard (same node type,
 * then draw again) and which DOM mutations ProseMirror must not read as
 * edits. A view subclasses `BaseView` and adds only what differs: how it
 * draws its node (`render`), and, where it has them, the decorations it
 * reads (`redraw`), a stricter guard (`accepts`), events it keeps
 * (`stopEvent`) and clean-up (`destroy`).
 */
import type { Node } from 'prosemirror-model';
import type { Decoration, NodeView, ViewMutationRecord } from 'prosemirror-view';
import type { ViewContext } from './view-context';

/** Where a view's editable content goes. */
export type ViewContent =
  /** The element itself holds the content. */
  | 'self'
  /** A `div` of this class inside the element holds it. */
  | { readonly inner: string }
  /** No editable content: an atom, drawn and owned by the view. */
  | 'none';

/** The element a view is. */
export interface ViewShape {
  readonly tag: string;
  readonly className: string;
  readonly content: ViewContent;
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

export abstract class BaseView implements NodeView {
  readonly dom: HTMLElement;
  readonly contentDOM: HTMLElement | null;
  #node: Node;

  /** Builds the element; the subclass calls `render()` once its own fields are set. */
  protected constructor(
    node: Node,
    protected readonly ctx: ViewContext,
    shape: ViewShape,
  ) {
    this.#node = node;
    this.dom = document.createElement(shape.tag);
    if (shape.className) this.dom.className = shape.className;
    const content = shape.content;
    if (content === 'self') {
      this.contentDOM = this.dom;
    } else if (content === 'none') {
      this.contentDOM = null;
      this.dom.contentEditable = 'false';
    } else {
      this.contentDOM = document.createElement('div');
      this.contentDOM.className = content.inner;
      this.dom.appendChild(this.contentDOM);
    }
  }

  /** The node the view shows now. */
  get node(): Node {
    return this.#node;
  }

  /** Draws `this.node` onto the element. */
  protected abstract render(): void;

  /** Whether this view can show `node` (else ProseMirror builds a new one). */
  protected accepts(node: Node, _decorations: readonly Decoration[]): boolean {
    return node.type === this.node.type;
  }

  /** After `this.node` became the new node: draws again. Views that read decorations, or draw only on some changes, override it. */
  protected redraw(_before: Node, _decorations: readonly Decoration[]): void {
    this.render();
  }

  update(node: Node, decorations: readonly Decoration[]): boolean {
    if (!this.accepts(node, decorations)) return false;
    const before = this.#node;
    this.#node = node;
    this.redraw(before, decorations);
    return true;
  }

  ignoreMutation(m: ViewMutationRecord): boolean {
    // An atom draws all it holds: nothing in it is an edit.
    if (this.contentDOM === null) return true;
    return ignoreOwnMutation(this.contentDOM, m);
  }
}
