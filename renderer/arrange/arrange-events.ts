/**
 * Change notifications for UI outside the editor (the side panel): one call
 * per animation frame at most after the document, the block selection or a
 * story's copyfit numbers changed. React never mirrors ProseMirror state; it
 * re-reads the view when told.
 */
import type { EditorView } from 'prosemirror-view';

const listeners = new WeakMap<EditorView, Set<() => void>>();

/** Called by the arrange plugin's view on every update that matters. */
export function notifyArrange(view: EditorView): void {
  for (const l of listeners.get(view) ?? []) l();
}

/**
 * Subscribes to the view's document, block selection and copyfit changes,
 * coalesced per frame. Returns the unsubscribe function.
 */
export function subscribeArrange(view: EditorView, listener: () => void): () => void {
  let frame = 0;
  const win = view.dom.ownerDocument.defaultView!;
  const schedule = () => {
    if (!frame) {
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        listener();
      });
    }
  };
  let set = listeners.get(view);
  if (!set) listeners.set(view, (set = new Set()));
  set.add(schedule);
  // Copyfit writes its numbers onto the story elements after layout.
  const observer = new MutationObserver(schedule);
  observer.observe(view.dom, { subtree: true, attributes: true, attributeFilter: ['data-overset', 'data-underset-lines'] });
  return () => {
    set.delete(schedule);
    observer.disconnect();
    if (frame) win.cancelAnimationFrame(frame);
  };
}
