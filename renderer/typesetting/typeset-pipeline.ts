/**
 * The typesetting pipeline: every pass that turns a page state into set type,
 * in one declared order, with one owner for when they run.
 *
 * {@link TYPESET_ORDER} is the order. The text passes (glue, 开明式
 * punctuation) are pure decorations, recomputed in their state fields when
 * the document changes; the measuring passes read the laid-out page, so they
 * run after layout, in one animation frame, in order: line ends (half-width
 * marks, Han–Western gaps, push-in; it changes the layout, so it goes first),
 * then copyfit, which measures the result. Every result is a state field found
 * by its plugin key: `gluePluginKey`, `punctuationPluginKey`, `lineEndKey`,
 * and copyfit's own store (`editor/copyfit-store.ts`, `copyfitKey`).
 *
 * Copyfit is given in ({@link TypesetOptions.copyfit}): the editor owns it and
 * its results, the pipeline only says when it runs. {@link TypesetPipeline.settle} runs
 * every pass to the end now and resolves then: print mode awaits it before the
 * page is printed, and the page says whether it is settled in
 * {@link TYPESET_ATTRIBUTE} for tests and benchmarks to wait on.
 */
import type { EditorState } from 'prosemirror-state';
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { fontArrivals } from './font-arrivals';
import { coverageOf } from './font-coverage';
import { gluePlugin, gluePluginKey } from './glue-plugin';
import { LineEndPass } from './line-end-plugin';
import { lineEndKey, lineEndPlugin } from './line-end-field';
import { LineEndMemory } from './line-end-memory';
import { punctuationPlugin, punctuationPluginKey, punctuationStyleOf } from './punctuation-plugin';
import { activePageChanged, activeScope } from '../../shared/edition/page-scope';

/** The passes, in the order they run (text passes on every state, measuring passes after layout). */
export const TYPESET_ORDER = ['glue', 'punctuation', 'line-end', 'copyfit'] as const;

type PassName = (typeof TYPESET_ORDER)[number];

/** A pass that reads the laid-out page: a go per frame, or all at once when asked to settle. */
interface MeasuringPass {
  go(view: EditorView): 'done' | 'again';
  settle(view: EditorView): void;
}

/** The passes' state fields, by name (copyfit's result is its own store, editor/copyfit-store.ts). */
const FIELDS: Partial<Record<PassName, (memory: LineEndMemory) => Plugin>> = {
  glue: gluePlugin,
  punctuation: punctuationPlugin,
  'line-end': (memory) => lineEndPlugin(memory),
};

/** On the editor's root element: `pending` while a pass is still to run, `settled` when all have run on this layout. */
export const TYPESET_ATTRIBUTE = 'data-typeset';

export const typesetKey = new PluginKey('bm-typeset');

export interface TypesetOptions {
  /**
   * The copyfit pass, the pipeline's last: measures the laid-out page, marks
   * it (overset frames, clips) and keeps the result in copyfit's own store.
   * With `all`, every block (a face arrived, the line-end pass started over,
   * the page settles for print); otherwise it may measure only the blocks
   * that changed since its last measure.
   */
  copyfit: (view: EditorView, all: boolean) => void;
  /**
   * Called when every pass has run on this layout, before the page says it is
   * settled (转版 flow acts on what copyfit measured then; a transaction it
   * dispatches starts the passes again and the page stays `pending`).
   */
  settled?: (view: EditorView) => void;
  /**
   * The measuring passes run only when {@link TypesetPipeline.settle} is
   * called, never per frame (print mode: it settles once, on the final fonts
   * and images; passes run while faces arrive would be thrown away).
   */
  onlyOnSettle?: boolean;
  /**
   * A draft: the line-end pass never runs (print mode's thumbnails, where its
   * half-width marks and gaps are invisible); copyfit measures the page as CSS set it.
   */
  draft?: boolean;
}

/** The text passes' results: when one changed, the layout did, and copyfit measures again. */
function textPassesChanged(state: EditorState, prev: EditorState): boolean {
  return (
    state.doc !== prev.doc ||
    gluePluginKey.getState(state) !== gluePluginKey.getState(prev) ||
    punctuationPluginKey.getState(state) !== punctuationPluginKey.getState(prev) ||
    lineEndKey.getState(state) !== lineEndKey.getState(prev)
  );
}

