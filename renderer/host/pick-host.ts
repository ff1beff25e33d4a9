/**
 * The host the renderer talks to: the Electron preload's `window.banmian`
 * when present, else the web host over HTTP with the page URL's token.
 */
import type { HostApi } from '../../shared/host/host-api';
import { TOKEN_QUERY } from '../../shared/host/web-protocol';
import { t } from '../i18n/i18n';
import { createWebHost } from './web-host';
import type { PathPrompt } from './web-host';

declare global {
  interface Window {
    banmian?: HostApi;
  }
}

const promptPath: PathPrompt = (kind, suggestion) => {
  const label = kind === 'open' ? t('promptOpen') : kind === 'save' ? t('promptSave') : t('promptExport');
  return window.prompt(label, suggestion);
};

export function pickHost(): HostApi {
  if (window.banmian) return window.banmian;
  const token = new URLSearchParams(window.location.search).get(TOKEN_QUERY) ?? '';
  return createWebHost({ origin: window.location.origin, token, prompt: promptPath });
}
