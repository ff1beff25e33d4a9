/**
 * Cancelling an export (HostApi.cancelExport → ExportJobs → the export's
 * signal) at each of its stages: the export answers CANCELLED, the printer
 * or post-processing stops, and the destination folder is exactly as before
 * (an earlier file at the path byte for byte, no new or temp file).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, rgb } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportJobs } from '../../../electron/node/export/export-jobs';
import { exportPdf } from '../../../electron/node/export/export-pdf';
import type { PdfPrinter, PrintRequest } from '../../../electron/node/export/printer';
import { HostService } from '../../../electron/node/host/host-service';
import { postProcess } from '../../../electron/node/pdf/post-process';
import { writeFileAtomic } from '../../../electron/node/storage/atomic-write';
import { EXPORT_CANCELLED } from '../../../shared/host/host-api';
import type { ExportStage } from '../../../shared/host/host-api';
import { mmToPt } from '../../../shared/page/units';
import { samplePageJson } from '../../e2e/support/sample-document';

const root = mkdtempSync(join(tmpdir(), 'bm-export-cancel-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const EARLIER = Buffer.from('%PDF-1.6\n% an earlier export, which a cancelled one must leave alone\n');

async function rawPdf(request: PrintRequest): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([mmToPt(request.paper.width + 2 * (request.bleedMm ?? 0)), mmToPt(request.paper.height + 2 * (request.bleedMm ?? 0))]);
  page.drawRectangle({ x: 100, y: 100, width: 50, height: 20, color: rgb(0.8, 0.1, 0.1) });
  return pdf.save();
}

/**
 * A printer that behaves like the Chromium one: it says it is printing, and
 * with `hold` it then prints until its signal stops it (as closing the
 * browser does); otherwise it answers a small real PDF.
 */
function fakePrinter(hold: boolean) {
  const seen = { prints: 0, aborted: false, finished: false };
  const printer: PdfPrinter = {
    async print(request) {
      request.signal?.throwIfAborted();
      seen.prints++;
      request.onPrinting?.();
      if (hold) {
        await new Promise((_resolve, reject) => {
          const stop = () => {
            seen.aborted = true;
            reject(new Error('Target page, context or browser has been closed'));
          };
          if (request.signal?.aborted) stop();
          request.signal?.addEventListener('abort', stop);
        });
      }
      const bytes = await rawPdf(request);
      seen.finished = true;
      return bytes;
    },
    lastLayout: () => ({ overset: [{ lead: 0 }] }),
    async close() {},
  };
  return { printer, seen };
}

/** A folder holding an earlier export at `out.pdf`. */
function folderWithEarlierExport(name: string): { dir: string; out: string } {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdtempSync(dir);
  const made = readdirSync(root).find((d) => d.startsWith(name))!;
  const out = join(root, made, 'out.pdf');
  writeFileSync(out, EARLIER);
  return { dir: join(root, made), out };
}

function expectUntouched(dir: string, out: string): void {
  expect(readdirSync(dir)).toEqual(['out.pdf']);
  expect(Buffer.compare(readFileSync(out), EARLIER)).toBe(0);
}

