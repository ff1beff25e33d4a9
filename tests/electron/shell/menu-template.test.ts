import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { APP_COMMANDS } from '../../../shared/host/host-api';
import type { AppCommand } from '../../../shared/host/host-api';
import { menuTemplate } from '../../../electron/node/shell/menu-template';
import { closeChoice, CLOSE_PROMPT, dirtyDocumentsOf } from '../../../electron/node/shell/close-prompt';
import { SessionStore } from '../../../electron/node/session/session-store';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...items((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
}

describe('menu template', () => {
  it('has 文件, 编辑 and 视图 menus whose items send every menu command with an accelerator', () => {
    const sent: AppCommand[] = [];
    const template = menuTemplate({ send: (c) => sent.push(c), dev: false, platform: 'linux' });
    expect(template.map((m) => m.label)).toEqual(['文件', '编辑', '视图']);
    const clickable = items(template).filter((i) => i.click);
    for (const i of clickable) {
      expect(i.accelerator, i.label).toBeTruthy();
      (i.click as () => void)();
    }
    const menuCommands = APP_COMMANDS.filter((c) => c !== 'saveAndClose');
    expect([...sent].sort()).toEqual([...menuCommands].sort());
    const accelerators = clickable.map((i) => i.accelerator);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('has 置入图片… in 文件, after 导入稿件…, sending placeImage with Mod+Shift+D (Mod+D stays the editor\'s duplicate)', () => {
    const sent: AppCommand[] = [];
    const file = menuTemplate({ send: (c) => sent.push(c), dev: false, platform: 'linux' })[0]!;
    const list = file.submenu as MenuItemConstructorOptions[];
    const labels = list.map((i) => i.label);
    const at = labels.indexOf('置入图片…');
    expect(at).toBe(labels.indexOf('导入稿件…') + 1);
    const place = list[at]!;
    expect(place.accelerator).toBe('CmdOrCtrl+Shift+D');
    (place.click as () => void)();
    expect(sent).toEqual(['placeImage']);
    expect(items([file]).map((i) => i.accelerator)).not.toContain('CmdOrCtrl+D');
  });

  it('adds the developer tools only in a development build', () => {
    const roles = (dev: boolean) => items(menuTemplate({ send: () => undefined, dev, platform: 'linux' })).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});

describe('close prompt', () => {
  it('offers 保存 / 不保存 / 取消 and lists the unsaved documents of that window only', () => {
    expect(CLOSE_PROMPT.buttons).toEqual(['保存', '不保存', '取消']);
    expect([0, 1, 2].map(closeChoice)).toEqual(['save', 'discard', 'cancel']);
    const store = new SessionStore();
    const a = store.create({ path: '/d/a.banmian', pages: [] });
    const b = store.create({ path: '/d/b.banmian', pages: [] });
    const c = store.create({ path: '/d/c.banmian', pages: [] });
    a.owner = 1;
    b.owner = 1;
    c.owner = 2;
    a.dirty = true;
    c.dirty = true;
    expect(dirtyDocumentsOf(store, 1)).toEqual(['a.banmian']);
    expect(dirtyDocumentsOf(store, 3)).toEqual([]);
  });
});
