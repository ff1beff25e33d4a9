/**
 * Dropping an image file from the desktop onto the page: onto a photo frame
 * (empty or full) it goes into that frame; elsewhere on the type area it
 * becomes a new photo block at the grid cell under the drop. While an image
 * is dragged over a photo frame, that frame is marked `data-drop-target`.
 * Copy files (.txt, .docx) dropped on the window stay the bin's (file-drop.ts).
 */
import type { AppController } from './app-controller';
import { docMetrics, pageFrame, toPage } from '../page/page-frame';
import { placeImageFile } from './place-image';
import { dropTarget } from '../photo/photo-target';
import { pt } from '../photo/photo-strings';
import { activeScope } from '../../shared/edition/page-scope';

const IMAGE_NAME = /\.(jpe?g|jfif|png|gif|webp|tiff?|bmp|heic|heif|avif)$/i;

/** Whether a file is meant as a picture (the host decides whether it can be placed). */
export function isImageFile(file: { name: string; type: string }): boolean {
  return file.type.startsWith('image/') || IMAGE_NAME.test(file.name);
}

/** Whether a drag carries only images (known from item types while dragging, from the files on drop). */
export function isImageDrag(e: DragEvent): boolean {
  const dt = e.dataTransfer;
  if (!dt || ![...dt.types].includes('Files')) return false;
  if (dt.files.length > 0) return [...dt.files].every(isImageFile);
  const items = [...dt.items].filter((i) => i.kind === 'file');
  return items.length > 0 && items.every((i) => i.type.startsWith('image/'));
}

/** Installs the page's image drop; returns the uninstall function. */
export function installPhotoDrop(app: AppController, win: Window = window): () => void {
  let marked: HTMLElement | null = null;
  const mark = (el: HTMLElement | null) => {
    if (marked === el) return;
    if (marked) delete marked.dataset['dropTarget'];
    marked = el;
    if (el) el.dataset['dropTarget'] = 'true';
  };
  const targetAt = (e: DragEvent) => {
    const session = app.session;
    if (!session) return null;
    const view = session.view;
    const { x, y } = toPage(pageFrame(view), e.clientX, e.clientY);
    return dropTarget(view.state, docMetrics(activeScope(view.state)), x, y);
  };
  const over = (e: DragEvent) => {
    if (!isImageDrag(e)) return;
    const target = targetAt(e);
    const frame = target && 'frame' in target ? app.session?.view.dom.querySelector<HTMLElement>(`.bm-photo[data-block-id="${CSS.escape(target.frame)}"]`) : null;
    mark(frame ?? null);
  };
  const leave = (e: DragEvent) => {
    if (e.relatedTarget === null) mark(null);
  };
  const drop = (e: DragEvent) => {
    if (!isImageDrag(e)) return;
    // The window's copy drop leaves images alone; the editor must not take the file as content.
    e.preventDefault();
    e.stopPropagation();
    mark(null);
    delete win.document.documentElement.dataset['bmFileOver'];
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length !== 1) {
      app.showError(pt('dropOneImage'));
      return;
    }
    const target = targetAt(e);
    if (!target) {
      app.showError(pt('dropOnPage'));
      return;
    }
    void placeImageFile(app, files[0], target);
  };
  win.addEventListener('dragover', over, true);
  win.addEventListener('dragleave', leave, true);
  win.addEventListener('drop', drop, true);
  return () => {
    mark(null);
    win.removeEventListener('dragover', over, true);
    win.removeEventListener('dragleave', leave, true);
    win.removeEventListener('drop', drop, true);
  };
}
