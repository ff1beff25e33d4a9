/**
 * Live copyfit: after every document change (coalesced per animation frame)
 * and when web fonts finish loading, run the copyfit pass over the page
 * (copyfit-store.ts): every block measured, `data-overset` published, the
 * store updated.
 */
import { Plugin } from 'prosemirror-state';
import './copyfit.css';
import type { EditorView } from 'prosemirror-view';
import type { PageFit } from './copyfit-blocks';
import { CopyfitStore, copyfitKey, runCopyfit } from './copyfit-store';

export type { PageFit } from './copyfit-blocks';
export { measurePage } from './copyfit-blocks';
export { copyfitKey, copyfitStore, runCopyfit } from './copyfit-store';

export interface CopyfitOptions {
  linePx: () => number;
  /** Called after each pass with what it measured. */
  onMeasured: (fits: PageFit) => void;
}

export function copyfitPlugin(options: CopyfitOptions): Plugin<CopyfitStore> {
  return new Plugin<CopyfitStore>({
    key: copyfitKey,
    // One store per editor state lineage: the plugin state is the owner, kept across transactions.
    state: {
      init: () => new CopyfitStore(),
      apply: (_tr, store) => store,
    },
    view(view: EditorView) {
      let frame = 0;
      let destroyed = false;
      const run = () => {
        frame = 0;
        if (destroyed) return;
        options.onMeasured(runCopyfit(view, options.linePx()));
      };
      const schedule = () => {
        if (!frame && !destroyed) frame = requestAnimationFrame(run);
      };
      const fonts = view.dom.ownerDocument.fonts;
      fonts?.addEventListener('loadingdone', schedule);
      schedule();
      return {
        update(v, prev) {
          if (v.state.doc !== prev.doc) schedule();
        },
        destroy() {
          destroyed = true;
          if (frame) cancelAnimationFrame(frame);
          fonts?.removeEventListener('loadingdone', schedule);
        },
      };
    },
  });
}
