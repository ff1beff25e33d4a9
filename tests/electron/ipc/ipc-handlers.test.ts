import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOST_METHOD_NAMES } from '../../../shared/host/host-methods';
import { HostService } from '../../../electron/node/host/host-service';
import { createIpcHandlers } from '../../../electron/node/ipc/ipc-handlers';
import type { ElectronUi } from '../../../electron/node/ipc/ipc-handlers';
import { readBanmianFile } from '../../../electron/node/storage/index';
import { samplePageJson, writeSampleFile } from '../../e2e/support/sample-document';
import { PDFDocument, rgb } from 'pdf-lib';
import { EXPORT_PROGRESS_CHANNEL } from '../../../electron/node/ipc/channels';
import type { PdfPrinter } from '../../../electron/node/export/printer';
import { mmToPt } from '../../../shared/page/units';

const dir = mkdtempSync(join(tmpdir(), 'bm-ipc-'));
const caller = { owner: 7 };

function fakeUi(answers: { open?: string | null; save?: string | null; copy?: string | null }) {
  const events: string[] = [];
  const ui: ElectronUi = {
    chooseOpenPath: async () => answers.open ?? null,
    chooseCopyPath: async () => answers.copy ?? null,
    chooseImagePath: async () => null,
    chooseSavePath: async (kind, suggestion) => {
      events.push(`ask ${kind} ${suggestion}`);
      return answers.save ?? null;
    },
    saved: (owner) => events.push(`saved ${owner}`),
    saveAbandoned: (owner) => events.push(`abandoned ${owner}`),
  };
  return { ui, events };
}