describe('export cancel', () => {
  for (const stage of ['layout', 'print', 'postprocess', 'check'] as const satisfies readonly ExportStage[]) {
    it(`stops during ${stage}, answers CANCELLED and leaves the destination as it was`, async () => {
      const { dir, out } = folderWithEarlierExport(`at-${stage}-`);
      const host = new HostService();
      const { printer, seen } = fakePrinter(stage === 'print');
      host.printer = printer;
      const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
      const stages: ExportStage[] = [];
      const job = `job-${stage}-0001`;
      const r = await host.exportWithOptions({ handle: session.handle, pages: [samplePageJson()], path: out, options: { variant: 'x4-cmyk' }, job }, { onProgress: (p) => {
        if (stages.at(-1) !== p.stage) stages.push(p.stage);
        // The person clicks 取消 as the dialog shows the stage.
        if (p.stage === stage) expect(host.cancelExport(job)).toEqual({ ok: true, value: true });
      } });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe(EXPORT_CANCELLED);
      // No stage after the cancelled one started.
      expect(stages.at(-1)).toBe(stage);
      if (stage === 'layout') expect(seen.prints).toBe(0);
      if (stage === 'print') expect(seen).toMatchObject({ prints: 1, aborted: true, finished: false });
      expectUntouched(dir, out);
      // The job is over: cancelling it again stops nothing.
      expect(host.cancelExport(job)).toEqual({ ok: true, value: false });
    }, 60_000);
  }

  it('runs to the end when nobody cancels (the same setup writes the file)', async () => {
    const { dir, out } = folderWithEarlierExport('uncancelled-');
    const host = new HostService();
    host.printer = fakePrinter(false).printer;
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const r = await host.exportWithOptions({ handle: session.handle, pages: [samplePageJson()], path: out, options: { variant: 'x4-cmyk' }, job: 'job-whole-0001' });
    expect(r.ok).toBe(true);
    expect(readdirSync(dir)).toEqual(['out.pdf']);
    expect(readFileSync(out).subarray(0, 8).toString('latin1')).toBe('%PDF-1.6');
    expect(readFileSync(out).byteLength).toBeGreaterThan(EARLIER.byteLength);
  }, 60_000);

  it('stops once the PDF from Chromium is finished, before print post-processing runs', async () => {
    const { dir, out } = folderWithEarlierExport('in-postprocess-');
    const host = new HostService();
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    const controller = new AbortController();
    const reports: unknown[] = [];
    const r = await exportPdf({
      session,
      pages: [samplePageJson()],
      outPath: out,
      printer: fakePrinter(false).printer,
      signal: controller.signal,
      // Cancelled once post-processing has started its own work: when Chromium's PDF is finished.
      print: { variant: 'x4-cmyk', onReport: (report) => reports.push(report) },
      onProgress: (p) => {
        if (p.stage === 'postprocess') queueMicrotask(() => controller.abort());
      },
    });
    expect(r.ok || r.error.code).toBe(EXPORT_CANCELLED);
    expect(reports).toEqual([]);
    expectUntouched(dir, out);
  }, 60_000);

  it('post-processing throws the abort at its first phase boundary', async () => {
    const raw = await rawPdf({ handle: 'h', paper: { width: 390, height: 545 } });
    const controller = new AbortController();
    controller.abort();
    await expect(postProcess(raw, { variant: 'x4-cmyk', paper: { width: 390, height: 545 }, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('a cancel that overtakes its export (web mode) makes it start cancelled', async () => {
    const { dir, out } = folderWithEarlierExport('early-');
    const host = new HostService();
    const { printer, seen } = fakePrinter(false);
    host.printer = printer;
    const session = host.sessions.create({ path: null, pages: [samplePageJson()] });
    expect(host.cancelExport('job-early-0001')).toEqual({ ok: true, value: false });
    const r = await host.exportWithOptions({ handle: session.handle, pages: [samplePageJson()], path: out, options: { variant: 'proof' }, job: 'job-early-0001' });
    expect(r.ok || r.error.code).toBe(EXPORT_CANCELLED);
    expect(seen.prints).toBe(0);
    expectUntouched(dir, out);
  });
});

describe('writeFileAtomic with an abort signal', () => {
  it('never renames over the target once cancelled, and removes its temp file', async () => {
    const { dir, out } = folderWithEarlierExport('write-');
    const controller = new AbortController();
    controller.abort();
    expect(await writeFileAtomic(out, new Uint8Array(1000), { backup: false, signal: controller.signal })).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expectUntouched(dir, out);
  });
});

describe('ExportJobs cancel', () => {
  it('aborts a running job once, forgets it when finished, and bounds early cancels', () => {
    const jobs = new ExportJobs();
    const signal = jobs.start('job-a-0001');
    expect(signal.aborted).toBe(false);
    expect(() => jobs.start('job-a-0001')).toThrow(RangeError);
    expect(jobs.cancel('job-a-0001')).toBe(true);
    expect(signal.aborted).toBe(true);
    jobs.update('job-a-0001', { stage: 'print', elapsedMs: 5 });
    jobs.finish('job-a-0001');
    expect(jobs.cancel('job-a-0001')).toBe(false);
    for (let i = 0; i < 100; i++) jobs.cancel(`early-${String(i).padStart(4, '0')}`);
    // The oldest early cancels were dropped; the newest still holds.
    expect(jobs.start('early-0000').aborted).toBe(false);
    expect(jobs.start('early-0099').aborted).toBe(true);
    jobs.clear();
  });
});
