/**
 * The images of a desk edition (docs/decisions/0028, 0036): the desk keeps
 * the file's images with the edition and serves them over HTTP to its users,
 * so a client shows the photos and a local copy saved from a desk edition
 * holds them. Every request carries `x-desk-user` and
 * `authorization: Bearer TOKEN`. `GET /assets?edition=NAME` answers
 * `{ assets: [{ entry, data }] }` (data: the bytes in base64), and with
 * `&hash=H` that one image (404 when the desk does not hold it). An image
 * placed during a session is uploaded by the layout editor's host with
 * `POST /assets?edition=NAME` and `{ entry, data }`: checked against its
 * hash and kept by it, so the other clients' hosts fetch it by hash when a
 * photo shows it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { assetEntrySchema } from '../../../shared/format/manifest';
import type { DeskConnection } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import type { AssetData } from '../storage/index';
import { sha256Hex } from '../storage/assets';
import type { SqlRunner } from './desk-db';
import type { DeskUsers } from './desk-users';
import { addEditionAsset, editionAsset, editionAssets, editionExists } from './desk-store';
import { MAX_IMAGE_UPLOAD_BYTES } from '../../../shared/host/web-protocol';

/** The path of the desk's image route. */
export const ASSETS_PATH = '/assets';

const assetSchema = z.object({ entry: assetEntrySchema, data: z.string() });
const answerSchema = z.object({ assets: z.array(assetSchema) });
/** The largest upload body: an image of MAX_IMAGE_UPLOAD_BYTES in base64, with its entry. */
const MAX_UPLOAD_BODY = Math.ceil(MAX_IMAGE_UPLOAD_BYTES / 3) * 4 + 4096;

/** Answers `GET` (all, or one by hash) and `POST` (an upload, layout role) on `/assets?edition=NAME` for an authenticated user. */
export async function serveAssets(req: IncomingMessage, res: ServerResponse, db: SqlRunner, users: DeskUsers): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://desk');
  const edition = url.searchParams.get('edition') ?? '';
  const user = String(req.headers['x-desk-user'] ?? '');
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  if ((req.method !== 'GET' && req.method !== 'POST') || url.pathname !== ASSETS_PATH) {
    res.writeHead(404).end();
    return;
  }
  const actor = users.authenticate(user, token);
  if (!actor) {
    res.writeHead(401).end();
    return;
  }
  if (!(await editionExists(db, edition))) {
    res.writeHead(404).end();
    return;
  }
  if (req.method === 'POST') return receiveAsset(req, res, db, edition, actor.role === 'layout');
  const hash = url.searchParams.get('hash');
  const one = hash === null ? null : await editionAsset(db, edition, hash);
  if (hash !== null && !one) {
    res.writeHead(404).end();
    return;
  }
  const assets = one ? [one] : await editionAssets(db, edition);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ assets }));
}

/** Keeps an uploaded image: only the layout role places images (placing is a layout step), at most MAX_IMAGE_UPLOAD_BYTES, its bytes matching its hash. */
async function receiveAsset(req: IncomingMessage, res: ServerResponse, db: SqlRunner, edition: string, mayPlace: boolean): Promise<void> {
  if (!mayPlace) {
    res.writeHead(403).end();
    req.resume();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_UPLOAD_BODY) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(chunk);
  }
  let parsed;
  try {
    parsed = assetSchema.safeParse(JSON.parse(Buffer.concat(chunks).toString('utf8')));
  } catch {
    parsed = null;
  }
  if (!parsed?.success) {
    res.writeHead(400).end();
    return;
  }
  const bytes = new Uint8Array(Buffer.from(parsed.data.data, 'base64'));
  if (bytes.length === 0 || bytes.length !== parsed.data.entry.bytes || sha256Hex(bytes) !== parsed.data.entry.hash) {
    res.writeHead(400).end();
    return;
  }
  await addEditionAsset(db, edition, { entry: parsed.data.entry, bytes });
  res.writeHead(204).end();
}

/** The request's URL and headers for a desk's image route. */
function assetRequest(desk: DeskConnection, hash?: string): { url: string; headers: Record<string, string> } {
  const q = new URLSearchParams({ edition: desk.edition, ...(hash ? { hash } : {}) });
  return { url: `${desk.url.replace(/\/$/, '')}${ASSETS_PATH}?${q}`, headers: { 'x-desk-user': desk.user, authorization: `Bearer ${desk.token}` } };
}

/** Fetches a desk edition's images (each checked against its hash); with `hash`, that one image (none when the desk does not hold it). */
export async function fetchDeskAssets(desk: DeskConnection, hash?: string): Promise<Result<AssetData[]>> {
  let body: unknown;
  try {
    const request = assetRequest(desk, hash);
    const res = await fetch(request.url, { headers: request.headers });
    if (hash && res.status === 404) return ok([]);
    if (!res.ok) return fail('DESK_ASSETS', `the desk answered ${res.status} for the edition's images`);
    body = await res.json();
  } catch (e) {
    return fail('DESK_ASSETS', `the edition's images could not be fetched: ${(e as Error).message}`);
  }
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return fail('DESK_ASSETS', 'the desk sent images in a form this version does not know');
  const assets: AssetData[] = [];
  for (const { entry, data } of parsed.data.assets) {
    const bytes = new Uint8Array(Buffer.from(data, 'base64'));
    if (sha256Hex(bytes) !== entry.hash) return fail('DESK_ASSETS', `image ${entry.hash.slice(0, 12)}… does not match its hash`);
    assets.push({ entry, bytes });
  }
  return ok(assets);
}

/** Uploads an image placed during a session to the desk (kept by hash; sending it again is harmless). */
export async function uploadDeskAsset(desk: DeskConnection, asset: AssetData): Promise<Result<void>> {
  try {
    const request = assetRequest(desk);
    const res = await fetch(request.url, {
      method: 'POST',
      headers: { ...request.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ entry: asset.entry, data: Buffer.from(asset.bytes).toString('base64') }),
    });
    if (res.status === 403) return fail('FORBIDDEN', 'only the layout role places images on the desk');
    if (!res.ok) return fail('DESK_ASSETS', `the desk answered ${res.status} for the image`);
    return ok(undefined);
  } catch (e) {
    return fail('DESK_ASSETS', `the image could not be sent to the desk: ${(e as Error).message}`);
  }
}
