/**
 * The application's keyboard shortcuts, as a pure mapping from a key event to
 * an {@link AppCommand} (the same commands the desktop menus send).
 */
import type { AppCommand } from '../../shared/host/host-api';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The command a key press asks for, or null. `mac` makes ⌘ the Mod key. */
export function shortcutCommand(e: KeyLike, mac: boolean): AppCommand | null {
  const mod = mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  if (!mod || e.altKey) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  switch (key) {
    case 's':
      return e.shiftKey ? 'saveAs' : 'save';
    case 'o':
      return e.shiftKey ? null : 'open';
    case 'i':
      return e.shiftKey ? null : 'importCopy';
    case 'd':
      // Without Shift it is the editor's duplicate (arrange-plugin.ts).
      return e.shiftKey ? 'placeImage' : null;
    case 'p':
      return e.shiftKey ? 'pageSetup' : 'exportPdf';
    case 'k':
      return e.shiftKey ? 'connectDesk' : null;
    case 'e':
      return e.shiftKey ? null : 'exportPdf';
    case 'z':
      return e.shiftKey ? 'redo' : 'undo';
    case 'y':
      return e.shiftKey ? null : 'redo';
    case '=':
    case '+':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'zoomFit';
    case '1':
      return e.shiftKey ? null : 'zoomActual';
    default:
      return null;
  }
}

export function isMacPlatform(nav: { platform?: string; userAgent?: string } = globalThis.navigator ?? {}): boolean {
  return /Mac|iPhone|iPad/.test(nav.platform ?? '') || /Mac OS X/.test(nav.userAgent ?? '');
}
