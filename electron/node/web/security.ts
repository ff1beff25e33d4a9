/**
 * Web mode's guards. The server listens on 127.0.0.1 only, but any web page
 * the user visits can make the browser send requests there, and a DNS
 * rebinding attack can make them look same-origin. So every request must
 * come from a loopback address, name this server in its Host header and
 * carry the per-launch token.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { TOKEN_COOKIE, TOKEN_HEADER, TOKEN_QUERY } from '../../../shared/host/web-protocol';

/** A fresh per-launch token: 256 bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Whether a socket's remote address is the local machine. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** Whether the Host header names this server (`127.0.0.1:<port>` or `localhost:<port>`). */
export function isOwnHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  const h = host.toLowerCase();
  return h === `127.0.0.1:${port}` || h === `localhost:${port}`;
}

/** Compares tokens without leaking, through timing, how much of a guess was right. */
export function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where a request may carry the token. */
export interface TokenSources {
  header: string | null;
  query: string | null;
  cookie: string | null;
}

export function tokenSources(req: IncomingMessage, url: URL): TokenSources {
  const header = req.headers[TOKEN_HEADER.toLowerCase()];
  return {
    header: typeof header === 'string' ? header : null,
    query: url.searchParams.get(TOKEN_QUERY),
    cookie: readCookie(req.headers.cookie, TOKEN_COOKIE),
  };
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

/** The cookie that lets the page load its own scripts, styles and fonts. */
export function tokenCookie(token: string): string {
  return `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

/**
 * The page's Content-Security-Policy: only its own scripts, no eval; images
 * from itself or data/blob URLs; connections to itself and the
 * `extraConnectSources` (the desk a web server was started with); nothing may frame it.
 */
export function contentSecurityPolicy(extraImageSources: readonly string[] = [], extraConnectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    ["img-src 'self' data: blob:", ...extraImageSources].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    ["connect-src 'self'", ...extraConnectSources].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

/** The WebSocket origin of a desk URL (`http://h:p/…` → `ws://h:p`), for connect-src. */
export function deskConnectSource(url: string): string {
  const u = new URL(url);
  const scheme = u.protocol === 'https:' || u.protocol === 'wss:' ? 'wss:' : 'ws:';
  return `${scheme}//${u.host}`;
}
