/**
 * The images of a desk edition (docs/decisions/0028): the desk keeps the
 * file's images with the edition and serves them over HTTP to its users, so
 * a client shows the photos and a local copy saved from a desk edition holds
 * them. `GET /assets?edition=NAME` with `x-desk-user` and
 * `authorization: Bearer TOKEN` answers `{ assets: [{ entry, data }] }`
 * (data: the bytes in base64). Images placed during the session are not
 * shared yet (see the decision).
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
import { editionAssets, editionExists } from './desk-store';

/** The path of the desk's image route. */
export const ASSETS_PATH = '/assets';

const answerSchema = z.object({ assets: z.array(z.object({ entry: assetEntrySchema, data: z.string() })) });

/** Answers `GET /assets?edition=NAME` for an authenticated user. */
export async function serveAssets(req: IncomingMessage, res: ServerResponse, db: SqlRunner, users: DeskUsers): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://desk');
  const edition = url.searchParams.get('edition') ?? '';
  const user = String(req.headers['x-desk-user'] ?? '');
  const token = /^Bearer (.+)$/.exec(String(req.headers.authorization ?? ''))?.[1] ?? '';
  if (req.method !== 'GET' || url.pathname !== ASSETS_PATH) {
    res.writeHead(404).end();
    return;
  }
  if (!users.authenticate(user, token)) {
    res.writeHead(401).end();
    return;
  }
  if (!(await editionExists(db, edition))) {
    res.writeHead(404).end();
    return;
  }
  const assets = await editionAssets(db, edition);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ assets }));
}

/** Fetches a desk edition's images (each checked against its hash). */
export async function fetchDeskAssets(desk: DeskConnection): Promise<Result<AssetData[]>> {
  let body: unknown;
  try {
    const url = `${desk.url.replace(/\/$/, '')}${ASSETS_PATH}?edition=${encodeURIComponent(desk.edition)}`;
    const res = await fetch(url, { headers: { 'x-desk-user': desk.user, authorization: `Bearer ${desk.token}` } });
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
