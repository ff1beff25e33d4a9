/**
 * The document window: hardened, showing the renderer from banmian-app://,
 * asking before it closes with unsaved changes.
 */
import { BrowserWindow, dialog } from 'electron';
import type { AppCommand } from '../../shared/host/host-api';
import type { HostService } from '../node/host/host-service';
import { APP_INDEX_URL, COMMAND_CHANNEL } from '../node/ipc/channels';
import { CLOSE_PROMPT, closeChoice, dirtyDocumentsOf } from '../node/shell/close-prompt';
import { secureWebPreferences } from './security';

/** Windows waiting for their document to be saved before they close, by web contents id. */
const pendingClose = new Set<number>();

export function sendCommand(win: BrowserWindow | null | undefined, command: AppCommand): void {
  win?.webContents.send(COMMAND_CHANNEL, command);
}

export function createDocumentWindow(options: { preload: string; host: HostService }): BrowserWindow {
  const win = new BrowserWindow({
    width: 1400,
    height: 1000,
    title: '版面 Banmian',
    show: false,
    webPreferences: secureWebPreferences(options.preload),
  });
  const id = win.webContents.id;
  win.once('ready-to-show', () => win.show());
  win.on('close', (event) => {
    const dirty = dirtyDocumentsOf(options.host.sessions, id);
    if (dirty.length === 0) return;
    event.preventDefault();
    const choice = closeChoice(
      dialog.showMessageBoxSync(win, {
        type: 'question',
        buttons: [...CLOSE_PROMPT.buttons],
        defaultId: CLOSE_PROMPT.defaultId,
        cancelId: CLOSE_PROMPT.cancelId,
        message: CLOSE_PROMPT.message,
        detail: CLOSE_PROMPT.detailOf(dirty),
      }),
    );
    if (choice === 'discard') win.destroy();
    else if (choice === 'save') {
      pendingClose.add(id);
      sendCommand(win, 'saveAndClose');
    }
  });
  win.on('closed', () => {
    pendingClose.delete(id);
    for (const s of options.host.sessions.all()) if (s.owner === id) options.host.sessions.close(s.handle);
  });
  void win.loadURL(APP_INDEX_URL);
  return win;
}

/** After a save: close the window if it was waiting for that and nothing is left unsaved. */
export function afterSave(host: HostService, owner: number): void {
  if (!pendingClose.has(owner) || dirtyDocumentsOf(host.sessions, owner).length > 0) return;
  pendingClose.delete(owner);
  BrowserWindow.getAllWindows()
    .find((w) => w.webContents.id === owner)
    ?.destroy();
}

export function abandonClose(owner: number): void {
  pendingClose.delete(owner);
}
