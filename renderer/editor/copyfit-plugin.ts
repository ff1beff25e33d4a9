/**
 * Live copyfit: after every document change (coalesced per animation frame)
 * and when web fonts finish loading, measure every story body and publish
 * `data-overset` / `data-underset-lines` on the story element.
 */
import { Plugin, PluginKey } from 'prosemirror-state';
import type { EditorView } from 'prosemirror-view';
import { measureBody } from './copyfit';
import { measureGalley } from './copyfit-galley';
import type { StoryFit } from './copyfit';

export const copyfitKey = new PluginKey('bm-copyfit');

/** Copyfit of every story on the page, by block id, in page order. */
export type PageFit = ReadonlyMap<string, StoryFit>;

/** Measures every story under `root` and writes the numbers onto the story elements. */
export function measurePage(root: HTMLElement, linePx: number): Map<string, StoryFit> {
  const fits = new Map<string, StoryFit>();
  for (const story of root.querySelectorAll<HTMLElement>('.bm-story')) {
    const body = story.querySelector<HTMLElement>(':scope > .bm-body');
    const fit = !body
      ? { overset: 0, undersetLines: 0 }
      : body.classList.contains('bm-shaped')
        ? measureGalley(body, linePx)
        : measureBody(body, linePx);
    const overset = String(fit.overset);
    const under = String(fit.undersetLines);
    if (story.dataset['overset'] !== overset) story.dataset['overset'] = overset;
    if (story.dataset['undersetLines'] !== under) story.dataset['undersetLines'] = under;
    fits.set(story.dataset['blockId'] ?? '', fit);
  }
  return fits;
}

export interface CopyfitOptions {
  linePx: () => number;
  onMeasured: (fits: PageFit) => void;
}

export function copyfitPlugin(options: CopyfitOptions): Plugin {
  return new Plugin({
    key: copyfitKey,
    view(view: EditorView) {
      let frame = 0;
      let destroyed = false;
      const run = () => {
        frame = 0;
        if (destroyed) return;
        const start = performance.now();
        const fits = measurePage(view.dom, options.linePx());
        // Visible in performance tools and to benchmarks as `bm-copyfit`.
        performance.measure('bm-copyfit', { start });
        options.onMeasured(fits);
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
