/**
 * Web mode: the renderer served on 127.0.0.1 to a browser, with the HostApi
 * over HTTP (shared/host/web-protocol.ts). Also what the CLI's export, the
 * bench and the end-to-end tests print through.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { join } from 'node:path';
import { API_PREFIX, ASSET_ROUTE, PRINT_QUERY, TOKEN_QUERY } from '../../../shared/host/web-protocol';
import type { DeskConnection } from '../../../shared/host/host-api';
import type { HostErrorCode } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { createChromiumPrinter } from '../export/chromium-printer';
import { defaultThumbnailDir, rendererBuildId, ThumbnailDiskCache } from '../export/thumbnail-disk-cache';
import { HostService } from '../host/host-service';
import { projectRoot } from '../project-root';
import type { Journal } from '../recovery/index';
import { createJournal, defaultRecoveryDir } from '../recovery/index';
import { handleApi, ORIGINAL_ASSETS_HEADER, sendJson } from './api-routes';
import { serveStatic } from './static-files';
import { CONTENT_SECURITY_POLICY, contentSecurityPolicy, deskConnectSource, isLoopbackAddress, isOwnHost, newToken, tokenCookie, tokenMatches, tokenSources } from './security';

export interface WebServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** A `.banmian` file to open as the initial document. */
  file?: string | null;
  /** The renderer bundle to serve (default: the project's dist/renderer). */
  rendererDir?: string;
  /**
   * The crash-recovery journal: default, the one in defaultRecoveryDir()
   * ($BANMIAN_RECOVERY_DIR, else XDG state); null: recovery endpoints answer NOT_AVAILABLE.
   */
  journal?: Journal | null;
  /** A desk edition to join at start (`banmian web --desk URL --edition NAME --user NAME`). */
  desk?: DeskConnection | null;
  /** How long print mode may take to become ready. */
  readyTimeoutMs?: number;
  /** Starts the print browser (default: launchChromium); the export command hands over one it started early. */
  launch?: () => Promise<Browser>;
  /**
   * Where page thumbnails are kept between runs: default defaultThumbnailDir()
   * ($BANMIAN_THUMBNAIL_DIR, else XDG state); null: in memory only.
   */
  thumbnailDir?: string | null;
}

export interface WebServer {
  /** The URL to open, token included. */
  url: string;
  token: string;
  port: number;
  /** The host operations behind the server (sessions, export). */
  host: HostService;
  /** The print-mode URL of a session. */
  printUrl(handle: string): string;
  close(): Promise<void>;
}

/** The project's dist/renderer, found from this module's location (source or bundle). */
export function defaultRendererDir(): string {
  return join(projectRoot(), 'dist', 'renderer');
}

export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const token = newToken();
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const journal = options.journal === undefined ? createJournal(defaultRecoveryDir()) : options.journal;
  const thumbnailDir = options.thumbnailDir === undefined ? defaultThumbnailDir() : options.thumbnailDir;
  const host = new HostService({ journal, desk: options.desk ?? null, thumbnails: { disk: thumbnailDir ? new ThumbnailDiskCache(thumbnailDir) : null, build: rendererBuild(rendererDir) } });
  // The page may open a WebSocket to the desk it was started with, and to nothing else.
  const csp = options.desk ? contentSecurityPolicy([], [deskConnectSource(options.desk.url)]) : CONTENT_SECURITY_POLICY;
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, fail('INTERNAL', (e as Error).message.split('\n')[0]!));
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The token travels in URLs: never let it leave in a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!isLoopbackAddress(req.socket.remoteAddress)) return deny(res, 403, 'FORBIDDEN', 'only this computer may connect');
    if (!isOwnHost(req.headers.host, port)) return deny(res, 403, 'FORBIDDEN', 'wrong Host header');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const given = tokenSources(req, url);
    if (url.pathname.startsWith(API_PREFIX)) {
      // API calls send the header; <img> asset URLs cannot, so they may use the query or the cookie.
      const isAsset = url.pathname.startsWith(ASSET_ROUTE) && (req.method === 'GET' || req.method === 'HEAD');
      const candidates = isAsset ? [given.header, given.query, given.cookie] : [given.header];
      const check = authorise(candidates, token);
      if (check !== 200) return deny(res, check, check === 401 ? 'NO_TOKEN' : 'BAD_TOKEN', 'missing or wrong token');
      return handleApi(host, req, res, url);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(res, 405, 'METHOD_NOT_ALLOWED', 'static files take GET');
    const check = authorise([given.query, given.cookie], token);
    if (check !== 200) return deny(res, check, check === 401 ? 'NO_TOKEN' : 'BAD_TOKEN', 'open the URL banmian web printed, token included');
    const headers: Record<string, string> = { 'Content-Security-Policy': csp };
    if (tokenMatches(given.query, token)) headers['Set-Cookie'] = tokenCookie(token);
    await serveStatic(req, res, { root: rendererDir, pathname: url.pathname, headers });
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(new Error(e.code === 'EADDRINUSE' ? `port ${options.port} is already in use` : `cannot listen: ${e.message}`)),
    );
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}/`;
  const printUrl = (h: string) => `${base}?${PRINT_QUERY}=${encodeURIComponent(h)}&${TOKEN_QUERY}=${token}`;
  host.printer = createChromiumPrinter({ printUrl, readyTimeoutMs: options.readyTimeoutMs, headers: { [ORIGINAL_ASSETS_HEADER]: '1' }, launch: options.launch });

  const close = async () => {
    await host.close();
    await closeServer(server);
  };
  if (options.file) {
    const opened = await host.openInitial(options.file);
    if (!opened.ok) {
      await close();
      throw new Error(opened.error.message);
    }
  }
  return { url: `${base}?${TOKEN_QUERY}=${token}`, token, port, host, printUrl, close };
}

/** 200 when one candidate is the token, 401 when none was given, 403 when one was wrong. */
function authorise(candidates: (string | null)[], token: string): 200 | 401 | 403 {
  if (candidates.some((c) => tokenMatches(c, token))) return 200;
  return candidates.some((c) => c !== null) ? 403 : 401;
}

function deny(res: ServerResponse, status: number, code: HostErrorCode, message: string): void {
  sendJson(res, status, fail(code, message));
}

function closeServer(server: Server): Promise<void> {
  return new Promise((done) => {
    server.close(() => done());
    server.closeAllConnections();
  });
}

/** The renderer build being served (its entry's hash), '' when it cannot be read. */
function rendererBuild(rendererDir: string): string {
  try {
    return rendererBuildId(readFileSync(join(rendererDir, 'index.html'), 'utf8'));
  } catch {
    return '';
  }
}