/** The pipeline of one editor view: its plugins, in order, and {@link settle}. */
export class TypesetPipeline {
  readonly plugins: readonly Plugin[];
  readonly #options: TypesetOptions;
  #view: EditorView | null = null;
  #lineEnd: LineEndPass | null = null;
  /** What the line-end pass settled, shared with its state field (it carries it through edits). */
  readonly #memory = new LineEndMemory();
  #frame = 0;
  /** The measuring passes are running (their own transactions need no new frame). */
  #running = false;
  /** Copyfit has not measured the current layout. */
  #copyfitStale = true;
  /** Copyfit measures every block next time, not only those that changed. */
  #copyfitAll = true;
  #waiting: (() => void)[] = [];
  /** The passes that read the layout, by name; they run in {@link TYPESET_ORDER}. */
  readonly #measuring: Partial<Record<PassName, MeasuringPass>> = {
    'line-end': { go: () => this.#lineEnd?.go() ?? 'done', settle: () => void this.#lineEnd?.settleAll() },
    copyfit: {
      go: (view) => {
        if (this.#copyfitStale) this.#measure(view);
        return 'done';
      },
      settle: (view) => {
        this.#copyfitAll = true;
        this.#measure(view);
      },
    },
  };

  constructor(options: TypesetOptions) {
    this.#options = options;
    this.plugins = [...TYPESET_ORDER.flatMap((name) => FIELDS[name]?.(this.#memory) ?? []), this.#runner()];
  }

  /** The measuring passes, in order. */
  #inOrder(): MeasuringPass[] {
    return TYPESET_ORDER.flatMap((name) => (this.#options.draft && name === 'line-end' ? [] : (this.#measuring[name] ?? [])));
  }

  /**
   * Runs every measuring pass now, in order, until the page settles (the line-end
   * pass with all its goes at once, then copyfit), and resolves then. During an
   * IME composition it waits for the composition to end.
   */
  async settle(): Promise<void> {
    const view = this.#view;
    if (!view) return;
    while (view.composing) {
      // Frames look again while the composition lasts (the line-end pass says `again`).
      this.#schedule();
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
      if (this.#view !== view) return;
    }
    this.#cancel();
    this.#running = true;
    try {
      for (const pass of this.#inOrder()) pass.settle(view);
    } finally {
      this.#running = false;
    }
    this.#settled(view);
  }

  #runner(): Plugin {
    return new Plugin({
      key: typesetKey,
      view: (view) => {
        this.#view = view;
        const lineEnd = new LineEndPass(view, this.#memory);
        this.#lineEnd = lineEnd;
        const fonts = view.dom.ownerDocument.fonts;
        // A face arrived: the lines holding a character it covers may break elsewhere
        // (every line, when the event does not say which faces or they may cover anything).
        const arrivals = fontArrivals(fonts);
        const onFonts = (e: Event) => {
          const fresh = arrivals(e as FontFaceSetLoadEvent);
          // Faces loaded before (Chromium lists them all again after a print): nothing to lay out again.
          if (fresh?.length === 0) return;
          const faces = fresh ?? [];
          const covers = coverageOf(faces);
          if (covers) lineEnd.resetWhere(covers, faces.map((f) => f.family));
          else lineEnd.reset();
          this.#copyfitStale = true;
          this.#copyfitAll = true;
          this.#schedule();
        };
        fonts?.addEventListener('loadingdone', onFonts);
        this.#schedule();
        return {
          update: (v, prev) => {
            this.#view = v;
            lineEnd.setView(v);
            // The punctuation style re-sets every mark without touching a paragraph node: start over.
            const docChanged = v.state.doc !== prev.doc;
            // Another page shown: what each of its paragraphs settled when last shown stands (line-end-plugin.ts, `switched`).
            if (activePageChanged(prev, v.state)) {
              lineEnd.switched();
              this.#copyfitAll = true;
            } else if (punctuationStyleOf(activeScope(v.state)) !== punctuationStyleOf(activeScope(prev))) {
              lineEnd.reset();
              this.#copyfitAll = true;
            } else if (docChanged) lineEnd.changed();
            else if (!textPassesChanged(v.state, prev)) return;
            this.#copyfitStale = true;
            // The passes' own transactions, while they run: copyfit follows in this frame.
            if (this.#running && !docChanged) return;
            this.#schedule();
          },
          destroy: () => {
            this.#cancel();
            fonts?.removeEventListener('loadingdone', onFonts);
            this.#view = null;
            this.#lineEnd = null;
            for (const resolve of this.#waiting.splice(0)) resolve();
          },
        };
      },
    });
  }

  #schedule(): void {
    const view = this.#view;
    if (this.#frame || !view || this.#options.onlyOnSettle) return;
    view.dom.setAttribute(TYPESET_ATTRIBUTE, 'pending');
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      if (this.#view) this.#runFrame(this.#view);
    });
  }

  #cancel(): void {
    if (this.#frame) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  /** One frame: each measuring pass once, in order; another frame when one is not done. */
  #runFrame(view: EditorView): void {
    this.#running = true;
    let again = false;
    try {
      for (const pass of this.#inOrder()) again = pass.go(view) === 'again' || again;
    } finally {
      this.#running = false;
    }
    if (again) this.#schedule();
    else this.#settled(view);
  }

  /** The copyfit pass: the editor's copyfit measures the page and keeps the result. */
  #measure(view: EditorView): void {
    const all = this.#copyfitAll;
    this.#copyfitStale = false;
    this.#copyfitAll = false;
    this.#options.copyfit(view, all);
  }

  #settled(view: EditorView): void {
    this.#options.settled?.(view);
    // A face still loading will lay the page out again (and say so: loadingdone).
    const loading = view.dom.ownerDocument.fonts?.status === 'loading';
    if (!this.#frame && !loading) view.dom.setAttribute(TYPESET_ATTRIBUTE, 'settled');
    for (const resolve of this.#waiting.splice(0)) resolve();
  }
}
