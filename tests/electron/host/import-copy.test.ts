import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BIN_IMPORT_STORIES, safeFileName } from '../../../electron/node/host/import-copy';
import { HostService } from '../../../electron/node/host/host-service';
import { createIpcHandlers } from '../../../electron/node/ipc/ipc-handlers';
import type { ElectronUi } from '../../../electron/node/ipc/ipc-handlers';
import type { ImportedCopy } from '../../../shared/host/host-api';
import { binNodesFromJson } from '../../../shared/model/bin-json';
import type { Result } from '../../../shared/result';
import { writeSampleFile } from '../../e2e/support/sample-document';
import { buildIntakeEntries } from '../intake/build-entries';
import { seedText } from '../../shared/intake/seed-text';

const dir = mkdtempSync(join(tmpdir(), 'bm-import-copy-'));
let host: HostService;
let handle: string;
let copyPath: string | null = null;

const ui: ElectronUi = {
  chooseOpenPath: async () => null,
  chooseCopyPath: async () => copyPath,
  chooseImagePath: async () => null,
  chooseSavePath: async () => null,
  saved: () => undefined,
  saveAbandoned: () => undefined,
};

beforeAll(async () => {
  const { workerUrl } = await buildIntakeEntries('import-copy');
  host = new HostService({ intakeWorkerUrl: workerUrl });
  const opened = await host.openPath((await writeSampleFile(dir)).path);
  if (!opened.ok) throw new Error(opened.error.message);
  handle = opened.value.handle;
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('host importCopy', () => {
  it('reads uploaded bytes in the worker and returns blocks the bin accepts', async () => {
    const r = await host.importCopyFrom(handle, { name: '来稿.txt', bytes: new TextEncoder().encode(seedText()) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.name).toBe('来稿.txt');
    expect(r.value.storyCount).toBeGreaterThanOrEqual(5);
    const nodes = binNodesFromJson(r.value.blocks);
    expect(nodes.ok).toBe(true);
    if (nodes.ok) expect(nodes.nodes.filter((n) => n.type.name === 'story')).toHaveLength(5);
  });

  it('refuses bad input with a one-line message', async () => {
    const cases: [string, Uint8Array, string][] = [
      ['a.txt', new Uint8Array(), 'EMPTY'],
      ['a.txt', new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), 'BINARY'],
      ['a.docx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), 'DOCX_DAMAGED'],
    ];
    for (const [name, bytes, code] of cases) {
      const r = await host.importCopyFrom(handle, { name, bytes });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe(code);
        expect(r.error.message).not.toContain('\n');
      }
    }
    expect((await host.importCopyFrom('no-such-handle', { name: 'a.txt', bytes: new Uint8Array([0x41]) })).ok).toBe(false);
  });

  it('refuses a file with more stories than one import takes', async () => {
    const many = Array.from({ length: MAX_BIN_IMPORT_STORIES + 20 }, (_, i) => `今日视点\n第${i}号稿件的标题\n本报讯 这是第${i}篇稿件的正文，用来检验一次导入的上限。`).join('\n\n');
    const r = await host.importCopyFrom(handle, { name: 'wire.txt', bytes: new TextEncoder().encode(many) });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('TOO_MANY_STORIES');
      expect(r.error.message).toMatch(/at most 500/);
    }
  });

  it('keeps uploaded names to a plain file name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\稿件.docx')).toBe('稿件.docx');
    expect(safeFileName('..')).toBe('copy.txt');
    expect(safeFileName('a\u0000b.txt')).toBe('ab.txt');
  });
});

describe('importCopy over IPC', () => {
  it('validates its argument', async () => {
    const handlers = createIpcHandlers(host, ui);
    const bad: unknown[][] = [
      [],
      [{}],
      [{ handle }, 'extra'],
      [{ handle, file: { name: 'a.txt', bytes: 'text' } }],
      [{ handle, file: { name: '', bytes: new Uint8Array(1) } }],
      [{ handle, evil: 1 }],
    ];
    for (const args of bad) {
      const r = (await handlers.importCopy({ owner: 1 }, args)) as Result<unknown>;
      expect(r.ok, JSON.stringify(args)).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_REQUEST');
    }
  });

  it('asks for a file with the dialog, null when cancelled', async () => {
    const handlers = createIpcHandlers(host, ui);
    copyPath = null;
    expect(await handlers.importCopy({ owner: 1 }, [{ handle }])).toEqual({ ok: true, value: null });
    copyPath = join(dir, 'seed.txt');
    writeFileSync(copyPath, seedText());
    const r = (await handlers.importCopy({ owner: 1 }, [{ handle }])) as Result<ImportedCopy>;
    expect(r.ok && r.value.name).toBe('seed.txt');
  });
});
