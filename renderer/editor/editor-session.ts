/**
 * One open edition (or, in print mode, one page) in one ProseMirror
 * EditorView, and the small store the React shell reads it through (dirty,
 * counts, selection, active page). React never mirrors the document: it
 * subscribes to {@link SessionSnapshot}, and panels re-read the view when
 * {@link EditorSession.onPageChange} tells them to. In an edition one page
 * is active (shown and edited): {@link EditorSession.activePage},
 * {@link EditorSession.showPage}, {@link EditorSession.onActivePage}.
 */
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Node } from 'prosemirror-model';
import { EditorState, Selection } from 'prosemirror-state';
import type { Command, Plugin, Transaction } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { gridMetrics } from '../../shared/page/geometry';
import { Emitter, perFrame } from '../base/emitter';
import { Store } from '../base/store';
import type { PageSettings } from '../../shared/page/settings';
import { arrangePlugins } from '../arrange/arrange-plugin';
import { binKeymap } from '../bin/bin-commands';
import { cropModePlugin } from '../photo/crop-mode';
import { blockGuard } from './block-guard';
import { copyfitPlugin, copyfitStore, runCopyfit } from './copyfit-plugin';
import { flowPlugin, runFlow } from './flow-plugin';
import type { PageFit } from './copyfit-plugin';
import { nodeViews } from './node-views';
import type { ViewContext } from './node-views/view-context';
import { pageAttributes } from './page-attributes';
import { selectedBlock } from './selected-block';
import { boxWrapPlugin } from './shape/box-wrap-plugin';
import { shapePlugin } from './shape/shape-plugin';
import { normalizePlugin } from '../typesetting/normalize-plugin';
import { TypesetPipeline } from '../typesetting/typeset-pipeline';
import { verticalDigitsPlugin } from './vertical-digits-plugin';
import { activeScope, isEdition, pageCount } from '../../shared/edition/page-scope';
import { editionChildrenJson, editionPagesJson } from '../../shared/edition/edition-children';
import type { PageScope } from '../../shared/edition/page-scope';
import { activePage, activePagePlugin, showPageTr } from './active-page-plugin';
import type { Scroll } from './active-page-plugin';
import { pageElement } from '../page/page-frame';
import { sameSnapshot } from './session-snapshot';
import type { SessionSnapshot } from './session-snapshot';

export type { SessionSnapshot } from './session-snapshot';

export interface SessionOptions {
  /** Element the page element is created in. */
  mount: HTMLElement;
  doc: Node;
  editable: boolean;
  assetUrl: (hash: string) => string | null;
  /** The zoom the page is shown at (1 when absent: print). */
  zoom?: number;
  /** What the story bin's import button does (absent: nothing). */
  importCopy?: () => void;
  /** The scrolling element around the page: each page's scroll is remembered and restored on switching. */
  viewport?: HTMLElement;
  /** The page shown first in an edition (default 0). */
  initialPage?: number;
  /** The typesetting passes run only on `settle()` (print mode settles once, on its final fonts and images). */
  typesetOnlyOnSettle?: boolean;
  /** A draft layout: no line-end pass (print mode's thumbnails). */
  typesetDraft?: boolean;
  /** More plugins, early in the list (a desk's collab plugin and its decorations). */
  plugins?: readonly Plugin[];
  /** Told of every transaction after the view took it (a desk client sends its steps then). */
  afterTransaction?: (tr: Transaction) => void;
  /**
   * 转版 live flow between a chain's parts (default true in an editable
   * edition). Off in a desk session: the desk checks a chain's parts out one
   * by one, so a flow would push into a part its typist does not hold
   * (decision 0030, "Desk").
   */
  flow?: boolean;
}

const NO_FITS: PageFit = new Map();

export class EditorSession {
  readonly view: EditorView;
  /** The document as last saved; null when it was never saved as it is (a recovered page). */
  #savedDoc: Node | null;
  /** The typesetting passes in their order, copyfit last; settle() runs them to the end. */
  readonly #typeset: TypesetPipeline;
  #store: Store<SessionSnapshot> | null = null;
  /** Fires when the document, the block selection or a story's copyfit numbers changed. */
  readonly #pageChange = new Emitter<void>();
  /** The zoom the page is shown at, set by its owner; views that keep a screen size listen. */
  readonly zoom: Store<number>;
  #settings: PageSettings;
  #ctx: ViewContext;
  /** Fires with the new index when another page becomes the active one. */
  readonly #activePageChange = new Emitter<number>();
  readonly #viewport: HTMLElement | null;
  /** The viewport's scroll as last seen (kept from its scroll events: no layout read per transaction). */
  #scroll: Scroll = { left: 0, top: 0 };

