/**
 * Hardening every web contents the app creates: no navigation away from our
 * page, no new windows, no <webview>, no permissions.
 */
import { app, session } from 'electron';
import type { WebPreferences } from 'electron';
import { isOwnPageUrl } from '../node/ipc/channels';
import { contentSecurityPolicy } from '../node/web/security';

/** The page's Content-Security-Policy: no eval, scripts from the app only. */
// The same policy as web mode's, plus the asset scheme the desktop app loads images from, and
// WebSockets to any desk (文件 › 连接版面服务器… names it at run time; decision 0024).
export const ELECTRON_CSP = contentSecurityPolicy(['banmian-asset:'], ['ws:', 'wss:']);

export function secureWebPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function hardenApp(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isOwnPageUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isOwnPageUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
