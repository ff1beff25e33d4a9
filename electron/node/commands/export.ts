/**
 * `banmian export FILE -o OUT.pdf`: prints an edition's pages, in order, to
 * one PDF through headless Chromium; `--pages 1,3-5` a selection; `--split
 * -o DIR/` one file per page (`--name`, default 20221121-01.pdf). One line on
 * success; on any failure a non-zero exit and one line saying why. A 导读 or
 * 转版 reference that does not resolve stops the export (preflight error)
 * unless `--force`.
 */
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import type { ExportInfo } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { findChromium, launchChromium } from '../chromium/launch';
import type { CliCommand } from './command';
import { formatFinding } from '../../../shared/preflight/finding';
import type { PdfVariant } from '../pdf/post-process-options';
import { PDF_VARIANTS } from '../pdf/post-process-options';
import type { PrintPdfRequest } from '../pdf/print-ready';
import { publishExportTimings, StageClock } from '../export/export-timings';
import { projectRoot } from '../project-root';
import type { WebServer } from '../web/server';

/** The default name of a split page file: 20221121-01.pdf. */
export const DEFAULT_SPLIT_NAME = '{date}-{folio}.pdf';

function numberOption(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= min && n <= max)) throw new Error(`--${name} must be ${min} to ${max}, not "${value}"`);
  return n;
}

/** The print options of `export` (and `preflight`) from parsed flags. */
export function printRequestFrom(values: Record<string, string | boolean | undefined>): PrintPdfRequest {
  // Without --variant: the page exactly as the screen shows it, at the paper
  // size (proofs, e-paper, checks). The printing plant gets --variant x4 or x4-cmyk.
  const variant = (values['variant'] ?? 'proof') as string;
  if (!PDF_VARIANTS.includes(variant as PdfVariant)) throw new Error(`--variant must be one of ${PDF_VARIANTS.join(', ')}, not "${variant}"`);
  if (values['marks'] && values['no-marks']) throw new Error('--marks and --no-marks contradict each other');
  const profile = values['profile'] as string | undefined;
  if (profile !== undefined && !existsSync(profile)) throw new Error(`no such profile: ${profile}`);
  return {
    variant: variant as PdfVariant,
    profilePath: profile === undefined ? undefined : resolve(profile),
    bleedMm: numberOption(values['bleed'] as string | undefined, 'bleed', 0, 20),
    marks: values['marks'] ? true : values['no-marks'] ? false : undefined,
    maxPpi: numberOption(values['max-ppi'] as string | undefined, 'max-ppi', 72, 2400),
    jpegQuality: numberOption(values['jpeg-quality'] as string | undefined, 'jpeg-quality', 1, 100),
    force: Boolean(values['force']),
  };
}

export const PRINT_FLAGS = {
  variant: { type: 'string' },
  profile: { type: 'string' },
  bleed: { type: 'string' },
  marks: { type: 'boolean' },
  'no-marks': { type: 'boolean' },
  'max-ppi': { type: 'string' },
  'jpeg-quality': { type: 'string' },
  force: { type: 'boolean' },
} as const;

const USAGE =
  'usage: banmian export FILE.banmian -o OUT.pdf [--pages 1,3-5] [--variant proof|x4|x4-cmyk] [--profile ICC] [--bleed MM] [--marks|--no-marks]\n' +
  '                      [--max-ppi N] [--jpeg-quality N] [--force] [--timeout SECONDS]\n' +
  '       banmian export FILE.banmian --split -o DIR/ [--name {date}-{folio}.pdf] [--pages …] [print options as above]';

export interface ExportFileOptions {
  file: string;
  out: string;
  rendererDir?: string;
  readyTimeoutMs?: number;
  /** The print-ready variant and preflight; without it the finished screen PDF. */
  print?: PrintPdfRequest;
  /** Pages to export (`--pages`, e.g. `1,3-5`); all when absent. */
  pages?: string;
  /** One file per page in the folder `out`, named by this pattern (see splitFileName). */
  split?: { pattern: string };
}

/**
 * Exports one file; every failure is a Result with a one-line message.
 *
 * Chromium is started first, as soon as the checks pass: it boots in its own
 * processes while this one loads the rest of the export (the web server, the
 * document model, pdf-lib, sharp) and opens the file. This module imports
 * only what the checks need for that reason.
 */
