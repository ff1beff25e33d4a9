/**
 * `banmian export FILE -o OUT.pdf`: prints an edition's pages, in order, to
 * one PDF through headless Chromium; `--pages 1,3-5` a selection; `--split
 * -o DIR/` one file per page (`--name`, default 20221121-01.pdf). One line on
 * success; on any failure a non-zero exit and one line saying why. A 导读 or
 * 转版 reference that does not resolve stops the export (preflight error)
 * unless `--force`.
 */
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportInfo } from '../../../shared/host/host-api';
import type { Result } from '../../../shared/result';
import { fail, ok } from '../../../shared/result';
import { findChromium } from '../chromium/launch';
import { defaultRendererDir, startWebServer } from '../web/server';
import type { CliCommand } from './command';
import { formatFinding } from '../../../shared/preflight/finding';
import type { PdfVariant } from '../pdf/post-process';
import { PDF_VARIANTS } from '../pdf/post-process';
import type { PrintPdfRequest } from '../pdf/print-ready';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import { writeFileAtomic } from '../storage/atomic-write';
import { editionOfFile } from '../storage/edition-file';
import type { WebServer } from '../web/server';
import { DEFAULT_SPLIT_NAME, joinPdfs, paperRuns, parsePageSelection, splitFileName } from './edition-export';

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

/** Exports one file; every failure is a Result with a one-line message. */
export async function exportFile(options: ExportFileOptions): Promise<Result<ExportInfo>> {
  const out = resolve(options.out);
  const rendererDir = options.rendererDir ?? defaultRendererDir();
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
    return await exportEdition(server, initial.value.handle, initial.value.pages, out, options);
  } finally {
    await server.close();
  }
}

/** Exports the selected pages of an open document: one exporter run per paper run, joined; or one file per page. */
async function exportEdition(server: WebServer, handle: string, allPages: unknown[], out: string, options: ExportFileOptions): Promise<Result<ExportInfo>> {
  const started = performance.now();
  const edition = editionOfFile({ pages: allPages });
  if (!edition.ok) return edition;
  let selected: number[];
  try {
    selected = options.pages === undefined ? allPages.map((_, i) => i + 1) : parsePageSelection(options.pages, allPages.length);
  } catch (e) {
    return fail('BAD_PAGES', (e as Error).message);
  }
  // References across the edition (导读 to its story, 转版 to its continuation): checked before any printing.
  const references = preflightEditionReferences(edition.value).filter((f) => selected.includes(f.page));
  if (references.length > 0) options.print?.onPreflight?.(references);
  const errors = references.filter((f) => f.level === 'error');
  if (errors.length > 0 && !options.print?.force) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    return fail('PREFLIGHT_FAILED', `preflight: ${formatFinding(errors[0]!).replace(/\s+/g, ' ')}${more}; export with --force to write it anyway`);
  }
  const pagesOf = (folios: readonly number[]) => folios.map((f) => allPages[f - 1]);
  const findings = [...references];
  const collect = (info: ExportInfo) => void findings.push(...(info.findings ?? []));

  if (options.split) {
    let bytes = 0;
    for (const folio of selected) {
      let name: string;
      try {
        name = splitFileName(options.split.pattern, edition.value, folio);
      } catch (e) {
        return fail('BAD_NAME', (e as Error).message);
      }
      const one = await server.host.exportPdf(handle, pagesOf([folio]), join(out, name), options.print);
      if (!one.ok) return fail(one.error.code, `page ${folio}: ${one.error.message}`);
      bytes += one.value.bytes;
      collect(one.value);
    }
    return ok({ path: out, bytes, pageCount: selected.length, elapsedMs: Math.round(performance.now() - started), findings });
  }

  const runs = paperRuns(edition.value, selected);
  if (runs.length === 1 && runs[0]!.length === allPages.length) {
    // The whole edition on one paper: the exporter prints it in one pass.
    const whole = await server.host.exportPdf(handle, allPages, out, options.print);
    if (whole.ok) whole.value.findings = [...references, ...(whole.value.findings ?? [])];
    return whole;
  }
  const dir = await fs.mkdtemp(join(tmpdir(), 'banmian-export-'));
  try {
    const parts: Uint8Array[] = [];
    for (const [i, run] of runs.entries()) {
      const part = join(dir, `run-${i + 1}.pdf`);
      const printed = await server.host.exportPdf(handle, pagesOf(run), part, options.print);
      if (!printed.ok) return fail(printed.error.code, `pages ${run.join(',')}: ${printed.error.message}`);
      collect(printed.value);
      parts.push(await fs.readFile(part));
    }
    const joined = parts.length === 1 ? parts[0]! : await joinPdfs(parts);
    const written = await writeFileAtomic(out, joined, { backup: false });
    if (!written.ok) return written;
    return ok({ path: out, bytes: joined.byteLength, pageCount: selected.length, elapsedMs: Math.round(performance.now() - started), findings });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
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