  constructor(options: SessionOptions) {
    this.zoom = new Store(options.zoom ?? 1);
    this.#savedDoc = options.doc;
    const edition = isEdition(options.doc);
    this.#viewport = options.viewport ?? null;
    this.#settings = (edition ? options.doc.child(Math.min(options.initialPage ?? 0, pageCount(options.doc) - 1)) : options.doc).attrs['settings'] as PageSettings;
    const assetUrl = options.assetUrl;
    const importCopy = options.importCopy ?? (() => {});
    this.#ctx = this.#context(this.#settings, assetUrl, importCopy);
    this.#typeset = new TypesetPipeline({
      // The copyfit seam: the pipeline's last pass measures the page through copyfit's entry point.
      copyfit: (view, all) => void runCopyfit(view, this.#ctx.metrics.linePx, all),
      // 转版 flow acts on what copyfit measured once the line ends settled (flow-plugin.ts; nothing pending, nothing done).
      settled: (view) => runFlow(view, this.#ctx.metrics.linePx),
      onlyOnSettle: options.typesetOnlyOnSettle ?? false,
      draft: options.typesetDraft ?? false,
    });
    const firstPage = edition ? Math.max(0, Math.min(options.initialPage ?? 0, pageCount(options.doc) - 1)) : 0;
    let firstPos = 0;
    for (let i = 0; i < firstPage; i++) firstPos += options.doc.child(i).nodeSize;
    const state = EditorState.create({
      doc: options.doc,
      // The first text, not the first block selected as a frame (ProseMirror's default, here the masthead).
      selection: Selection.findFrom(options.doc.resolve(firstPos), 1, true) ?? undefined,
      plugins: [
        // Which page of an edition is shown; before the others, which read it.
        ...(edition ? [activePagePlugin(firstPage)] : []),
        ...(options.plugins ?? []),
        history(),
        keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo, 'Mod-y': redo }),
        // PageUp/PageDown: the page before or after in an edition.
        ...(edition ? [keymap({ PageUp: () => this.showPage(this.activePage - 1), PageDown: () => this.showPage(this.activePage + 1) })] : []),
        // Photo crop mode: its Escape and presses come before the arrange tools'.
        cropModePlugin(),
        // Block arrangement (selection, handles, nudges); its keys come before the base keymap.
        ...arrangePlugins({ editable: options.editable, zoom: this.zoom, onChange: () => this.#pageChange.fire() }),
        binKeymap(),
        keymap(baseKeymap),
        blockGuard(),
        // Typed and pasted ASCII marks between Han set full width, as intake sets them (after the
        // guard: nothing is typed into a selected frame); one undo gives back what was typed.
        normalizePlugin(),
        // Story shapes: slot chains, galley bodies, Up/Down across slots.
        shapePlugin(),
        // Photos and labels in a boxed story keep out of its inset: the border stays whole.
        boxWrapPlugin(),
        // 横中竖: digits upright in vertical heads.
        verticalDigitsPlugin(),
        // Chinese composition beyond CSS, then copyfit: typeset-pipeline.ts runs them in its declared order.
        ...this.#typeset.plugins,
        // Copyfit's results: one store, written by the pipeline's copyfit pass.
        copyfitPlugin(),
        // 转版 live flow between the parts of a jump chain, after a local edit (decision 0030).
        ...(edition && options.editable && options.flow !== false ? [flowPlugin()] : []),
      ],
    });
    this.view = new EditorView(
      { mount: options.mount },
      {
        state,
        editable: () => options.editable,
        nodeViews: nodeViews(this.#ctx),
        // A page document is the page element itself; an edition's root holds its pages (page-view.ts).
        attributes: edition
          ? { class: 'bm-edition' }
          : (s) => {
              const settings = s.doc.attrs['settings'] as PageSettings;
              return pageAttributes(settings, gridMetrics(settings));
            },
        dispatchTransaction: (tr) => {
          const view = this.view;
          const before = activePage(view.state)?.index ?? 0;
          const next = view.state.apply(tr);
          const settings = activeScope(next).page.attrs['settings'] as PageSettings;
          if (settings !== this.#settings) {
            // New grid (or another page with its own settings): rebuild every NodeView against the new
            // metrics, in the same update as the new state (setProps first would redraw the old page once more).
            this.#settings = settings;
            this.#ctx = this.#context(settings, assetUrl, importCopy);
            view.update({ ...view.props, state: next, nodeViews: nodeViews(this.#ctx) });
          } else {
            view.updateState(next);
          }
          const after = activePage(next)?.index ?? 0;
          if (after !== before) this.#pageShown(after);
          this.#publish();
          options.afterTransaction?.(tr);
        },
      },
    );
    this.#store = new Store(this.#compute(), sameSnapshot);
    this.#viewport?.addEventListener('scroll', this.#onScroll, { passive: true });
    // Copyfit said something new: the snapshot's counts and the panels follow (the arrange plugin tells of doc and selection changes).
    copyfitStore(this.view.state)?.subscribe(() => {
      this.#publish();
      this.#pageChange.fire();
    });
  }

  #context(settings: PageSettings, assetUrl: (hash: string) => string | null, importCopy: () => void): ViewContext {
    return { settings, metrics: gridMetrics(settings), assetUrl, zoom: this.zoom, importCopy };
  }

  get doc(): Node {
    return this.view.state.doc;
  }

  /** The active page's settings (a page document's own). */
  get settings(): PageSettings {
    return this.#settings;
  }

  /** The active page and where it starts in the document. */
  get scope(): PageScope {
    return activeScope(this.view.state);
  }

  /** The active page's node (a page document: the document). */
  get page(): Node {
    return this.scope.page;
  }

  /** Index of the page shown and edited (0 in a page document). */
  get activePage(): number {
    return activePage(this.view.state)?.index ?? 0;
  }

  /** Pages of the document (1 in a page document). */
  get pageCount(): number {
    return pageCount(this.doc);
  }

  /**
   * Shows and edits page `index` (0-based): its caret, selection and scroll
   * as they were left. Not an undo step. False when it is already shown or
   * there is no such page.
   */
  showPage(index: number): boolean {
    const tr = showPageTr(this.view.state, index, this.#viewport ? { ...this.#scroll } : undefined);
    if (!tr) return false;
    const start = performance.now();
    this.view.dispatch(tr);
    this.view.focus();
    // Visible in performance tools and to benchmarks as `bm-show-page`.
    performance.measure('bm-show-page', { start });
    return true;
  }

  /** Tells `listener` the new index whenever another page becomes the active one (a switch, or an undo on another page). */
  onActivePage(listener: (index: number) => void): () => void {
    return this.#activePageChange.event(listener);
  }

  #onScroll = (): void => {
    const v = this.#viewport!;
    this.#scroll = { left: v.scrollLeft, top: v.scrollTop };
  };

  /** Another page became active: its scroll back, then everyone told. */
  #pageShown(index: number): void {
    const v = this.#viewport;
    if (v) {
      const scroll = activePage(this.view.state)?.memory.get(index)?.scroll ?? { left: 0, top: 0 };
      v.scrollLeft = scroll.left;
      v.scrollTop = scroll.top;
      this.#scroll = { left: v.scrollLeft, top: v.scrollTop };
    }
    this.#activePageChange.fire(index);
    this.#pageChange.fire();
  }

  /** The active page's element (the page being edited). */
  get pageElement(): HTMLElement {
    return pageElement(this.view);
  }

  /** Every block's copyfit, from the copyfit store (empty before the first measure). */
  get fits(): PageFit {
    return copyfitStore(this.view.state)?.fits ?? NO_FITS;
  }

  /**
   * Resolves when every typesetting pass has run on the page as it is now
   * (line ends, Han–Western gaps, push-in, copyfit), run at once rather than
   * frame by frame: print mode awaits it before printing.
   */
  settle(): Promise<void> {
    return this.#typeset.settle();
  }

  #compute(): SessionSnapshot {
    const state = this.view.state;
    let storyCount = 0;
    activeScope(state).page.forEach((n) => {
      if (n.type.name === 'story') storyCount++;
    });
    let oversetStories = 0;
    let oversetChars = 0;
    for (const fit of this.fits.values()) {
      if (fit.overset > 0) {
        oversetStories++;
        oversetChars += fit.overset;
      }
    }
    return {
      dirty: this.#savedDoc === null || !state.doc.eq(this.#savedDoc),
      storyCount,
      oversetStories,
      oversetChars,
      selection: selectedBlock(state),
      canUndo: undo(state),
      canRedo: redo(state),
      activePage: activePage(state)?.index ?? 0,
      pageCount: pageCount(state.doc),
    };
  }

  #publish(): void {
    this.#store?.set(this.#compute());
  }

