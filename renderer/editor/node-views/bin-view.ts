/**
 * The story bin's NodeView: a pasteboard column beside the paper (never
 * printed) listing the edition's copy that is on no page, the same list
 * whatever page is shown (the bin is the edition's last child, after its
 * pages: docs/decisions/0031-edition-story-bin.md). It owns its DOM: the
 * bin has no contentDOM, so ProseMirror never puts a caret in it, and it
 * re-renders its list from the node on every update.
 *
 * The column must sit beside the shown page, outside the paper. A
 * fixed-position element's containing block is the nearest transformed
 * ancestor, the zoom container, whose origin is the shown page's top-left
 * corner (every other page is a placeholder without size). So the host
 * element is fixed at (0, 0), and what it holds is placed in page px of the
 * shown page.
 */
import type { Node } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import { gridMetrics } from '../../../shared/page/geometry';
import type { PageSettings } from '../../../shared/page/settings';
import { bt } from '../../i18n/bin-strings';
import type { BinStringKey } from '../../i18n/bin-strings';
import { reviewOf } from '../../intake-review/review-entries';
import { ReviewPanel } from '../../intake-review/review-panel';
import { BinDrag } from '../../bin/bin-drag';
import { binItemInfo } from '../../bin/bin-item-info';
import { BIN_GAP_PX, BIN_WIDTH_PX } from '../../page/bin-layout';
import '../../bin/bin.css';
import { BaseView } from './base-view';
import type { ViewContext } from './view-context';
import { activeScope } from '../../../shared/edition/page-scope';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, parent?: HTMLElement): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = className;
  parent?.appendChild(e);
  return e;
}

export class BinView extends BaseView {
  readonly #column: HTMLElement;
  readonly #count: HTMLElement;
  readonly #list: HTMLOListElement;
  readonly #ghost: HTMLElement;
  readonly #view: EditorView;
  readonly #offZoom: (() => void) | null = null;
  readonly #hint: HTMLElement;
  readonly #review: ReviewPanel;
  #drag: BinDrag | null = null;
  /** The item whose intake review is open, or null for the bin list. */
  #reviewId: string | null = null;

