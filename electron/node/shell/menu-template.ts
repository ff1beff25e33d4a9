/**
 * The native menus (文件 / 编辑 / 视图) as a plain template. Commands that the
 * editor carries out (save, undo, zoom…) are sent to the renderer as
 * AppCommands; clipboard items use Electron's roles.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../../shared/host/host-api';

export interface MenuActions {
  /** Sends a command to the focused window's renderer. */
  send(command: AppCommand): void;
  /** Whether this is a development build (adds the developer tools). */
  dev: boolean;
  platform: NodeJS.Platform;
}

export function menuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const item = (label: string, command: AppCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.send(command),
  });
  const mac = actions.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ role: 'appMenu' });
  template.push(
    {
      label: '文件',
      submenu: [
        item('打开…', 'open', 'CmdOrCtrl+O'),
        { type: 'separator' },
        item('保存', 'save', 'CmdOrCtrl+S'),
        item('另存为…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        item('导入稿件…', 'importCopy', 'CmdOrCtrl+I'),
        // Mod+D is the editor's duplicate (renderer/arrange/arrange-plugin.ts): Place takes Shift.
        item('置入图片…', 'placeImage', 'CmdOrCtrl+Shift+D'),
        item('版面设置…', 'pageSetup', 'CmdOrCtrl+Shift+P'),
        { type: 'separator' },
        item('连接版面服务器…', 'connectDesk', 'CmdOrCtrl+Shift+K'),
        { type: 'separator' },
        item('导出 PDF…', 'exportPdf', 'CmdOrCtrl+E'),
        { type: 'separator' },
        mac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        // ProseMirror's history, not the browser's: sent as commands. The
        // accelerators match the renderer's own shortcuts (renderer/app/shortcuts.ts).
        item('撤销', 'undo', 'CmdOrCtrl+Z'),
        item('重做', 'redo', mac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        item('放大', 'zoomIn', 'CmdOrCtrl+='),
        item('缩小', 'zoomOut', 'CmdOrCtrl+-'),
        item('实际大小', 'zoomActual', 'CmdOrCtrl+1'),
        item('适合窗口', 'zoomFit', 'CmdOrCtrl+0'),
        ...(actions.dev ? ([{ type: 'separator' }, { role: 'toggleDevTools', label: '开发者工具' }] as MenuItemConstructorOptions[]) : []),
      ],
    },
  );
  return template;
}