  readonly subscribe = (listener: () => void): (() => void) => this.#store!.subscribe(listener);

  readonly getSnapshot = (): SessionSnapshot => this.#store!.getSnapshot();

  /**
   * Tells `listener`, once per frame at most, that the document, the block
   * selection or a story's copyfit numbers changed (the side panels re-read
   * the view then).
   */
  onPageChange(listener: () => void): () => void {
    return perFrame(this.#pageChange.event, this.view.dom.ownerDocument.defaultView!)(listener);
  }

  /** Runs a command against the view (toolbar buttons). */
  run(command: Command): boolean {
    const done = command(this.view.state, this.view.dispatch, this.view);
    if (done) this.view.focus();
    return done;
  }

  undo(): boolean {
    return this.run(undo);
  }

  redo(): boolean {
    return this.run(redo);
  }

  /** Every page as stored JSON, in order (a page document: its one page): what is printed and thumbnailed. */
  pagesJson(): unknown[] {
    return editionPagesJson(this.view.state.doc);
  }

  /** The edition as stored: its pages, then its story bin when it holds anything (what is saved and journalled). */
  editionJson(): unknown[] {
    return editionChildrenJson(this.view.state.doc);
  }

  /** Records the current document as the saved one (dirty becomes false). */
  markSaved(doc: Node = this.view.state.doc): void {
    this.#savedDoc = doc;
    this.#publish();
  }

  /** Marks the document as not saved (dirty) until the next markSaved, e.g. a page recovered after a crash. */
  markUnsaved(): void {
    this.#savedDoc = null;
    this.#publish();
  }

  destroy(): void {
    this.#store?.dispose();
    this.#pageChange.dispose();
    this.#activePageChange.dispose();
    this.#viewport?.removeEventListener('scroll', this.#onScroll);
    this.zoom.dispose();
    this.view.destroy();
  }
}
