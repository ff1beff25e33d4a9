/** Carries out an AppCommand (from a shortcut, a toolbar button or a host menu). */
import type { AppCommand } from '../../shared/host/host-api';
import { importCopyIntoBin } from './import-copy';
import { exportDialogOpen } from './export/export-store';
import { pageSetupOpen } from './page-setup/page-setup-store';
import { placeImageFile } from './place-image';
import { deskDialogOpen } from '../desk/desk-dialog-store';
import type { AppController } from './app-controller';

export function runCommand(app: AppController, command: AppCommand): void {
  switch (command) {
    case 'open':
      void app.open();
      return;
    case 'save':
      void app.save(false);
      return;
    case 'saveAs':
      void app.save(true);
      return;
    case 'exportPdf':
      if (app.session) exportDialogOpen.set(true);
      return;
    case 'undo':
      app.undo();
      return;
    case 'redo':
      app.redo();
      return;
    case 'zoomIn':
      app.zoomIn();
      return;
    case 'zoomOut':
      app.zoomOut();
      return;
    case 'zoomActual':
      app.zoomActual();
      return;
    case 'zoomFit':
      app.zoomFit();
      return;
    case 'importCopy':
      void importCopyIntoBin(app);
      return;
    case 'placeImage':
      // The toolbar's 置入图片: the selected photo frame, else a new photo on a free place.
      void placeImageFile(app);
      return;
    case 'pageSetup':
      if (app.session) pageSetupOpen.set(true);
      return;
    case 'connectDesk':
      deskDialogOpen.set(true);
      return;
    case 'saveAndClose':
      void app.save(false).then((saved) => {
        if (saved) window.close();
      });
      return;
  }
}
