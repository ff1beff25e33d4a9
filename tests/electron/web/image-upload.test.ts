import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMethodArguments } from '../../../electron/node/web/method-arguments';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { ASSET_ROUTE, FILE_NAME_HEADER, methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { PROJECT_ROOT } from '../../e2e/support/web';
import { rawRequest, uploadHeaders } from './http-client';

const dir = mkdtempSync(join(tmpdir(), 'bm-image-upload-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
const photo = readFileSync(join(PROJECT_ROOT, 'fixtures', 'photos', 'lakeside-evening.jpg'));

describe('image upload route', () => {
  let server: WebServer;
  let handle: string;

  beforeAll(async () => {
    server = await startWebServer({ rendererDir, file: (await writeSampleFile(dir)).path, journal: null });
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) throw new Error('no initial document');
    handle = initial.value.handle;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (headers: Record<string, string>, body: Buffer) => rawRequest(server.port, { method: 'POST', path: methodRoute('importImage'), headers, body });
  const good = () => uploadHeaders(server.token, '湖畔.jpg', { handle });

  it('adds the image to the document; its screen proxy and original are then served by hash', async () => {
    const r = await upload(good(), photo);
    expect(r.status).toBe(200);
    const body = r.json() as { ok: true; value: { hash: string; name: string; pixelWidth: number; pixelHeight: number } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ name: '湖畔.jpg', pixelWidth: 2560, pixelHeight: 1600 });
    const proxy = await rawRequest(server.port, { path: `${ASSET_ROUTE}${handle}/${body.value.hash}?token=${server.token}` });
    expect(proxy.status).toBe(200);
    expect(proxy.body.length).toBeLessThan(photo.length);
    const original = await rawRequest(server.port, { path: `${ASSET_ROUTE}${handle}/${body.value.hash}?token=${server.token}`, headers: { 'X-Banmian-Original-Assets': '1' } });
    expect(original.body.equals(photo)).toBe(true);
  });

  it('needs the token, an octet-stream body, the document and the name', async () => {
    const { [TOKEN_HEADER]: _t, ...noToken } = good();
    expect((await upload(noToken, photo)).status).toBe(401);
    expect((await upload({ ...good(), 'Content-Type': 'image/jpeg' }, photo)).status).toBe(415);
    expect((await upload(uploadHeaders(server.token, '湖畔.jpg', null), photo)).status).toBe(400);
    expect((await upload(uploadHeaders(server.token, null, { handle }), photo)).status).toBe(400);
    expect((await upload({ ...good(), [FILE_NAME_HEADER]: '%E0%A4%A' }, photo)).status).toBe(400);
  });

  it('answers a hostile file with a one-line refusal', async () => {
    const r = await upload(uploadHeaders(server.token, 'notes.jpg', { handle }), Buffer.from('plain text'));
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } });
  });

  it('refuses a body over the limit before reading it all', async () => {
    const req = Readable.from([Buffer.alloc(4096, 0xff)]) as unknown as IncomingMessage;
    req.headers = Object.fromEntries(Object.entries(uploadHeaders(null, 'big.jpg', { handle: 'h' })).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = await readMethodArguments('importImage', req, 1024);
    expect(answer.ok || [answer.status, answer.message]).toEqual([413, 'big.jpg is larger than 1 KiB']);
  });
});
