/**
 * IPC channel names between the Electron preload and main. Pure constants:
 * the sandboxed preload bundles this file.
 */
import type { HostMethodName } from '../../../shared/host/host-methods';

/** The invoke channel of a method of the host's table. */
export function channelOf(method: HostMethodName): string {
  return `banmian:${method}`;
}

/**
 * Preload → main, synchronously, once: the names of the table's public
 * methods. Main handles exactly the table; asking it keeps the table's zod
 * schemas out of the preload, which every window loads before its page.
 */
export const METHODS_CHANNEL = 'banmian:methods';

/** Main → renderer: an AppCommand (menus, accelerators, close prompt). */
export const COMMAND_CHANNEL = 'banmian:command';

/** Main → renderer: `(job, ExportProgress)` of an export the renderer asked to follow. */
export const EXPORT_PROGRESS_CHANNEL = 'banmian:export-progress';

/** Scheme the renderer bundle is served from in Electron (a standard, secure origin). */
export const APP_SCHEME = 'banmian-app';
/** The app's origin and page. */
export const APP_ORIGIN = `${APP_SCHEME}://app`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Scheme of asset URLs in Electron (screen proxies; originals for print). */
export const ASSET_SCHEME = 'banmian-asset';

/** The asset URL of an image; print mode asks for the original. */
export function electronAssetUrl(handle: string, hash: string, original = false): string {
  return `${ASSET_SCHEME}://doc/${encodeURIComponent(handle)}/${encodeURIComponent(hash)}${original ? '?original=1' : ''}`;
}

/** Handle, hash and whether the original is wanted, from an asset URL; null when malformed. */
export function parseAssetUrl(url: string): { handle: string; hash: string; original: boolean } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${ASSET_SCHEME}:` || parsed.host !== 'doc') return null;
  const parts = parsed.pathname.split('/').filter((p) => p !== '');
  if (parts.length !== 2) return null;
  try {
    return { handle: decodeURIComponent(parts[0]!), hash: decodeURIComponent(parts[1]!), original: parsed.searchParams.get('original') === '1' };
  } catch {
    return null;
  }
}

/** Whether a frame URL is our own page (and so may call the host). */
export function isOwnPageUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === 'app' && parsed.pathname === '/index.html';
  } catch {
    return false;
  }
}
