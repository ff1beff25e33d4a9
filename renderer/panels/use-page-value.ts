/**
 * Side panels re-render when what they show changed, not on every page
 * change: a keystroke changes the document (and moves the caret, and the
 * typesetting passes put the caret back), but the style list, the selected
 * block's properties or the arrange tools mostly stay as they were. A panel
 * says what it shows as a short list of values (`read`); when the page
 * changes (the session's onPageChange, once a frame) and, if asked, when the
 * DOM selection moves, the list is read again and the panel re-renders only
 * when an item differs (`Object.is`). The panel still renders from the view;
 * the list only decides when.
 */
import { useEffect, useRef, useState } from 'react';
import type { EditorView } from 'prosemirror-view';
import type { EditorSession } from '../editor/editor-session';

/** What a panel shows, as values compared one by one. */
export type PageValue = readonly unknown[];

export function samePageValue(a: PageValue, b: PageValue): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/**
 * Re-renders the caller when `read(view)` differs from the last value read,
 * checked on each page change and, with `selection`, once a frame after the
 * DOM selection moved (after ProseMirror has read it).
 */
export function usePageValue(session: EditorSession | null, read: (view: EditorView) => PageValue, options: { selection?: boolean } = {}): void {
  const [, setTick] = useState(0);
  const readRef = useRef(read);
  readRef.current = read;
  const selection = options.selection === true;
  useEffect(() => {
    if (!session) return;
    const view = session.view;
    let last = readRef.current(view);
    const check = () => {
      const next = readRef.current(session.view);
      if (samePageValue(next, last)) return;
      last = next;
      setTick((n) => n + 1);
    };
    const offPage = session.onPageChange(check);
    if (!selection) return offPage;
    const doc = view.dom.ownerDocument;
    const win = doc.defaultView!;
    let frame = 0;
    const onSelection = () => {
      if (!frame) {
        frame = win.requestAnimationFrame(() => {
          frame = 0;
          check();
        });
      }
    };
    doc.addEventListener('selectionchange', onSelection);
    return () => {
      offPage();
      doc.removeEventListener('selectionchange', onSelection);
      if (frame) win.cancelAnimationFrame(frame);
    };
  }, [session, selection]);
}
