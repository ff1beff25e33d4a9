/**
 * One open page in one ProseMirror EditorView, and the small store the React
 * shell reads it through (dirty, counts, selection). React never mirrors the
 * document: it subscribes to {@link SessionSnapshot}, and panels re-read the
 * view when {@link EditorSession.onPageChange} tells them to.
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
import type { SelectedBlock } from './selected-block';

export interface SessionSnapshot {
  dirty: boolean;
  storyCount: number;
  oversetStories: number;
  /** Sum of overset characters over all stories. */
  oversetChars: number;
  selection: SelectedBlock | null;
  canUndo: boolean;
  canRedo: boolean;
}

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
  /** More plugins, first in the list (a desk's collab plugin and its decorations). */
  plugins?: readonly Plugin[];
  /** Told of every transaction after the view took it (a desk client sends its steps then). */
  afterTransaction?: (tr: Transaction) => void;
}

function sameSnapshot(prev: SessionSnapshot, next: SessionSnapshot): boolean {
  return (
    prev.dirty === next.dirty &&
    prev.storyCount === next.storyCount &&
    prev.oversetStories === next.oversetStories &&
    prev.oversetChars === next.oversetChars &&
    prev.canUndo === next.canUndo &&
    prev.canRedo === next.canRedo &&
    prev.selection?.id === next.selection?.id &&
    prev.selection?.kind === next.selection?.kind
  );
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

  constructor(options: SessionOptions) {
    this.zoom = new Store(options.zoom ?? 1);
    this.#savedDoc = options.doc;
    this.#settings = options.doc.attrs['settings'] as PageSettings;
    const assetUrl = options.assetUrl;
    const importCopy = options.importCopy ?? (() => {});
    this.#ctx = this.#context(this.#settings, assetUrl, importCopy);
    this.#typeset = new TypesetPipeline({
      // The copyfit seam: the pipeline's last pass measures the page through copyfit's entry point.
      copyfit: (view) => void runCopyfit(view, this.#ctx.metrics.linePx),
    });
    const state = EditorState.create({
      doc: options.doc,
      // The first text, not the first block selected as a frame (ProseMirror's default, here the masthead).
      selection: Selection.findFrom(options.doc.resolve(0), 1, true) ?? undefined,
      plugins: [
        ...(options.plugins ?? []),
        history(),
        keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo, 'Mod-y': redo }),
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
      ],
    });
    this.view = new EditorView(
      { mount: options.mount },
      {
        state,
        editable: () => options.editable,
        nodeViews: nodeViews(this.#ctx),
        attributes: (s) => {
          const settings = s.doc.attrs['settings'] as PageSettings;
          return pageAttributes(settings, gridMetrics(settings));
        },
        dispatchTransaction: (tr) => {
          const view = this.view;
          const next = view.state.apply(tr);
          const settings = next.doc.attrs['settings'] as PageSettings;
          if (settings !== this.#settings) {
            // New grid: rebuild every NodeView against the new metrics.
            this.#settings = settings;
            this.#ctx = this.#context(settings, assetUrl, importCopy);
            view.setProps({ nodeViews: nodeViews(this.#ctx) });
          }
          view.updateState(next);
          this.#publish();
          options.afterTransaction?.(tr);
        },
      },
    );
    this.#store = new Store(this.#compute(), sameSnapshot);
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

  get settings(): PageSettings {
    return this.#settings;
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
    state.doc.forEach((n) => {
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

  /** The current page as stored JSON. */
  pageJson(): unknown {
    return this.view.state.doc.toJSON();
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
    this.zoom.dispose();
    this.view.destroy();
  }
}
