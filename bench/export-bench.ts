/**
 * The export rows of `npm run bench` and their breakdown:
 *
 * - export in a running host (the proof, as the desktop app's export
 *   dialog makes it) vs the warm floor: `printToPDF` of a static copy of the
 *   page already loaded in a running browser — the page unchanged, printed
 *   again on the kept print page (its earlier print forgotten first), and
 *   reusing the earlier print (print-cache.ts); the first export (which
 *   starts the print browser) is shown apart, and so are exports after an
 *   edit (the kept print page lays the pages out again);
 * - `banmian export --variant …` per variant vs the cold floor: Chromium
 *   printing the static copy from the command line;
 *
 * and, per path, the median milliseconds of each stage the export timed
 * (electron/node/export/export-timings.ts): Chromium launch, loading and
 * laying out the print page (fonts, typesetting), printToPDF, each PDF
 * stage, writing; for the command, the time outside the export too (Node
 * start, opening the file, exit).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { StageTiming } from '../electron/node/export/export-timings';
import { EXPORT_TIMINGS_ENV, onExportTimings } from '../electron/node/export/export-timings';
import { forgetPrints } from '../electron/node/export/print-cache';
import type { startWebServer } from '../electron/node/web/server';
import { makeStaticCopy, measureColdFloor, measureLivePrint, measureWarmFloor } from './export-floors';
import { quantile, summarize } from './stats';
import type { Summary } from './stats';

export interface ExportRow {
  what: string;
  banmian: Summary;
  baseline: Summary;
  baselineName: string;
  unit: 'ms';
}

/** Stages per run, for one path (e.g. "export command, x4-cmyk"). */
export interface Breakdown {
  path: string;
  runs: StageTiming[][];
}

/** Median per stage over the runs, in the order the stages first ran. */
export function medianStages(runs: readonly (readonly StageTiming[])[]): StageTiming[] {
  const order: string[] = [];
  const samples = new Map<string, number[]>();
  for (const run of runs) {
    for (const s of run) {
      if (!samples.has(s.stage)) {
        order.push(s.stage);
        samples.set(s.stage, []);
      }
      samples.get(s.stage)!.push(s.ms);
    }
  }
  return order.map((stage) => ({ stage, ms: quantile(samples.get(stage)!, 0.5) }));
}

export function printBreakdowns(breakdowns: readonly Breakdown[]): void {
  for (const b of breakdowns) {
    console.log(`\nbreakdown: ${b.path} (median of ${b.runs.length} run${b.runs.length === 1 ? '' : 's'}, ms)`);
    for (const s of medianStages(b.runs)) console.log(`  ${s.stage.padEnd(46)} ${s.ms.toFixed(1).padStart(8)}`);
  }
}

