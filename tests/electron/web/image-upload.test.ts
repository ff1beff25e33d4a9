import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostService } from '../../../electron/node/host/host-service';
import { handleImageUpload } from '../../../electron/node/web/image-upload';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { COPY_HANDLE_HEADER, COPY_NAME_HEADER, TOKEN_HEADER, WEB_ROUTES } from '../../../shared/host/web-protocol';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { PROJECT_ROOT } from '../../e2e/support/web';
import { rawRequest } from './http-client';

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

  const upload = (headers: Record<string, string>, body: Buffer) => rawRequest(server.port, { method: 'POST', path: WEB_ROUTES.importImage, headers, body });
  const good = () => ({ [TOKEN_HEADER]: server.token, 'Content-Type': 'application/octet-stream', [COPY_HANDLE_HEADER]: handle, [COPY_NAME_HEADER]: encodeURIComponent('湖畔.jpg') });

  it('adds the image to the document; its screen proxy and original are then served by hash', async () => {
    const r = await upload(good(), photo);
    expect(r.status).toBe(200);
    const body = r.json() as { ok: true; value: { hash: string; name: string; pixelWidth: number; pixelHeight: number } };
    expect(body.ok).toBe(true);
    expect(body.value).toMatchObject({ name: '湖畔.jpg', pixelWidth: 2560, pixelHeight: 1600 });
    const proxy = await rawRequest(server.port, { path: `${WEB_ROUTES.asset}${handle}/${body.value.hash}?token=${server.token}` });
    expect(proxy.status).toBe(200);
    expect(proxy.body.length).toBeLessThan(photo.length);
    const original = await rawRequest(server.port, { path: `${WEB_ROUTES.asset}${handle}/${body.value.hash}?token=${server.token}`, headers: { 'X-Banmian-Original-Assets': '1' } });
    expect(original.body.equals(photo)).toBe(true);
  });

  it('needs the token, an octet-stream body, the document and the name', async () => {
    const { [TOKEN_HEADER]: _t, ...noToken } = good();
    expect((await upload(noToken, photo)).status).toBe(401);
    expect((await upload({ ...good(), 'Content-Type': 'image/jpeg' }, photo)).status).toBe(415);
    const { [COPY_HANDLE_HEADER]: _h, ...noHandle } = good();
    expect((await upload(noHandle, photo)).status).toBe(400);
    const { [COPY_NAME_HEADER]: _n, ...noName } = good();
    expect((await upload(noName, photo)).status).toBe(400);
    expect((await upload({ ...good(), [COPY_NAME_HEADER]: '%E0%A4%A' }, photo)).status).toBe(400);
  });

  it('answers a hostile file with a one-line refusal', async () => {
    const r = await upload({ ...good(), [COPY_NAME_HEADER]: 'notes.jpg' }, Buffer.from('plain text'));
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ ok: false, error: { code: 'NOT_AN_IMAGE' } });
  });

  it('refuses a body over the limit before reading it all', async () => {
    const req = Readable.from([Buffer.alloc(4096, 0xff)]) as unknown as IncomingMessage;
    req.headers = { 'content-type': 'application/octet-stream', [COPY_HANDLE_HEADER.toLowerCase()]: 'h', [COPY_NAME_HEADER.toLowerCase()]: 'big.jpg' };
    const answer = await handleImageUpload(new HostService(), req, 1024);
    expect(answer.status).toBe(413);
    expect(!answer.body.ok && answer.body.error.message).toBe('big.jpg is larger than 1 KiB');
  });
});
