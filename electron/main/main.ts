/**
 * The desktop shell's main process: wires windows, menus, dialogs, URL
 * schemes and IPC to the Node-side logic in electron/node (the same as web
 * mode's). `electron dist/electron/main.mjs [FILE.banmian]`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { HostService } from '../node/host/host-service';
import { createIpcHandlers } from '../node/ipc/ipc-handlers';
import { createJournal, defaultRecoveryDir } from '../node/recovery/index';
import type { ElectronUi } from '../node/ipc/ipc-handlers';
import { menuTemplate } from '../node/shell/menu-template';
import { createElectronPrinter } from './electron-printer';
import { registerIpc } from './ipc';
import { handleSchemes, registerSchemes } from './protocols';
import { hardenApp } from './security';
import { abandonClose, afterSave, createDocumentWindow, sendCommand } from './window';

// The main process is an ES module (Electron ≥ 28): the Node side it shares with
// the CLI finds its files from import.meta.url.
const here = dirname(fileURLToPath(import.meta.url));
const preload = join(here, 'preload.cjs');
const rendererDir = join(here, '..', 'renderer');

registerSchemes();

/** The first argument that names a page file (Electron passes its own flags too). */
function fileFromArgv(argv: readonly string[]): string | null {
  return argv.slice(app.isPackaged ? 1 : 2).find((a) => a.toLowerCase().endsWith('.banmian')) ?? null;
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenApp();
  const host = new HostService({
    printer: createElectronPrinter(preload),
    journal: createJournal(defaultRecoveryDir()),
    // The copy-intake worker is built beside the CLI, not beside this bundle.
    intakeWorkerUrl: pathToFileURL(join(here, '..', 'node', 'intake-worker.mjs')),
  });
  handleSchemes({ rendererDir, host });

  const ui: ElectronUi = {
    async chooseOpenPath() {
      const r = await dialog.showOpenDialog({
        title: '打开版面',
        properties: ['openFile'],
        filters: [{ name: '版面文件', extensions: ['banmian'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseCopyPath() {
      const r = await dialog.showOpenDialog({
        title: '导入稿件',
        properties: ['openFile'],
        filters: [
          { name: '稿件（文本、Word、网页）', extensions: ['txt', 'docx', 'html', 'htm'] },
          { name: '所有文件', extensions: ['*'] },
        ],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseImagePath() {
      const r = await dialog.showOpenDialog({
        title: '置入图片',
        properties: ['openFile'],
        filters: [
          { name: '图片（JPEG、PNG）', extensions: ['jpg', 'jpeg', 'png'] },
          { name: '所有文件', extensions: ['*'] },
        ],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseProfilePath() {
      const r = await dialog.showOpenDialog({
        title: '选择输出 ICC 配置文件',
        properties: ['openFile'],
        filters: [{ name: 'ICC 配置文件（CMYK 输出）', extensions: ['icc', 'icm'] }],
      });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSavePath(kind, suggestion) {
      const r = await dialog.showSaveDialog({
        title: kind === 'save' ? '保存版面' : '导出 PDF',
        defaultPath: suggestion,
        filters: kind === 'save' ? [{ name: '版面文件', extensions: ['banmian'] }] : [{ name: 'PDF', extensions: ['pdf'] }],
      });
      return r.canceled ? null : (r.filePath ?? null);
    },
    saved: (owner) => afterSave(host, owner),
    saveAbandoned: (owner) => abandonClose(owner),
  };
  registerIpc(createIpcHandlers(host, ui));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        send: (command) => sendCommand(BrowserWindow.getFocusedWindow(), command),
        dev: !app.isPackaged,
        platform: process.platform,
      }),
    ),
  );

  const file = fileFromArgv(process.argv);
  if (file) {
    const opened = await host.openInitial(file);
    if (!opened.ok) dialog.showErrorBox('无法打开文件', opened.error.message);
  }
  createDocumentWindow({ preload, host });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createDocumentWindow({ preload, host });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void host.close());
}

start().catch((e: unknown) => {
  dialog.showErrorBox('版面 Banmian', (e as Error).message);
  app.exit(1);
});
