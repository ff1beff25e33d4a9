/**
 * Crop mode: at most one photo at a time has its image, not its frame,
 * under the pointer (drag pans, wheel zooms). Entered by double-clicking a
 * photo or the toolbar's 裁切; left with Escape, a press outside the photo,
 * or the toolbar again. The mode is plugin state (no document change, no
 * undo step); the photo in crop mode gets a node decoration its view reads.
 */
import { NodeSelection, Plugin, PluginKey } from 'prosemirror-state';
import type { Command, EditorState, Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import { boxOf, findBlock } from '../../shared/model/commands/blocks';
import { photoCrop, setPhotoCrop } from '../../shared/model/commands/photo';
import { gridBoxRect, gridMetrics } from '../../shared/page/geometry';
import { blockInsetsInBox } from '../../shared/layout/box-wrap';
import type { PageSettings } from '../../shared/page/settings';
import { pannedFocus } from './crop-geometry';
import { Store } from '../base/store';
import { activeScope, blockDepth } from '../../shared/edition/page-scope';

export const cropModeKey = new PluginKey<string | null>('bm-photo-crop');

/** Class of the photo element in crop mode. */
export const CROPPING_CLASS = 'bm-photo-cropping';

/** The id of the photo in crop mode, or null. */
export function cropTarget(state: EditorState): string | null {
  return cropModeKey.getState(state) ?? null;
}

/** Whether a block is a photo with an image of known size (only those can be cropped). */
export function croppable(state: EditorState, id: string): boolean {
  const found = findBlock(state.doc, id);
  // The crop needs the image's pixel size (every image placed here has it).
  return !!found && found.node.type.name === 'photo' && found.node.attrs['asset'] !== '' && Number(found.node.attrs['pixelWidth']) > 0 && Number(found.node.attrs['pixelHeight']) > 0;
}

/** A transaction entering crop mode for `id`, or leaving it (null). Null when it would not change anything. */
export function setCropModeTr(state: EditorState, id: string | null): Transaction | null {
  if (id !== null && !croppable(state, id)) return null;
  if (cropTarget(state) === id) return null;
  return state.tr.setMeta(cropModeKey, { id });
}

function decorations(state: EditorState): DecorationSet {
  const id = cropTarget(state);
  const found = id ? findBlock(state.doc, id) : null;
  if (!found) return DecorationSet.empty;
  return DecorationSet.create(state.doc, [
    Decoration.node(found.pos, found.pos + found.node.nodeSize, { class: CROPPING_CLASS, 'data-crop': 'true' }, { photoCrop: true }),
  ]);
}

/**
 * What the photo toolbar shows, as one string that changes exactly when it
 * must re-render: the selected photo (if it has an image), its fit, and the
 * photo in crop mode.
 */
export function photoToolsKey(state: EditorState): string {
  const sel = selectedPhoto(state);
  return `${sel?.id ?? ''}|${sel?.fit ?? ''}|${cropTarget(state) ?? ''}`;
}

/** The selected block (or the block holding the caret) when it is a photo with an image. */
export function selectedPhoto(state: EditorState): { id: string; fit: 'fill' | 'fit' } | null {
  const { $from } = state.selection;
  const d = blockDepth(state.doc);
  const node = state.selection instanceof NodeSelection ? state.selection.node : $from.depth >= d ? $from.node(d) : null;
  if (!node || node.type.name !== 'photo' || node.attrs['asset'] === '') return null;
  return { id: String(node.attrs['id']), fit: node.attrs['fit'] === 'fit' ? 'fit' : 'fill' };
}

/** The photo toolbar's store (one editable page at a time): what it shows, as a key. */
export const photoTools = new Store('');

function publishTools(state: EditorState | null): void {
  photoTools.set(state ? photoToolsKey(state) : '');
}

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * Moves a photo's image by (dx, dy) grid lines' worth of page px inside its
 * frame (as a drag would), in one undo step; false at the image's edge.
 */
export function panPhotoBy(id: string, dx: number, dy: number): Command {
  return (state, dispatch) => {
    const found = findBlock(state.doc, id);
    if (!found || found.node.type.name !== 'photo') return false;
    const a = found.node.attrs as Record<string, number>;
    if (!(a['pixelWidth']! > 0 && a['pixelHeight']! > 0)) return false;
    const page = activeScope(state).page;
    const metrics = gridMetrics(page.attrs['settings'] as PageSettings);
    const rect = gridBoxRect(metrics, boxOf(found.node));
    // The frame as drawn (photo-view.ts): less what a boxed story around it takes.
    const e = blockInsetsInBox(page, found.node) ?? { left: 0, top: 0, right: 0, bottom: 0 };
    const frame = {
      width: Math.max(1, rect.width - e.left - e.right),
      height: Math.max(1, rect.height - e.top - e.bottom - Math.min(a['lines']!, a['captionLines']!) * metrics.linePx),
    };
    const crop = photoCrop(found.node);
    const focus = pannedFocus(frame, { width: a['pixelWidth']!, height: a['pixelHeight']! }, crop, dx * metrics.linePx, dy * metrics.linePx);
    return setPhotoCrop(id, focus)(state, dispatch);
  };
}

export function cropModePlugin(): Plugin {
  return new Plugin<string | null>({
    key: cropModeKey,
    view(view) {
      if (!view.editable) return {};
      publishTools(view.state);
      return {
        update: (v) => publishTools(v.state),
        destroy: () => publishTools(null),
      };
    },
    state: {
      init: () => null,
      apply(tr, prev, _old, next) {
        const meta = tr.getMeta(cropModeKey) as { id: string | null } | undefined;
        const id = meta ? meta.id : prev;
        // The photo went away (deleted, undone, emptied): crop mode ends with it.
        if (id !== null && tr.docChanged && !croppable(next, id)) return null;
        return id;
      },
    },
    props: {
      decorations: decorations,
      handleKeyDown(view, e) {
        const id = cropTarget(view.state);
        if (id === null) return false;
        if (e.key === 'Escape') {
          view.dispatch(setCropModeTr(view.state, null)!);
          return true;
        }
        // Arrow keys move the image, not the frame: one grid line a press (ten with Shift), one undo step each.
        const step = e.shiftKey ? 10 : 1;
        const d = ARROWS[e.key];
        if (!d || e.ctrlKey || e.metaKey || e.altKey) return false;
        panPhotoBy(id, d[0] * step, d[1] * step)(view.state, view.dispatch);
        return true;
      },
      handleDOMEvents: {
        // A press anywhere but on the cropped photo's image ends crop mode (and does what it would otherwise do).
        mousedown(view, e) {
          const id = cropTarget(view.state);
          if (id === null) return false;
          const target = e.target as HTMLElement | null;
          const photo = target?.closest?.(`.${CROPPING_CLASS}`);
          const onFrame = !!photo && !!target?.closest('.bm-photo-frame');
          if (!onFrame) view.dispatch(setCropModeTr(view.state, null)!);
          return false;
        },
      },
    },
  });
}
