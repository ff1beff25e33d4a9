/**
 * Dropping a file of copy from the desktop onto the window imports it into
 * the story bin. Handled on the window, in the capture phase, before the
 * editor could take a file drop as content.
 */
import type { AppController } from './app-controller';
import { bt } from '../i18n/bin-strings';
import { isImageDrag } from './photo-drop';
import { importCopyIntoBin } from './import-copy';

function carriesFiles(e: DragEvent): boolean {
  return [...(e.dataTransfer?.types ?? [])].includes('Files');
}

/** Installs the window's file drop; returns the uninstall function. */
export function installFileDrop(app: AppController, win: Window = window): () => void {
  const root = win.document.documentElement;
  const over = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    e.stopPropagation();
    if (e.dataTransfer) e.dataTransfer.dropEffect = app.session ? 'copy' : 'none';
    root.dataset['bmFileOver'] = 'true';
  };
  const leave = (e: DragEvent) => {
    // Leaving the window (not moving between its elements).
    if (e.relatedTarget === null) delete root.dataset['bmFileOver'];
  };
  const drop = (e: DragEvent) => {
    // Images are placed on the page (photo-drop.ts), not imported as copy.
    if (!carriesFiles(e) || isImageDrag(e)) return;
    e.preventDefault();
    e.stopPropagation();
    delete root.dataset['bmFileOver'];
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length !== 1) {
      app.showError(bt('dropOneFile'));
      return;
    }
    void importCopyIntoBin(app, files[0]);
  };
  win.addEventListener('dragenter', over, true);
  win.addEventListener('dragover', over, true);
  win.addEventListener('dragleave', leave, true);
  win.addEventListener('drop', drop, true);
  return () => {
    win.removeEventListener('dragenter', over, true);
    win.removeEventListener('dragover', over, true);
    win.removeEventListener('dragleave', leave, true);
    win.removeEventListener('drop', drop, true);
  };
}