describe('IPC handlers', () => {
  let file: string;
  beforeAll(async () => {
    file = (await writeSampleFile(dir)).path;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has a handler for every method of the host table, and no other', () => {
    const handlers = createIpcHandlers(new HostService(), fakeUi({}).ui);
    expect(Object.keys(handlers).sort()).toEqual([...HOST_METHOD_NAMES].sort());
    expect(Object.keys(handlers)).not.toContain('assetUrl');
  });

  it('validates every argument and answers bad ones with BAD_REQUEST, never a throw', async () => {
    const handlers = createIpcHandlers(new HostService(), fakeUi({}).ui);
    const bad: [keyof typeof handlers, unknown[]][] = [
      ['openPath', []],
      ['openPath', [42]],
      ['openPath', ['/a', 'extra']],
      ['saveDocument', [{ handle: 'h' }]],
      ['saveDocument', [{ handle: 'h', pages: [{}], evil: true }]],
      ['exportWithOptions', ['h']],
      ['setDirty', ['h', 'yes']],
      ['documentForPrint', [{}]],
      ['journal', ['h', 'pages']],
      ['openRecovered', ['']],
      ['discardRecovered', [null]],
      ['initialDocument', ['unexpected']],
    ];
    for (const [method, args] of bad) {
      const result = (await handlers[method](caller, args)) as { ok: boolean; error: { code: string; message: string } };
      expect(result.ok, `${method} ${JSON.stringify(args)}`).toBe(false);
      expect(result.error.code).toBe('BAD_REQUEST');
      expect(result.error.message.startsWith(`${method}: `)).toBe(true);
    }
  });

  it('opens through the dialog, owned by the calling window; a cancelled dialog is null', async () => {
    const host = new HostService();
    const cancelled = createIpcHandlers(host, fakeUi({ open: null }).ui);
    expect(await cancelled.openDocument(caller, [])).toEqual({ ok: true, value: null });
    const handlers = createIpcHandlers(host, fakeUi({ open: file }).ui);
    const opened = (await handlers.openDocument(caller, [])) as { ok: true; value: { handle: string; path: string } };
    expect(opened.value.path).toBe(file);
    expect(host.sessions.get(opened.value.handle)?.owner).toBe(7);
  });

  it('opens by path only files the person chose in a dialog before, never one the page names', async () => {
    const host = new HostService();
    const handlers = createIpcHandlers(host, fakeUi({ open: file }).ui);
    const refused = (await handlers.openPath(caller, [file])) as { ok: false; error: { code: string } };
    expect(refused.ok).toBe(false);
    expect(refused.error.code).toBe('NOT_ALLOWED');
    expect(((await handlers.openPath(caller, ['/etc/passwd'])) as { ok: boolean }).ok).toBe(false);
    await handlers.openDocument(caller, []);
    // Chosen once in the dialog: now a recent file the page may reopen by path.
    const reopened = (await handlers.openPath(caller, [file])) as { ok: true; value: { path: string } };
    expect(reopened.ok).toBe(true);
    expect(reopened.value.path).toBe(file);
  });

  it('asks where to save a never-saved document or on Save As, and tells the shell how it went', async () => {
    const host = new HostService();
    const target = join(dir, 'saved-as.banmian');
    const { ui, events } = fakeUi({ save: target });
    const handlers = createIpcHandlers(host, ui);
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const saved = (await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()] }])) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(events).toEqual(['ask save 未命名.banmian', 'saved 7']);
    expect((await readBanmianFile(target)).ok).toBe(true);
    // Now it has a path: a plain save does not ask.
    events.length = 0;
    await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()] }]);
    expect(events).toEqual(['saved 7']);
  });

  it('saves to a path the page names only when the person chose it in a dialog before', async () => {
    const host = new HostService();
    const chosen = join(dir, 'chosen.banmian');
    const { ui, events } = fakeUi({ save: chosen });
    const handlers = createIpcHandlers(host, ui);
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const named = (await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()], path: join(dir, 'elsewhere.banmian') }])) as { ok: boolean; error: { code: string } };
    expect(named.ok || named.error.code).toBe('NOT_ALLOWED');
    expect(events).toEqual([]);
    await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()], saveAs: true }]);
    const again = (await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()], path: chosen }])) as { ok: boolean; value: { path: string } };
    expect(again.ok && again.value.path).toBe(chosen);
  });

  it('reports a cancelled save so a pending close is called off', async () => {
    const host = new HostService();
    const { ui, events } = fakeUi({ save: null });
    const handlers = createIpcHandlers(host, ui);
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    expect(await handlers.saveDocument(caller, [{ handle: session.handle, pages: [samplePageJson()], saveAs: true }])).toEqual({ ok: true, value: null });
    expect(events.at(-1)).toBe('abandoned 7');
  });

  it('answers the journal endpoints with NOT_AVAILABLE when there is no journal', async () => {
    const host = new HostService();
    const handlers = createIpcHandlers(host, fakeUi({}).ui);
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    for (const [method, args] of [
      ['journal', [session.handle, [samplePageJson()]]],
      ['listRecovered', []],
      ['openRecovered', ['x']],
      ['discardRecovered', ['x']],
    ] as const) {
      const r = (await handlers[method](caller, [...args])) as { ok: boolean; error: { code: string } };
      expect(r.ok || r.error.code, method).toBe('NOT_AVAILABLE');
    }
  });

  it('exports with the dialog options, sending progress to the calling page under its id', async () => {
    const host = new HostService();
    const printer: PdfPrinter = {
      async print(request) {
        request.onPrinting?.();
        const pdf = await PDFDocument.create();
        const page = pdf.addPage([mmToPt(request.paper.width), mmToPt(request.paper.height)]);
        page.drawRectangle({ x: 100, y: 100, width: 50, height: 20, color: rgb(0, 0, 0) });
        return pdf.save();
      },
      lastLayout: () => ({ overset: [{ lead: 0 }] }),
      async close() {},
    };
    host.printer = printer;
    const out = join(dir, 'ipc.pdf');
    const handlers = createIpcHandlers(host, fakeUi({ save: out }).ui);
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const sent: unknown[][] = [];
    const from = { owner: 7, send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]) };
    const r = (await handlers.exportWithOptions(from, [{ handle: session.handle, pages: [samplePageJson()], options: { variant: 'proof' }, job: 'p-test-0001' }])) as { ok: boolean; value: { path: string } };
    expect(r.ok && r.value.path).toBe(out);
    expect(sent.every(([channel, id]) => channel === EXPORT_PROGRESS_CHANNEL && id === 'p-test-0001')).toBe(true);
    expect([...new Set(sent.map((m) => (m[2] as { stage: string }).stage))]).toEqual(['layout', 'print', 'postprocess', 'check']);
    const bad = (await handlers.exportWithOptions(from, [{ handle: session.handle, pages: [samplePageJson()], job: 'no' }])) as { ok: boolean; error: { code: string } };
    expect(bad.ok || bad.error.code).toBe('BAD_REQUEST');
    // The page cannot name where the desktop writes: only the save dialog does.
    const named = (await handlers.exportWithOptions(from, [{ handle: session.handle, pages: [samplePageJson()], path: '/etc/x.pdf' }])) as { ok: boolean; error: { code: string } };
    expect(named.ok || named.error.code).toBe('NOT_ALLOWED');
  });
});
