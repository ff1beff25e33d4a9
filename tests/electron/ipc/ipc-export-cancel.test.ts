import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import type { PdfPrinter } from '../../../electron/node/export/printer';
import { HostService } from '../../../electron/node/host/host-service';
import { createIpcHandlers } from '../../../electron/node/ipc/ipc-handlers';
import type { ElectronUi } from '../../../electron/node/ipc/ipc-handlers';
import { shippedProfilePath } from '../../../electron/node/pdf/output-profile';
import { samplePageJson } from '../../e2e/support/sample-document';

const dir = mkdtempSync(join(tmpdir(), 'bm-ipc-cancel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ui(answers: { save?: string; profile?: string | null; noProfileDialog?: boolean }): ElectronUi {
  return {
    chooseOpenPath: async () => null,
    chooseCopyPath: async () => null,
    chooseImagePath: async () => null,
    ...(answers.noProfileDialog ? {} : { chooseProfilePath: async () => answers.profile ?? null }),
    chooseSavePath: async () => answers.save ?? null,
    saved: () => undefined,
    saveAbandoned: () => undefined,
  };
}

describe('IPC cancelExport', () => {
  it('stops the export running under the preload’s job id; a bad id is BAD_REQUEST', async () => {
    const host = new HostService();
    let printing: () => void = () => {};
    const started = new Promise<void>((resolve) => (printing = resolve));
    const printer: PdfPrinter = {
      async print(request) {
        request.onPrinting?.();
        printing();
        await new Promise((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(new Error('window destroyed'))));
        return (await PDFDocument.create()).save();
      },
      async close() {},
    };
    host.printer = printer;
    const out = join(dir, 'ipc.pdf');
    writeFileSync(out, 'earlier');
    const handlers = createIpcHandlers(host, ui({ save: out }));
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const caller = { owner: 1, send: () => undefined };
    const exporting = handlers.exportWithOptions(caller, [{ handle: session.handle, pages: [samplePageJson()], options: { variant: 'proof' }, job: 'p-cancel-0001' }]);
    await started;
    expect(await handlers.cancelExport(caller, ['p-cancel-0001'])).toEqual({ ok: true, value: true });
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readFileSync(out, 'utf8')).toBe('earlier');
    expect(await handlers.cancelExport(caller, ['x'])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await handlers.cancelExport(caller, [])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});

describe('IPC chooseOutputProfile', () => {
  it('checks the profile the dialog chose; null when cancelled; NOT_AVAILABLE without the dialog', async () => {
    const host = new HostService();
    const path = shippedProfilePath();
    const chosen = await createIpcHandlers(host, ui({ profile: path })).chooseOutputProfile({ owner: 1 }, []);
    expect(chosen).toMatchObject({ ok: true, value: { path, name: 'banmian-ifra26-newsprint.icc' } });
    const text = join(dir, 'readme.icc');
    writeFileSync(text, 'x'.repeat(400));
    expect(await createIpcHandlers(host, ui({ profile: text })).chooseOutputProfile({ owner: 1 }, [])).toMatchObject({
      ok: false,
      error: { code: 'BAD_PROFILE', message: 'readme.icc is not an ICC profile (no "acsp" signature)' },
    });
    expect(await createIpcHandlers(host, ui({ profile: null })).chooseOutputProfile({ owner: 1 }, [])).toEqual({ ok: true, value: null });
    expect(await createIpcHandlers(host, ui({ noProfileDialog: true })).chooseOutputProfile({ owner: 1 }, [])).toMatchObject({ ok: false, error: { code: 'NOT_AVAILABLE' } });
    expect(await createIpcHandlers(host, ui({ profile: path })).chooseOutputProfile({ owner: 1 }, ['/etc/passwd'])).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
