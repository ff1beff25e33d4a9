/**
 * One open page in one ProseMirror EditorView, and the small store the React
 * shell reads it through (dirty, counts, selection). React never mirrors the
 * document: it subscribes to {@link SessionSnapshot}.
 */
import { baseKeymap } from 'prosemirror-commands';
import { history, redo, undo } from 'prosemirror-history';
import { keymap } from 'prosemirror-keymap';
import type { Node } from 'prosemirror-model';
import { EditorState, Selection } from 'prosemirror-state';
import type { Command } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import { gridMetrics } from '../../shared/page/geometry';
import type { PageSettings } from '../../shared/page/settings';
import { arrangePlugins } from '../arrange/arrange-plugin';
import { binKeymap } from '../bin/bin-commands';
import { cropModePlugin } from '../photo/crop-mode';
import { blockGuard } from './block-guard';
import { copyfitPlugin, copyfitStore } from './copyfit-plugin';
import type { PageFit } from './copyfit-plugin';
import { nodeViews } from './node-views';
import type { ViewContext } from './node-views/view-context';
import { pageAttributes } from './page-attributes';
import { selectedBlock } from './selected-block';
import { boxWrapPlugin } from './shape/box-wrap-plugin';
import { shapePlugin } from './shape/shape-plugin';
import { gluePlugin } from '../typesetting/glue-plugin';
import { lineEndPlugin } from '../typesetting/line-end-plugin';
import { punctuationPlugin } from '../typesetting/punctuation-plugin';
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
}

export class EditorSession {
  readonly view: EditorView;
  /** The document as last saved; null when it was never saved as it is (a recovered page). */
  #savedDoc: Node | null;
  #snapshot: SessionSnapshot;
  readonly #listeners = new Set<() => void>();
  #settings: PageSettings;
  #ctx: ViewContext;

  constructor(options: SessionOptions) {
    this.#savedDoc = options.doc;
    this.#settings = options.doc.attrs['settings'] as PageSettings;
    this.#ctx = this.#context(this.#settings, options.assetUrl);
    const assetUrl = options.assetUrl;
    const state = EditorState.create({
      doc: options.doc,
      // The first text, not the first block selected as a frame (ProseMirror's default, here the masthead).
      selection: Selection.findFrom(options.doc.resolve(0), 1, true) ?? undefined,
      plugins: [
        history(),
        keymap({ 'Mod-z': undo, 'Mod-Shift-z': redo, 'Mod-y': redo }),
        // Photo crop mode: its Escape and presses come before the arrange tools'.
        cropModePlugin(),
        // Block arrangement (selection, handles, nudges); its keys come before the base keymap.
        ...arrangePlugins({ editable: options.editable }),
        binKeymap(),
        keymap(baseKeymap),
        blockGuard(),
        // Story shapes: slot chains, galley bodies, Up/Down across slots.
        shapePlugin(),
        // Photos and labels in a boxed story keep out of its inset: the border stays whole.
        boxWrapPlugin(),
        // 横中竖: digits upright in vertical heads.
        verticalDigitsPlugin(),
        // Chinese composition beyond CSS: glued runs, then line-end marks half
        // width (a layout pass; before copyfit so copyfit measures its result).
        gluePlugin(),
        punctuationPlugin(),
        lineEndPlugin(),
        copyfitPlugin({
          linePx: () => this.#ctx.metrics.linePx,
          // The fits live in the copyfit store (copyfit-store.ts); the snapshot counts them.
          onMeasured: () => this.#publish(),
        }),
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
            this.#ctx = this.#context(settings, assetUrl);
            view.setProps({ nodeViews: nodeViews(this.#ctx) });
          }
          view.updateState(next);
          this.#publish();
        },
      },
    );
    this.#snapshot = this.#compute();
  }

  #context(settings: PageSettings, assetUrl: (hash: string) => string | null): ViewContext {
    return { settings, metrics: gridMetrics(settings), assetUrl };
  }

  get doc(): Node {
    return this.view.state.doc;
  }

  get settings(): PageSettings {
    return this.#settings;
  }

  /** Every block's copyfit, from the copyfit store. */
  get fits(): PageFit {
    return copyfitStore(this.view.state)?.fits ?? new Map();
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
    const next = this.#compute();
    const prev = this.#snapshot;
    if (
      prev.dirty === next.dirty &&
      prev.storyCount === next.storyCount &&
      prev.oversetStories === next.oversetStories &&
      prev.oversetChars === next.oversetChars &&
      prev.canUndo === next.canUndo &&
      prev.canRedo === next.canRedo &&
      prev.selection?.id === next.selection?.id &&
      prev.selection?.kind === next.selection?.kind
    ) {
      return;
    }
    this.#snapshot = next;
    for (const l of this.#listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): SessionSnapshot => this.#snapshot;

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
    this.#listeners.clear();
    this.view.destroy();
  }
}
