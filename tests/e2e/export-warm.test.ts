/**
 * A warm export — a running host printing on the print page it kept from the
 * last export (electron/node/export/chromium-printer.ts), laid out again
 * after the pages changed, or reusing the print of the same pages
 * (print-cache.ts) — makes the same PDF as the cold `banmian export` command
 * of the same page: the same text, page boxes, fonts and, through
 * Ghostscript's separations, the same ink on every plate inside the trim.
 * (The slug line outside the trim carries the export time and is left out.)
 * A reused print never outlives a change: one character changed prints again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StageTiming } from '../../electron/node/export/export-timings';
import { onExportTimings } from '../../electron/node/export/export-timings';
import type { WebServer } from '../../electron/node/web/server';
import { renderSeparations } from '../electron/pdf/separations';
import { CLI, e2eUnavailable, SEED_FILE, startTestServer } from './support/web';

const unavailable = e2eUnavailable();
const dir = mkdtempSync(join(tmpdir(), 'bm-export-warm-'));
const cold = join(dir, 'cold.pdf');
const KEPT = 'print page: kept page, lay out again';
const REUSED = 'print: reused (pages unchanged)';
let server: WebServer;
/** Per warm export (changed page, same page again, unchanged, one character changed): its file and its stages. */
const warm: { file: string; stages: readonly StageTiming[] }[] = [];

function text(file: string): string {
  return spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout.replace(/导出 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '导出 (time)');
}

function boxes(file: string): string {
  return spawnSync('pdfinfo', ['-box', file], { encoding: 'utf8' }).stdout.split('\n').filter((l) => /Box:/.test(l)).join('\n');
}

/** Font name (subset tag dropped), type, encoding, embedded, subset, unicode map. */
function fonts(file: string): string[] {
  const rows = spawnSync('pdffonts', [file], { encoding: 'utf8' }).stdout.split('\n').slice(2).filter((l) => l.trim() !== '');
  return rows.map((l) => l.replace(/^[A-Z]{6}\+/, '').replace(/\s+\d+\s+\d+\s*$/, '').replace(/\s+/g, ' ')).sort();
}

/** The CMYK plates inside the TrimBox at 50 dpi. */
function plates(file: string): Buffer {
  const sep = renderSeparations(readFileSync(file), 50);
  const trim = /TrimBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(boxes(file))!.slice(1).map(Number) as [number, number, number, number];
  const media = /MediaBox:\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)/.exec(boxes(file))!.slice(1).map(Number);
  const px = (pt: number) => Math.round((pt / 72) * sep.dpi);
  const [x0, x1] = [px(trim[0]), px(trim[2])];
  const [y0, y1] = [px(media[3]! - trim[3]), px(media[3]! - trim[1])];
  const rows: Buffer[] = [];
  for (let y = y0; y < y1; y++) rows.push(sep.data.subarray((y * sep.width + x0) * 4, (y * sep.width + x1) * 4));
  return Buffer.concat(rows);
}

beforeAll(async () => {
  if (unavailable) return;
  const run = spawnSync(process.execPath, [CLI, 'export', SEED_FILE, '-o', cold, '--variant', 'x4-cmyk', '--force'], { encoding: 'utf8', timeout: 170_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  server = await startTestServer(SEED_FILE);
  const initial = server.host.initial();
  if (!initial.ok || !initial.value) throw new Error('the reference page did not open');
  const { handle, pages } = initial.value;
  const json = JSON.stringify(pages);
  if (!json.includes('萧山')) throw new Error('the reference page no longer says 萧山');
  const changed = JSON.parse(json.replace('萧山', '山萧')) as unknown[];
  // One character, after the same pages were exported twice (the second reusing the first's print).
  const oneChar = JSON.parse(json.replace('萧山', '萧水')) as unknown[];
  let stages: readonly StageTiming[] = [];
  const stop = onExportTimings((s) => (stages = s));
  try {
    for (const [i, p] of [changed, pages, pages, oneChar].entries()) {
      const file = join(dir, `warm-${i}.pdf`);
      const done = await server.host.exportPdf(handle, p, file, { variant: 'x4-cmyk', force: true });
      if (!done.ok) throw new Error(done.error.message);
      warm.push({ file, stages });
    }
  } finally {
    stop();
  }
}, 300_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(unavailable)('a warm export equals the cold command', () => {
  it('prints the second export on the page kept from the first, and reuses its print for the same pages', () => {
    const stages = warm.map((w) => w.stages.map((s) => s.stage));
    expect(stages[0]).not.toContain(KEPT);
    expect(stages[1]).toContain(KEPT);
    expect(stages[1]).not.toContain(REUSED);
    expect(stages[2]).toContain(REUSED);
    expect(stages[2]).not.toContain(KEPT);
  });

  it('prints again when one character changed, and the PDF has it', () => {
    const stages = warm[3]!.stages.map((s) => s.stage);
    expect(stages).toContain(KEPT);
    expect(stages).not.toContain(REUSED);
    const changed = text(warm[3]!.file);
    expect(changed).toContain('萧水');
    expect(changed).not.toBe(text(cold));
  });

  it('lays the kept page out again when the pages changed', () => {
    // The changed page prints its change; the page after it prints the original text again.
    expect(text(warm[0]!.file)).not.toBe(text(cold));
    expect(text(warm[1]!.file)).toBe(text(cold));
  });

  it('has the same text, page boxes and fonts as the cold command', () => {
    for (const w of warm.slice(1, 3)) {
      expect(text(w.file)).toBe(text(cold));
      expect(boxes(w.file)).toBe(boxes(cold));
      expect(fonts(w.file)).toEqual(fonts(cold));
    }
  });

  it('puts the same ink on every plate inside the trim', () => {
    const expected = plates(cold);
    // The comparison sees a change of two characters.
    expect(plates(warm[0]!.file).equals(expected)).toBe(false);
    for (const w of warm.slice(1, 3)) expect(plates(w.file).equals(expected)).toBe(true);
  });
});
