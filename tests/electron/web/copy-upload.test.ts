import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_NAME_HEADER, methodRoute } from '../../../shared/host/web-protocol';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { readMethodArguments } from '../../../electron/node/web/method-arguments';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { rawRequest, uploadHeaders } from './http-client';
import { Readable } from 'node:stream';
import type { IncomingMessage } from 'node:http';

const dir = mkdtempSync(join(tmpdir(), 'bm-copy-upload-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

function fakeRequest(headers: Record<string, string>, body: Buffer): IncomingMessage {
  const req = Readable.from([body]) as unknown as IncomingMessage;
  req.headers = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return req;
}

describe('copy upload route', () => {
  let server: WebServer;
  let handle: string;

  beforeAll(async () => {
    server = await startWebServer({ rendererDir, file: (await writeSampleFile(dir)).path });
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) throw new Error('no initial document');
    handle = initial.value.handle;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = (headers: Record<string, string>, body: Buffer) =>
    rawRequest(server.port, { method: 'POST', path: methodRoute('importCopy'), headers, body });

  it('needs the token', async () => {
    const r = await upload(uploadHeaders(null, 'a.txt', { handle }), Buffer.from('稿'));
    expect(r.status).toBe(401);
  });

  it('takes only octet-stream bodies (a cross-site form cannot send one without a preflight)', async () => {
    const r = await upload({ ...uploadHeaders(server.token, 'a.txt', { handle }), 'Content-Type': 'text/plain' }, Buffer.from('稿'));
    expect(r.status).toBe(415);
  });

  it('needs the document and the file name', async () => {
    expect((await upload(uploadHeaders(server.token, 'a.txt', null), Buffer.from('稿'))).status).toBe(400);
    expect((await upload(uploadHeaders(server.token, null, { handle }), Buffer.from('稿'))).status).toBe(400);
    expect((await upload({ ...uploadHeaders(server.token, null, { handle }), [FILE_NAME_HEADER]: '%E0%A4%A' }, Buffer.from('稿'))).status).toBe(400);
    expect((await upload(uploadHeaders(server.token, 'a.txt', { handle, evil: 1 }), Buffer.from('稿'))).status).toBe(400);
  });

  it('refuses a body over the limit before reading it all', async () => {
    const answer = await readMethodArguments('importCopy', fakeRequest(uploadHeaders(null, 'a.txt', { handle: 'h' }), Buffer.alloc(2048, 0x41)), 1024);
    expect(answer.ok || answer.status).toBe(413);
  });

  it('answers an empty file with a one-line refusal', async () => {
    const r = await upload(uploadHeaders(server.token, '空稿.txt', { handle }), Buffer.alloc(0));
    expect(r.status).toBe(200);
    expect(r.json()).toEqual({ ok: false, error: { code: 'EMPTY', message: '空稿.txt: the file is empty' } });
  });
});
