/**
 * `banmian export FILE -o OUT.pdf`: prints a page file to a print-ready PDF
 * through headless Chromium. One line on success; on any failure a non-zero
 * exit and one line saying why.
 */
import { existsSync, promises as fs } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportInfo } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail } from '../../../shared/result';
import { findChromium } from '../chromium/launch';
import { defaultRendererDir, startWebServer } from '../web/server';
import type { CliCommand } from './command';
import { formatFinding } from '../../../shared/preflight/finding';
import type { PdfVariant } from '../pdf/post-process';
import { PDF_VARIANTS } from '../pdf/post-process';
import type { PrintPdfRequest } from '../pdf/print-ready';

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
  'usage: banmian export FILE.banmian -o OUT.pdf [--variant proof|x4|x4-cmyk] [--profile ICC] [--bleed MM] [--marks|--no-marks]\n' +
  '                      [--max-ppi N] [--jpeg-quality N] [--force] [--timeout SECONDS]';

export interface ExportFileOptions {
  file: string;
  out: string;
  rendererDir?: string;
  readyTimeoutMs?: number;
  /** The print-ready variant and preflight; without it the finished screen PDF. */
  print?: PrintPdfRequest;
}

/** Exports one file; every failure is a Result with a one-line message. */
export async function exportFile(options: ExportFileOptions): Promise<Result<ExportInfo>> {
  const out = resolve(options.out);
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  if (!existsSync(join(rendererDir, 'index.html'))) {
    return fail('NOT_BUILT', `the editor is not built (${rendererDir} has no index.html): run npm run build`);
  }
  if (!findChromium()) return fail('NO_CHROMIUM', 'no Chromium found: install Debian\'s "chromium" package or set CHROMIUM_PATH');
  // Fail before the slow part when the PDF could not be written anyway.
  const folder = await fs.stat(dirname(out)).catch(() => null);
  if (!folder?.isDirectory()) return fail('WRITE_FAILED', `cannot write ${out}: the folder ${dirname(out)} does not exist`);
  if ((await fs.stat(out).catch(() => null))?.isDirectory()) return fail('WRITE_FAILED', `cannot write ${out}: it is a folder`);
  try {
    await fs.access(dirname(out), fs.constants.W_OK);
  } catch {
    return fail('WRITE_FAILED', `cannot write ${out}: the folder is not writable`);
  }

  let server;
  try {
    // Nothing is edited during an export: no recovery journal.
    server = await startWebServer({ file: options.file, rendererDir, readyTimeoutMs: options.readyTimeoutMs, journal: null });
  } catch (e) {
    return fail('OPEN_FAILED', `cannot open ${options.file}: ${(e as Error).message}`);
  }
  try {
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) return fail('OPEN_FAILED', `cannot open ${options.file}`);
    return await server.host.exportPdf(initial.value.handle, initial.value.pages, out, options.print);
  } finally {
    await server.close();
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
      if (!values.output) throw new Error('no output given (-o OUT.pdf)');
      const seconds = values.timeout === undefined ? undefined : Number(values.timeout);
      if (seconds !== undefined && !(seconds > 0 && seconds <= 3600)) throw new Error(`--timeout must be 1 to 3600 seconds, not "${values.timeout}"`);
      const print = printRequestFrom(values);
      print.onPreflight = (findings) => {
        for (const f of findings) if (f.level !== 'info') process.stderr.write(`${formatFinding(f)}\n`);
      };
      options = { file: positionals[0]!, out: values.output, readyTimeoutMs: seconds === undefined ? undefined : seconds * 1000, print };
    } catch (e) {
      process.stderr.write(`banmian export: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const result = await exportFile(options);
    if (!result.ok) {
      process.stderr.write(`banmian export: ${result.error.message}\n`);
      return 1;
    }
    const { path, bytes, pageCount, elapsedMs } = result.value;
    process.stdout.write(`wrote ${path} (${pageCount} page${pageCount === 1 ? '' : 's'}, ${(bytes / 1024 / 1024).toFixed(2)} MB) in ${(elapsedMs / 1000).toFixed(1)} s\n`);
    return 0;
  },
};
