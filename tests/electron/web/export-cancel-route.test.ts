/**
 * Web mode's routes for 取消 and 选择…: POST /api/export-cancel stops the
 * export running under a job id (its POST then answers CANCELLED), and
 * POST /api/output-profile takes a profile's bytes, checks and keeps it.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../../electron/node/export/printer';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import type { ChosenProfile, ExportInfo, ExportProgress } from '../../../shared/host/host-api';
import { methodRoute, TOKEN_HEADER } from '../../../shared/host/web-protocol';
import { mmToPt } from '../../../shared/page/units';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { apiCall, rawRequest, uploadHeaders } from './http-client';

const dir = mkdtempSync(join(tmpdir(), 'bm-cancel-route-'));
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');

describe('export cancel and output profile routes', () => {
  let server: WebServer;
  let handle: string;
  let pages: unknown[];

  beforeAll(async () => {
    const sample = await writeSampleFile(dir);
    pages = sample.pages;
    server = await startWebServer({ rendererDir, file: sample.path, journal: null });
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) throw new Error('no initial document');
    handle = initial.value.handle;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops the export of a job mid-print; it answers CANCELLED and writes nothing', async () => {
    let printing: () => void = () => {};
    const started = new Promise<void>((resolve) => (printing = resolve));
    const printer: PdfPrinter = {
      async print(request) {
        request.onPrinting?.();
        printing();
        await new Promise((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(new Error('browser closed'))));
        const pdf = await PDFDocument.create();
        pdf.addPage([mmToPt(request.paper.width), mmToPt(request.paper.height)]);
        return pdf.save();
      },
      async close() {},
    };
    server.host.printer = printer;
    const out = join(dir, 'cancelled.pdf');
    const job = 'job-route-0001';
    const exporting = apiCall<ExportInfo>(server, 'exportWithOptions', { handle, pages, path: out, options: { variant: 'proof' }, job });
    await started;
    const heard = await apiCall<ExportProgress[]>(server, 'exportProgress', job);
    expect(heard.ok && heard.value.map((p) => p.stage)).toEqual(['layout', 'print']);
    expect(await apiCall<boolean>(server, 'cancelExport', job)).toEqual({ ok: true, value: true });
    const r = await exporting;
    expect(r.ok || r.error.code).toBe('CANCELLED');
    expect(existsSync(out)).toBe(false);
    expect(await apiCall<boolean>(server, 'cancelExport', job)).toEqual({ ok: true, value: false });
    const bad = await rawRequest(server.port, {
      method: 'POST',
      path: methodRoute('cancelExport'),
      headers: { [TOKEN_HEADER]: server.token, 'Content-Type': 'application/json' },
      body: JSON.stringify(['../x']),
    });
    expect(bad.status).toBe(400);
  });

  const upload = (name: string | null, body: Buffer, type = 'application/octet-stream') =>
    rawRequest(server.port, {
      method: 'POST',
      path: methodRoute('uploadOutputProfile'),
      headers: { ...uploadHeaders(server.token, name, null), 'Content-Type': type },
      body,
    });

  it('keeps an uploaded CMYK output profile and answers its path and description', async () => {
    const bytes = readFileSync(shippedProfilePath());
    const r = await upload('印厂新闻纸.icc', bytes);
    expect(r.status).toBe(200);
    const body = r.json() as { ok: true; value: ChosenProfile };
    expect(body.value.name).toBe('印厂新闻纸.icc');
    expect(body.value.description).not.toBe('');
    expect(readFileSync(body.value.path).equals(bytes)).toBe(true);
  });

  it('refuses a non-profile with one line, a missing name, a wrong type and no token', async () => {
    const r = await upload('notes.icc', Buffer.from('not a profile at all, just some text that is long enough '.repeat(4)));
    expect(r.json()).toEqual({
      ok: false,
      error: { code: 'BAD_PROFILE', message: 'notes.icc is not an ICC profile (no "acsp" signature)', messageZh: 'notes.icc 不是 ICC 配置文件（没有“acsp”标记）' },
    });
    expect((await upload(null, Buffer.alloc(10))).status).toBe(400);
    expect((await upload('a/b.icc', Buffer.alloc(10))).status).toBe(400);
    expect((await upload('x.icc', Buffer.alloc(10), 'text/plain')).status).toBe(415);
    const noToken = await rawRequest(server.port, { method: 'POST', path: methodRoute('uploadOutputProfile'), headers: uploadHeaders(null, 'x.icc', null), body: Buffer.alloc(10) });
    expect(noToken.status).toBe(401);
  });
});
