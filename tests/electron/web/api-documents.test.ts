import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, rgb } from 'pdf-lib';
import type { ExportInfo, ExportProgress, OpenedDocument, RecoveredEntry, SavedInfo } from '../../../shared/host/host-api';
import type { PdfPrinter } from '../../../electron/node/export/printer';
import { mmToPt } from '../../../shared/page/units';
import type { HostMethodName } from '../../../shared/host/host-methods';
import { ASSET_ROUTE } from '../../../shared/host/web-protocol';
import type { Result } from '../../../shared/result';
import { ORIGINAL_ASSETS_HEADER } from '../../../electron/node/web/api-routes';
import type { WebServer } from '../../../electron/node/web/server';
import { startWebServer } from '../../../electron/node/web/server';
import { readBanmianFile } from '../../../electron/node/storage/index';
import { createJournal } from '../../../electron/node/recovery/index';
import { samplePageJson, writeSampleFile } from '../../e2e/support/sample-document';
import { apiCall, rawRequest } from './http-client';

const dir = mkdtempSync(join(tmpdir(), 'bm-web-docs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('web server documents', () => {
  let server: WebServer;
  let file: Awaited<ReturnType<typeof writeSampleFile>>;
  let doc: OpenedDocument;
  const call = <T>(method: HostMethodName, ...args: unknown[]): Promise<Result<T>> => apiCall<T>(server, method, ...args);

  beforeAll(async () => {
    file = await writeSampleFile(dir, { photo: { width: 3000, height: 2000 } });
    server = await startWebServer({ file: file.path, rendererDir: dir, journal: null });
    const initial = await call<OpenedDocument | null>('initialDocument');
    if (!initial.ok || !initial.value) throw new Error('no initial document');
    doc = initial.value;
  });
  afterAll(() => server?.close());

  it('gives the command line document, validated, with its assets', () => {
    expect(doc.path).toBe(file.path);
    expect(doc.name).toBe('sample.banmian');
    expect(doc.pages).toEqual(file.pages);
    expect(doc.assets.map((a) => a.hash)).toEqual([file.asset!.entry.hash]);
  });

  it('serves an image as a screen proxy of at most 2000 px, and the original to the print browser', async () => {
    const url = `${ASSET_ROUTE}${doc.handle}/${file.asset!.entry.hash}?token=${server.token}`;
    const proxy = await rawRequest(server.port, { path: url });
    expect(proxy.status).toBe(200);
    expect(proxy.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(proxy.body).metadata();
    expect([meta.width, meta.height]).toEqual([2000, 1333]);
    const original = await rawRequest(server.port, { path: url, headers: { [ORIGINAL_ASSETS_HEADER]: '1' } });
    expect(Buffer.compare(original.body, Buffer.from(file.asset!.bytes))).toBe(0);
  });

  it('saves to the document path and to a new path, keeping the photo’s image', async () => {
    const edited = [samplePageJson({ asset: file.asset!, body: '改过的正文。' })];
    const saved = await call<SavedInfo>('saveDocument', { handle: doc.handle, pages: edited });
    expect(saved).toEqual({ ok: true, value: { path: file.path, name: 'sample.banmian', bytes: expect.any(Number) } });
    const copy = join(dir, 'copy.banmian');
    const savedAs = await call<SavedInfo>('saveDocument', { handle: doc.handle, pages: edited, path: copy });
    expect(savedAs.ok && savedAs.value.name).toBe('copy.banmian');
    const back = await readBanmianFile(copy);
    expect(back.ok && back.value.pages).toEqual(edited);
    expect(back.ok && back.value.assets.map((a) => a.entry.hash)).toEqual([file.asset!.entry.hash]);
    const reopened = await call<OpenedDocument>('openPath', copy);
    expect(reopened.ok && reopened.value.pages).toEqual(edited);
    expect(reopened.ok && reopened.value.handle).not.toBe(doc.handle);
  });

  it('refuses invalid pages and leaves the file as it was', async () => {
    const before = await readBanmianFile(file.path);
    const bad = await call<SavedInfo>('saveDocument', { handle: doc.handle, pages: [{ type: 'page', attrs: { settings: {} } }] });
    expect(bad.ok || bad.error.code).toBe('INVALID_PAGES');
    const after = await readBanmianFile(file.path);
    expect(after.ok && after.value.pages).toEqual(before.ok && before.value.pages);
  });

  it('opens a damaged file as a one-line failure while the open document stays usable', async () => {
    const damaged = join(dir, 'damaged.banmian');
    writeFileSync(damaged, 'PK\u0003\u0004 not really a zip');
    const opened = await call<OpenedDocument>('openPath', damaged);
    expect(opened.ok).toBe(false);
    expect(!opened.ok && opened.error.message).not.toContain('\n');
    expect(await call('setDirty', doc.handle, true)).toEqual({ ok: true });
  });

  it('has nothing to print before an export', async () => {
    const print = await call<OpenedDocument>('documentForPrint', doc.handle);
    expect(print.ok || print.error.code).toBe('NOTHING_TO_PRINT');
  });

  it('exports with the dialog options, its progress readable by job id meanwhile and after', async () => {
    const heardDuringPrint: (ExportProgress | null)[] = [];
    const requests: { bleedMm?: number }[] = [];
    // A printer that writes an empty page of the paper plus bleed, as Chromium would.
    const printer: PdfPrinter = {
      async print(request) {
        requests.push({ bleedMm: request.bleedMm });
        const job = await call<ExportProgress[] | null>('exportProgress', 'job-dialog-1');
        heardDuringPrint.push(job.ok ? (job.value?.at(-1) ?? null) : null);
        request.onPrinting?.();
        const pdf = await PDFDocument.create();
        const b = request.bleedMm ?? 0;
        const page = pdf.addPage([mmToPt(request.paper.width + 2 * b), mmToPt(request.paper.height + 2 * b)]);
        page.drawRectangle({ x: 100, y: 100, width: 50, height: 20, color: rgb(0, 0, 0) });
        return pdf.save();
      },
      lastLayout: () => ({ overset: [{ lead: 0 }] }),
      async close() {},
    };
    server.host.printer = printer;
    expect(await call('exportProgress', 'job-dialog-1')).toEqual({ ok: true, value: null });
    const out = join(dir, 'dialog.pdf');
    const r = await call<ExportInfo>('exportWithOptions', { handle: doc.handle, pages: doc.pages, path: out, options: { variant: 'x4', bleedMm: 4, marks: false }, job: 'job-dialog-1' });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    expect(requests).toEqual([{ bleedMm: 4 }]);
    // While Chromium printed, the job said so.
    expect(heardDuringPrint[0]?.stage).toBe('layout');
    // Afterwards the job still tells every stage it passed, in order, the last with the findings.
    const after = await call<ExportProgress[]>('exportProgress', 'job-dialog-1');
    expect(after.ok && after.value.map((p) => p.stage)).toEqual(['layout', 'print', 'postprocess', 'check', 'check']);
    const last = after.ok ? after.value.at(-1) : undefined;
    expect(Array.isArray(last?.findings)).toBe(true);
    expect(r.ok && r.value.findings).toEqual(last?.findings);
  });

  it('refuses bad export options and job ids before printing', async () => {
    const base = { handle: doc.handle, pages: doc.pages, path: join(dir, 'x.pdf') };
    expect(await call('exportWithOptions', { ...base, options: { variant: 'x1a' } })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('exportWithOptions', { ...base, options: { variant: 'x4', profilePath: '/no/such.icc' } })).toMatchObject({ ok: false, error: { code: 'BAD_PROFILE' } });
    expect(await call('exportWithOptions', { ...base, job: '../../etc' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await call('exportProgress', 'x')).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('web server crash recovery', () => {
  const recoveryDir = join(dir, 'recovery');
  let server: WebServer;
  let file: Awaited<ReturnType<typeof writeSampleFile>>;
  const call = <T>(method: HostMethodName, ...args: unknown[]): Promise<Result<T>> => apiCall<T>(server, method, ...args);

  beforeAll(async () => {
    file = await writeSampleFile(dir, { name: 'journalled.banmian', photo: { width: 300, height: 200 } });
    server = await startWebServer({ file: file.path, rendererDir: dir, journal: createJournal(recoveryDir) });
  });
  afterAll(() => server?.close());

  it('journals unsaved pages with their images, recovers them after a restart, and forgets them once saved', async () => {
    const initial = await call<OpenedDocument>('initialDocument');
    if (!initial.ok) throw new Error('no initial document');
    const edited = [samplePageJson({ asset: file.asset!, body: '崩溃前没保存的正文。' })];
    expect(await call('journal', initial.value.handle, edited)).toEqual({ ok: true });
    // The host that is still editing it offers nothing: that is live work, not a crash.
    expect(await call('listRecovered')).toEqual({ ok: true, value: [] });
    // A reloaded tab gets the journalled pages back, flagged unsaved so closing still asks.
    const reloaded = await call<OpenedDocument>('initialDocument');
    expect(reloaded.ok && [reloaded.value.pages, reloaded.value.unsaved]).toEqual([edited, true]);

    // A new host process: the same folder, new sessions.
    const restarted = await startWebServer({ rendererDir: dir, journal: createJournal(recoveryDir) });
    try {
      const again = <T>(method: HostMethodName, ...args: unknown[]) => apiCall<T>(restarted, method, ...args);
      const list = await again<RecoveredEntry[]>('listRecovered');
      expect(list.ok && list.value.map((e) => [e.name, e.path])).toEqual([['journalled.banmian', file.path]]);
      const id = list.ok ? list.value[0]!.id : '';
      const opened = await again<OpenedDocument>('openRecovered', id);
      expect(opened.ok && opened.value.pages).toEqual(edited);
      expect(opened.ok && opened.value.assets.map((a) => a.hash)).toEqual([file.asset!.entry.hash]);
      // The recovered photo is served from the journal's copy of the image.
      const img = await rawRequest(restarted.port, { path: `${ASSET_ROUTE}${opened.ok ? opened.value.handle : ''}/${file.asset!.entry.hash}?token=${restarted.token}` });
      expect(img.status).toBe(200);
      const saved = await again<SavedInfo>('saveDocument', { handle: opened.ok ? opened.value.handle : '', pages: edited });
      expect(saved.ok).toBe(true);
      const after = await again<RecoveredEntry[]>('listRecovered');
      expect(after).toEqual({ ok: true, value: [] });
    } finally {
      await restarted.close();
    }
  });

  it('discards an entry the editor declines', async () => {
    const initial = await call<OpenedDocument>('initialDocument');
    if (!initial.ok) throw new Error('no initial document');
    await call('journal', initial.value.handle, file.pages);
    const restarted = await startWebServer({ rendererDir: dir, journal: createJournal(recoveryDir) });
    try {
      const again = <T>(method: HostMethodName, ...args: unknown[]) => apiCall<T>(restarted, method, ...args);
      const list = await again<RecoveredEntry[]>('listRecovered');
      expect(list.ok && list.value).toHaveLength(1);
      expect(await again('discardRecovered', list.ok ? list.value[0]!.id : '')).toEqual({ ok: true });
      expect(await again('listRecovered')).toEqual({ ok: true, value: [] });
    } finally {
      await restarted.close();
    }
  });
});
