/**
 * Web mode's API: each route of shared/host/web-protocol.ts parses its body
 * with zod and calls the HostService. Every answer is a Result as JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import { WEB_ROUTES } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { HostService } from '../host/host-service';
import {
  assetHashSchema,
  dirtyBody,
  exportBody,
  exportCancelBody,
  handleSchema,
  issueLine,
  jobSchema,
  journalBody,
  openPathBody,
  recoveredBody,
  saveBody,
} from './api-schemas';
import { handleCopyUpload } from './copy-upload';
import { handleImageUpload } from './image-upload';
import { handleProfileUpload } from './profile-upload';
import { readJsonBody } from './json-body';

export function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

type PostHandler = (host: HostService, body: never) => Promise<Result<unknown>> | Result<unknown>;

interface PostRoute {
  schema: z.ZodType;
  handle: PostHandler;
}

const post = <S extends z.ZodType>(schema: S, handle: (host: HostService, body: z.infer<S>) => Promise<Result<unknown>> | Result<unknown>): PostRoute => ({
  schema,
  handle: handle as PostHandler,
});

const POST_ROUTES: Record<string, PostRoute> = {
  [WEB_ROUTES.openPath]: post(openPathBody, (host, b) => host.openPath(b.path)),
  [WEB_ROUTES.save]: post(saveBody, (host, b) => host.save(b.handle, b.pages, b.path ?? null)),
  [WEB_ROUTES.exportPdf]: post(exportBody, (host, b) => host.exportWithOptions(b)),
  [WEB_ROUTES.exportCancel]: post(exportCancelBody, (host, b) => host.cancelExport(b.job)),
  [WEB_ROUTES.dirty]: post(dirtyBody, (host, b) => host.setDirty(b.handle, b.dirty)),
  [WEB_ROUTES.journal]: post(journalBody, (host, b) => host.journal(b.handle, b.pages)),
  [WEB_ROUTES.recoveredOpen]: post(recoveredBody, (host, b) => host.openRecovered(b.id)),
  [WEB_ROUTES.recoveredDiscard]: post(recoveredBody, (host, b) => host.discardRecovered(b.id)),
};

/** Handles an authenticated request under /api/. */
export async function handleApi(host: HostService, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  if (path === WEB_ROUTES.importCopy) {
    if (method !== 'POST') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes POST`));
    const answer = await handleCopyUpload(host, req);
    // The rest of a refused body is never read: end the connection with the answer.
    if (answer.status === 413 || answer.status === 415) res.setHeader('Connection', 'close');
    return sendJson(res, answer.status, answer.body);
  }
  if (path === WEB_ROUTES.importImage) {
    if (method !== 'POST') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes POST`));
    const answer = await handleImageUpload(host, req);
    if (answer.status === 413 || answer.status === 415) res.setHeader('Connection', 'close');
    return sendJson(res, answer.status, answer.body);
  }
  if (path === WEB_ROUTES.outputProfile) {
    if (method !== 'POST') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes POST`));
    const answer = await handleProfileUpload(host, req);
    if (answer.status === 413 || answer.status === 415) res.setHeader('Connection', 'close');
    return sendJson(res, answer.status, answer.body);
  }
  const postRoute = POST_ROUTES[path];
  if (postRoute) {
    if (method !== 'POST') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes POST`));
    const body = await readJsonBody(req);
    if (!body.ok) {
      // The rest of an oversized body is never read: end the connection with the answer.
      if (body.status === 413) res.setHeader('Connection', 'close');
      return sendJson(res, body.status ?? 400, { ok: false, error: body.error });
    }
    const parsed = postRoute.schema.safeParse(body.value);
    if (!parsed.success) return sendJson(res, 400, fail('BAD_REQUEST', issueLine(parsed.error)));
    return sendJson(res, 200, await postRoute.handle(host, parsed.data as never));
  }
  if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, fail('METHOD_NOT_ALLOWED', `${path} takes GET`));
  if (path === WEB_ROUTES.initial) return sendJson(res, 200, host.initial());
  if (path === WEB_ROUTES.recovered) return sendJson(res, 200, await host.listRecovered());
  if (path.startsWith(WEB_ROUTES.print)) {
    const handle = handleSchema.safeParse(decodeSegment(path.slice(WEB_ROUTES.print.length)));
    if (!handle.success) return sendJson(res, 400, fail('BAD_REQUEST', 'bad document handle'));
    return sendJson(res, 200, host.printDocument(handle.data));
  }
  if (path.startsWith(WEB_ROUTES.exportProgress)) {
    const job = jobSchema.safeParse(decodeSegment(path.slice(WEB_ROUTES.exportProgress.length)));
    if (!job.success) return sendJson(res, 400, fail('BAD_REQUEST', 'bad export job id'));
    return sendJson(res, 200, ok(host.exportJobs.get(job.data)));
  }
  if (path.startsWith(WEB_ROUTES.asset)) {
    const original = req.headers[ORIGINAL_ASSETS_HEADER.toLowerCase()] === '1';
    return sendAsset(host, res, path.slice(WEB_ROUTES.asset.length), original);
  }
  return sendJson(res, 404, fail('NOT_FOUND', `no such API route: ${path}`));
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
  const proxy = original ? host.assetOriginal(handle.data, hash.data) : await host.assetProxy(handle.data, hash.data);
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