export async function exportFile(options: ExportFileOptions, clock?: StageClock): Promise<Result<ExportInfo>> {
  const out = resolve(options.out);
  // The project's dist/renderer, as web/server.ts's defaultRendererDir (not imported: it loads the whole server).
  const rendererDir = options.rendererDir ?? join(projectRoot(), 'dist', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return fail('NOT_BUILT', `the editor is not built (${rendererDir} has no index.html): run npm run build`);
  }
  if (!findChromium()) return fail('NO_CHROMIUM', 'no Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  // Fail before the slow part when the PDF could not be written anyway.
  const folder = options.split ? out : dirname(out);
  if (!(await fs.stat(folder).catch(() => null))?.isDirectory()) {
    return fail('WRITE_FAILED', options.split ? `cannot write into ${out}: it is not a folder` : `cannot write ${out}: the folder ${folder} does not exist`);
  }
  if (!options.split && (await fs.stat(out).catch(() => null))?.isDirectory()) return fail('WRITE_FAILED', `cannot write ${out}: it is a folder`);
  try {
    await fs.access(folder, fs.constants.W_OK);
  } catch {
    return fail('WRITE_FAILED', `cannot write ${out}: the folder is not writable`);
  }

  // The browser the first print uses, started now; later prints (after a cancel) start their own.
  let early: Promise<Browser> | null = launchChromium();
  early.catch(() => undefined);
  const launch = () => {
    const b = early ?? launchChromium();
    early = null;
    return b;
  };
  const closeEarly = async () => {
    const b = early;
    early = null;
    await b?.then((x) => x.close()).catch(() => undefined);
  };
  const t0 = performance.now();
  let server: WebServer;
  try {
    const { startWebServer } = await import('../web/server');
    // Nothing is edited during an export: no recovery journal.
    server = await startWebServer({ file: options.file, rendererDir, readyTimeoutMs: options.readyTimeoutMs, journal: null, launch });
  } catch (e) {
    await closeEarly();
    return fail('OPEN_FAILED', `cannot open ${options.file}: ${(e as Error).message}`);
  } finally {
    clock?.add('command: load the export, open the file', performance.now() - t0);
  }
  try {
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) return fail('OPEN_FAILED', `cannot open ${options.file}`);
    const { exportEdition } = await import('./export-edition');
    return await exportEdition(server, initial.value.handle, initial.value.pages, out, options);
  } finally {
    const t1 = performance.now();
    await server.close();
    // No print took the early browser (the export stopped before printing).
    await closeEarly();
    clock?.add('command: close the browser and the server', performance.now() - t1);
  }
}

export const exportCommand: CliCommand = {
  summary: 'print a .banmian file to PDF (--variant x4 or x4-cmyk for the printing plant)',
  async run(argv) {
    let options: ExportFileOptions;
    try {
      const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          output: { type: 'string', short: 'o' },
          pages: { type: 'string' },
          split: { type: 'boolean' },
          name: { type: 'string' },
          timeout: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
          ...PRINT_FLAGS,
        },
      });
      if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'no file given' : 'one file at a time');
      if (!values.output) throw new Error(values.split ? 'no output folder given (--split -o DIR/)' : 'no output given (-o OUT.pdf)');
      if (values.name !== undefined && !values.split) throw new Error('--name names the files of --split');
      const seconds = values.timeout === undefined ? undefined : Number(values.timeout);
      if (seconds !== undefined && !(seconds > 0 && seconds <= 3600)) throw new Error(`--timeout must be 1 to 3600 seconds, not "${values.timeout}"`);
      const print = printRequestFrom(values);
      print.onPreflight = (findings) => {
        for (const f of findings) if (f.level !== 'info') process.stderr.write(`${formatFinding(f)}\n`);
      };
      options = {
        file: positionals[0]!,
        out: values.output,
        readyTimeoutMs: seconds === undefined ? undefined : seconds * 1000,
        print,
        pages: values.pages,
        split: values.split ? { pattern: values.name ?? DEFAULT_SPLIT_NAME } : undefined,
      };
    } catch (e) {
      process.stderr.write(`banmian export: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    // The command's own stages, beside the export's (export-timings.ts): what it costs to get there and away.
    const clock = new StageClock();
    clock.add('command: start Node, load the export command', performance.now());
    const result = await exportFile(options, clock);
    publishExportTimings(clock.stages);
    if (!result.ok) {
      process.stderr.write(`banmian export: ${result.error.message}\n`);
      return 1;
    }
    const { path, bytes, pageCount, elapsedMs } = result.value;
    process.stdout.write(`wrote ${path} (${pageCount} page${pageCount === 1 ? '' : 's'}, ${(bytes / 1024 / 1024).toFixed(2)} MB) in ${(elapsedMs / 1000).toFixed(1)} s\n`);
    return 0;
  },
};