export async function measureExports(options: {
  root: string;
  fixture: string;
  server: Awaited<ReturnType<typeof startWebServer>>;
  browser: Browser;
  tmp: string;
  runs: number;
}): Promise<{ rows: ExportRow[]; breakdowns: Breakdown[] }> {
  const { root, fixture, server, browser, tmp, runs } = options;
  const rows: ExportRow[] = [];
  const breakdowns: Breakdown[] = [];

  const opened = await server.host.openPath(fixture);
  if (!opened.ok) throw new Error(opened.error.message);
  const { handle, pages } = opened.value;

  // In a running host: the first export starts the print browser, the others find it. Each prints again (the
  // print of the run before forgotten): the printing path for an unchanged page, on the kept print page.
  const printer = server.host.printer;
  if (!printer) throw new Error('the host has no printer');
  const hostRuns: StageTiming[][] = [];
  const stop = onExportTimings((stages) => hostRuns.push([...stages]));
  const host: number[] = [];
  try {
    for (let i = 0; i <= runs; i++) {
      forgetPrints(printer);
      const t0 = performance.now();
      const done = await server.host.exportPdf(handle, pages, join(tmp, `in-process-${i}.pdf`));
      if (!done.ok) throw new Error(done.error.message);
      host.push(performance.now() - t0);
    }
  } finally {
    stop();
  }

  // The same pages again, the print of the last run kept: only the PDF pipeline runs.
  const reusedRuns: StageTiming[][] = [];
  const reused: number[] = [];
  const stopReused = onExportTimings((stages) => reusedRuns.push([...stages]));
  try {
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const done = await server.host.exportPdf(handle, pages, join(tmp, `reused-${i}.pdf`));
      if (!done.ok) throw new Error(done.error.message);
      reused.push(performance.now() - t0);
    }
  } finally {
    stopReused();
  }

  // After an edit: the kept page lays the changed pages out again (two characters differ each time).
  const edited: number[] = [];
  const editedRuns: StageTiming[][] = [];
  const json = JSON.stringify(pages);
  const stopEdited = onExportTimings((stages) => editedRuns.push([...stages]));
  try {
    for (let i = 0; i < runs && json.includes('萧山'); i++) {
      const changed = JSON.parse(json.replace('萧山', ['山萧', '萧萧', '山山', '萧县', '肖山'][i % 5]!)) as unknown[];
      // More than five runs repeat an edit: each still prints.
      forgetPrints(printer);
      const t0 = performance.now();
      const done = await server.host.exportPdf(handle, changed, join(tmp, `edited-${i}.pdf`));
      if (!done.ok) throw new Error(done.error.message);
      edited.push(performance.now() - t0);
    }
  } finally {
    stopEdited();
  }
  // The session prints its own pages again, for the static copy below.
  const again = await server.host.exportPdf(handle, pages, join(tmp, 'in-process-again.pdf'));
  if (!again.ok) throw new Error(again.error.message);

  // The floors, from a static copy of what the exports printed.
  const copy = await makeStaticCopy(browser, { printUrl: server.printUrl(handle), rendererDir: join(root, 'dist/renderer'), dir: join(tmp, 'static') });
  let warm: Summary;
  let cold: Summary;
  let live: Summary;
  try {
    warm = summarize(await measureWarmFloor(browser, copy, runs));
    live = summarize(await measureLivePrint(browser, server.printUrl(handle), copy, runs));
    cold = summarize(await measureColdFloor(copy, join(tmp, 'cold-floor.pdf'), Math.min(runs, 3)));
  } finally {
    await copy.close();
  }
  const warmName = 'printToPDF of the loaded static copy';
  const coldName = 'chromium --print-to-pdf of the static copy';
  rows.push({ what: 'export in a running host (proof), page unchanged, printed', banmian: summarize(host.slice(1)), baseline: warm, baselineName: warmName, unit: 'ms' });
  rows.push({ what: 'export in a running host (proof), page unchanged, print reused', banmian: summarize(reused), baseline: warm, baselineName: warmName, unit: 'ms' });
  breakdowns.push({ path: 'export in a running host (proof), page unchanged, print reused', runs: reusedRuns });
  if (edited.length > 0) {
    rows.push({ what: 'export in a running host after an edit (proof)', banmian: summarize(edited), baseline: warm, baselineName: warmName, unit: 'ms' });
    breakdowns.push({ path: 'export in a running host after an edit (proof)', runs: editedRuns });
  }
  rows.push({ what: 'printToPDF of the live print page (scripts running)', banmian: live, baseline: warm, baselineName: warmName, unit: 'ms' });
  rows.push({ what: 'first export in a running host (starts the browser)', banmian: summarize(host.slice(0, 1)), baseline: cold, baselineName: coldName, unit: 'ms' });
  breakdowns.push({ path: 'export in a running host (proof), page unchanged, printed (after the first)', runs: hostRuns.slice(1) });
  breakdowns.push({ path: 'first export in a running host', runs: hostRuns.slice(0, 1) });

  // BENCH_VARIANTS=x4-cmyk measures one variant only.
  const variants = (process.env['BENCH_VARIANTS'] ?? 'proof,x4,x4-cmyk').split(',');
  for (const variant of variants) {
    const samples: number[] = [];
    const stagesPerRun: StageTiming[][] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const out = join(tmp, `page-${variant}-${i}.pdf`);
      const timings = join(tmp, `timings-${variant}-${i}.jsonl`);
      const t0 = performance.now();
      const run = spawnSync(process.execPath, ['dist/node/cli.mjs', 'export', fixture, '-o', out, '--variant', variant, '--force'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, [EXPORT_TIMINGS_ENV]: timings },
      });
      const wall = performance.now() - t0;
      if (run.status !== 0) throw new Error(`export --variant ${variant} failed: ${run.stderr.trim()}`);
      samples.push(wall);
      // One line per export, then the command's own stages (Node start, opening the file, closing).
      const stages = readFileSync(timings, 'utf8').trim().split('\n').flatMap((line) => JSON.parse(line) as StageTiming[]);
      rmSync(timings, { force: true });
      const command = stages.filter((s) => s.stage.startsWith('command: '));
      const accounted = (stages.find((s) => s.stage === 'total')?.ms ?? 0) + command.reduce((sum, s) => sum + s.ms, 0);
      const exported = stages.filter((s) => !s.stage.startsWith('command: '));
      stagesPerRun.push([...command, { stage: 'command: the rest (exit, between stages)', ms: Math.round(wall - accounted) }, ...exported]);
    }
    // Every run is a new process: no image conversion, font or page is carried over from the run before (nothing is cached on disk).
    const what = `export command, --variant ${variant} (new process, nothing cached)`;
    rows.push({ what, banmian: summarize(samples), baseline: cold, baselineName: coldName, unit: 'ms' });
    breakdowns.push({ path: what, runs: stagesPerRun });
  }
  return { rows, breakdowns };
}
