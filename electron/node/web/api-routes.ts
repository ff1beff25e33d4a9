/**
 * Web mode's API: `POST /api/<method>` for every method of the host's table
 * (shared/host/host-methods.ts) — its arguments read from the request and
 * checked against the table, then the HostService's method of the same name
 * — and the image assets by URL. Every answer is a Result as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { assetHashSchema, handleSchema } from '../../../shared/host/host-schemas';
import { checkHostArguments, isHostMethodName } from '../../../shared/host/host-methods';
import { API_PREFIX, ASSET_ROUTE } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { invokeHostMethod } from '../host/call-host-method';
import type { HostService } from '../host/host-service';
import { readMethodArguments } from './method-arguments';

export function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Handles an authenticated request under /api/. */
export async function handleApi(host: HostService, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path.startsWith(ASSET_ROUTE)) {
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes GET`));
    const original = req.headers[ORIGINAL_ASSETS_HEADER.toLowerCase()] === '1';
    return sendAsset(host, res, path.slice(ASSET_ROUTE.length), original);
  }
  const name = path.slice(API_PREFIX.length);
  if (!isHostMethodName(name)) return sendJson(res, 404, fail('NOT_FOUND', `no such API route: ${path}`));
  if (method !== 'POST') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes POST`));
  const read = await readMethodArguments(name, req);
  if (!read.ok) {
    // The rest of a refused body is never read: end the connection with the answer.
    if (read.status === 413 || read.status === 415) res.setHeader('Connection', 'close');
    return sendJson(res, read.status, fail(read.code, read.message));
  }
  const checked = checkHostArguments(name, read.args);
  if (!checked.ok) return sendJson(res, 400, checked);
  return sendJson(res, 200, await invokeHostMethod(host, name, checked.value as readonly unknown[], {}));
}

/**
 * Sent by our print browser: answer asset requests with the original image,
 * not the screen proxy, so the PDF carries full resolution.
 */
export const ORIGINAL_ASSETS_HEADER = 'X-Banmian-Original-Assets';

async function sendAsset(host: HostService, res: ServerResponse, rest: string, original: boolean): Promise<void> {
  const [rawHandle, rawHash, ...extra] = rest.split('/');
  const handle = handleSchema.safeParse(decodeSegment(rawHandle ?? ''));
  const hash = assetHashSchema.safeParse(rawHash);
  if (extra.length > 0 || !handle.success || !hash.success) {
    return sendJson(res, 400, fail('BAD_REQUEST', 'asset URLs are /api/asset/<handle>/<sha256>'));
  }
  const proxy = original ? await host.assetOriginal(handle.data, hash.data) : await host.assetProxy(handle.data, hash.data);
  if (!proxy.ok) return sendJson(res, proxy.error.code === 'BAD_IMAGE' ? 500 : 404, proxy);
  res.writeHead(200, {
    'Content-Type': proxy.value.mime,
    'Content-Length': String(proxy.value.bytes.byteLength),
    // Content-addressed: the bytes of a hash never change.
    'Cache-Control': 'private, max-age=31536000, immutable',
  });
  res.end(proxy.value.bytes);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
