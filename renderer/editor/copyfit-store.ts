/**
 * The one copyfit owner: the measured fit of every block on the page, held
 * by the copyfit plugin's state and found with {@link copyfitStore}. The
 * copyfit panel, preflight, export and the bench read it here; the copyfit
 * pass ({@link runCopyfit}) is the only writer.
 */
import type { EditorState } from 'prosemirror-state';
import { PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import type { BlockFit } from '../../shared/copyfit/block-fit';
import { measurePage } from './copyfit-blocks';
import type { PageFit } from './copyfit-blocks';
import { CopyfitChanges } from './copyfit-changes';
import { pageElement } from '../page/page-frame';

function sameFit(a: BlockFit | undefined, b: BlockFit): boolean {
  if (!a || a.overset !== b.overset || a.undersetLines !== b.undersetLines || a.parts.length !== b.parts.length) return false;
  return a.parts.every((p, i) => p.part === b.parts[i]!.part && p.lines === b.parts[i]!.lines && p.chars === b.parts[i]!.chars);
}

/** The measured fits of one page view, and who listens to them. */
export class CopyfitStore {
  #fits: PageFit = new Map();
  #measured = false;
  readonly #listeners = new Set<() => void>();
  /** Which blocks changed since the last measure: the pass measures only those (copyfit-changes.ts). */
  readonly changes = new CopyfitChanges();

  /** Every block's fit, by block id, in page order (empty until the first pass). */
  get fits(): PageFit {
    return this.#fits;
  }

  /** Whether a pass has run. */
  get measured(): boolean {
    return this.#measured;
  }

  /** Blocks with overset, in page order. */
  overset(): [string, BlockFit][] {
    return [...this.#fits].filter(([, f]) => f.overset > 0);
  }

  /** Replaces the fits; listeners hear of it only when something changed. */
  set(fits: PageFit): void {
    const changed = !this.#measured || fits.size !== this.#fits.size || [...fits].some(([id, f]) => !sameFit(this.#fits.get(id), f));
    this.#measured = true;
    if (!changed) return;
    this.#fits = fits;
    for (const l of this.#listeners) l();
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}

export const copyfitKey = new PluginKey<CopyfitStore>('bm-copyfit');

/** The copyfit store of an editor state (null when the copyfit plugin is not installed). */
export function copyfitStore(state: EditorState): CopyfitStore | null {
  return copyfitKey.getState(state) ?? null;
}

/** What one copyfit pass measured, as `detail` of its `bm-copyfit` performance measure. */
export interface CopyfitDetail {
  /** Blocks measured (the others kept their last fit: nothing in them changed). */
  measured: number;
  /** Blocks on the page. */
  blocks: number;
}

/**
 * The copyfit pass: measures the blocks of the view as laid out now that
 * changed since its last measure (every block with `all`, the first time,
 * or when something around them changed: copyfit-changes.ts), writes the
 * numbers on the block elements and into the store. Call it after the
 * layout passes it depends on (line-end punctuation, shapes); it changes no
 * layout itself.
 */
export function runCopyfit(view: EditorView, linePx: number, all = false): PageFit {
  const start = performance.now();
  const store = copyfitStore(view.state);
  const root = pageElement(view);
  if (all) store?.changes.invalidate();
  const changed = store ? store.changes.changed(root, linePx) : 'all';
  const fits = changed === 'all' || !store?.measured ? measurePage(root, linePx) : measurePage(root, linePx, { fits: store.fits, changed });
  store?.changes.measured(root, linePx);
  const detail: CopyfitDetail = { measured: changed === 'all' || !store?.measured ? fits.size : [...changed].filter((el) => fits.has(el.dataset['blockId'] ?? '')).length, blocks: fits.size };
  // Visible in performance tools and to benchmarks as `bm-copyfit`.
  performance.measure('bm-copyfit', { start, detail });
  store?.set(fits);
  return fits;
}
