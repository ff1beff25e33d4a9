/**
 * Live copyfit's state field: the one copyfit store of a page view
 * (copyfit-store.ts). The typesetting pipeline (typeset-pipeline.ts) says
 * when the copyfit pass runs: after layout and the line-end pass, in the same
 * frame, and when print settles the page.
 */
import { Plugin } from 'prosemirror-state';
import './copyfit.css';
import { CopyfitStore, copyfitKey } from './copyfit-store';

export type { PageFit } from './copyfit-blocks';
export { measurePage } from './copyfit-blocks';
export { copyfitKey, copyfitStore, runCopyfit } from './copyfit-store';

export function copyfitPlugin(): Plugin<CopyfitStore> {
  return new Plugin<CopyfitStore>({
    key: copyfitKey,
    // One store per editor state lineage: the plugin state is the owner, kept across transactions.
    state: {
      init: () => new CopyfitStore(),
      apply: (_tr, store) => store,
    },
    // The store watches the page for changes (copyfit-changes.ts) until the view goes.
    view: (view) => ({ destroy: () => copyfitKey.getState(view.state)?.changes.disconnect() }),
  });
}
