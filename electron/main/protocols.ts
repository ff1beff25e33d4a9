/**
 * The shell's two URL schemes: `banmian-app://app/` serves the renderer
 * bundle with a CSP header (no file:// pages), `banmian-asset://doc/…` serves
 * a document's images (screen proxies; originals for print).
 */
import { promises as fs } from 'node:fs';
import { extname } from 'node:path';
import { protocol } from 'electron';
import type { HostService } from '../node/host/host-service';
import { APP_SCHEME, ASSET_SCHEME, parseAssetUrl } from '../node/ipc/channels';
import { staticFilePath } from '../node/web/static-files';
import { ELECTRON_CSP } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Must run before the app is ready. */
export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
    { scheme: ASSET_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

export function handleSchemes(options: { rendererDir: string; host: HostService }): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? staticFilePath(options.rendererDir, url.pathname) : null;
    const bytes = file ? await fs.readFile(file).catch(() => null) : null;
    if (!file || !bytes) return new Response('not found', { status: 404 });
    return new Response(bytes, {
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': ELECTRON_CSP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  });
  protocol.handle(ASSET_SCHEME, async (request) => {
    const parsed = parseAssetUrl(request.url);
    if (!parsed) return new Response('bad asset URL', { status: 400 });
    const image = parsed.original
      ? await options.host.assetOriginal(parsed.handle, parsed.hash)
      : await options.host.assetProxy(parsed.handle, parsed.hash);
    if (!image.ok) return new Response(image.error.message, { status: 404 });
    return new Response(Buffer.from(image.value.bytes), {
      headers: { 'Content-Type': image.value.mime, 'Cache-Control': 'private, max-age=31536000, immutable' },
    });
  });
}