  constructor(node: Node, ctx: ViewContext, view: EditorView) {
    super(node, ctx, { tag: 'div', className: 'bm-bin-host', content: 'none' });
    this.#view = view;
    this.dom.setAttribute('aria-hidden', view.editable ? 'false' : 'true');
    this.#column = el('aside', 'bm-bin', this.dom);
    this.#column.dataset['kind'] = 'bin';
    this.#column.setAttribute('aria-label', bt('bin'));
    const head = el('header', 'bm-bin-head', this.#column);
    el('span', 'bm-bin-title', head).textContent = bt('bin');
    this.#count = el('span', 'bm-bin-count', head);
    const importButton = el('button', 'bm-bin-import', head);
    importButton.type = 'button';
    importButton.dataset['binImport'] = 'true';
    importButton.textContent = bt('importCopy');
    importButton.title = bt('importCopyTitle');
    importButton.addEventListener('click', () => ctx.importCopy());
    this.#hint = el('p', 'bm-bin-hint', this.#column);
    this.#hint.textContent = bt('binHint');
    this.#list = el('ol', 'bm-bin-list', this.#column);
    this.#review = new ReviewPanel({
      run: (command) => {
        command(this.#view.state, this.#view.dispatch, this.#view);
      },
      close: () => this.#openReview(null),
    });
    this.#review.element.hidden = true;
    this.#column.appendChild(this.#review.element);
    this.#list.addEventListener('click', this.#click);
    this.#ghost = el('div', 'bm-bin-ghost', this.dom);
    this.#ghost.hidden = true;
    this.#list.addEventListener('pointerdown', this.#pointerDown);
    if (view.editable) this.#offZoom = ctx.zoom.subscribe(() => this.#fit());
    this.render();
    // The page is only in the document once the view has placed this element.
    requestAnimationFrame(() => this.#fit());
  }

  get #settings(): PageSettings {
    return activeScope(this.#view.state).page.attrs['settings'] as PageSettings;
  }

  /** Keeps the column at its screen size beside the paper, whatever the zoom. */
  #fit(): void {
    if (!this.dom.isConnected) return;
    const scale = this.ctx.zoom.getSnapshot() || 1;
    const m = gridMetrics(this.#settings);
    const s = this.#column.style;
    s.left = `${m.paperWidthPx + BIN_GAP_PX / scale}px`;
    s.width = `${BIN_WIDTH_PX}px`;
    s.height = `${m.paperHeightPx * scale}px`;
    s.transform = `scale(${1 / scale})`;
  }

  protected render(): void {
    const items: HTMLElement[] = [];
    this.node.forEach((child) => {
      const info = binItemInfo(child, this.#settings);
      const li = el('li', 'bm-bin-item');
      li.dataset['binId'] = info.id;
      li.dataset['binKind'] = info.kind;
      li.dataset['chars'] = String(info.chars);
      if (info.columnLines !== null) li.dataset['columnLines'] = String(info.columnLines);
      li.dataset['cols'] = String(info.size.cols);
      li.dataset['lines'] = String(info.size.lines);
      el('span', 'bm-bin-kind', li).textContent = bt(`kind_${info.kind}` as BinStringKey);
      el('span', 'bm-bin-headline', li).textContent = info.title || bt('untitledStory');
      const meta = el('span', 'bm-bin-meta', li);
      meta.textContent =
        info.columnLines === null
          ? `${info.size.cols}×${info.size.lines}`
          : `${info.chars} ${bt('chars')} · ${info.columnLines} ${bt('lines')}`;
      li.title = `${info.title}\n${meta.textContent}`;
      if (child.attrs['intake'] && this.#view.editable) {
        const review = el('button', 'bm-bin-review', li);
        review.type = 'button';
        review.dataset['reviewOpen'] = info.id;
        review.textContent = bt('reviewOpen');
        review.title = bt('reviewOpenTitle');
      }
      items.push(li);
    });
    if (items.length === 0) {
      const empty = el('li', 'bm-bin-empty');
      empty.textContent = bt('binEmpty');
      items.push(empty);
    }
    this.#list.replaceChildren(...items);
    this.#count.textContent = String(this.node.childCount);
    this.#column.dataset['count'] = String(this.node.childCount);
    this.#renderReview();
  }

  /** Shows the open item's review in place of the list; back to the list when the item has left the bin. */
  #renderReview(): void {
    const review = this.#reviewId === null ? null : reviewOf(this.#view.state, this.#reviewId);
    if (!review) this.#reviewId = null;
    this.#review.element.hidden = review === null;
    this.#list.hidden = review !== null;
    this.#hint.hidden = review !== null;
    if (!review) return;
    let title = '';
    this.node.forEach((child) => {
      if (child.attrs['id'] === review.id) title = binItemInfo(child, this.#settings).title;
    });
    this.#review.render(review, title || bt('untitledStory'));
  }

  #openReview(id: string | null): void {
    this.#reviewId = id;
    this.#renderReview();
  }

  #click = (e: MouseEvent): void => {
    const open = (e.target as HTMLElement).closest<HTMLElement>('[data-review-open]');
    if (open) this.#openReview(open.dataset['reviewOpen'] ?? null);
  };

  #pointerDown = (e: PointerEvent): void => {
    if (e.button !== 0 || !this.#view.editable) return;
    // The review button is a click, not the start of a drag.
    if ((e.target as HTMLElement).closest('[data-review-open]')) return;
    const item = (e.target as HTMLElement).closest<HTMLElement>('.bm-bin-item');
    const id = item?.dataset['binId'];
    if (!item || !id) return;
    e.preventDefault();
    this.#drag?.cancel();
    this.#drag = new BinDrag({
      view: this.#view,
      id,
      source: item,
      ghost: this.#ghost,
      pointer: e,
      onEnd: () => {
        this.#drag = null;
      },
    });
  };

  // A new grid rebuilds every NodeView; the same grid only needs the list.
  // No #fit here: the zoom subscription and a new grid (a new NodeView) cover every change of place.
  protected override redraw(before: Node): void {
    if (this.node !== before) this.render();
  }

  stopEvent(): boolean {
    // Everything inside the bin is ours: no ProseMirror selection, drag or drop here.
    return true;
  }

  destroy(): void {
    this.#drag?.cancel();
    this.#offZoom?.();
  }
}
