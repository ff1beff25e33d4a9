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

const USAGE = 'usage: banmian export FILE.banmian -o OUT.pdf [--timeout SECONDS]';

export interface ExportFileOptions {
  file: string;
  out: string;
  rendererDir?: string;
  readyTimeoutMs?: number;
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
    server = await startWebServer({ file: options.file, rendererDir, readyTimeoutMs: options.readyTimeoutMs });
  } catch (e) {
    return fail('OPEN_FAILED', `cannot open ${options.file}: ${(e as Error).message}`);
  }
  try {
    const initial = server.host.initial();
    if (!initial.ok || !initial.value) return fail('OPEN_FAILED', `cannot open ${options.file}`);
    return await server.host.exportPdf(initial.value.handle, initial.value.pages, out);
  } finally {
    await server.close();
  }
}

export const exportCommand: CliCommand = {
  summary: 'print a .banmian file to a print-ready PDF',
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
      options = { file: positionals[0]!, out: values.output, readyTimeoutMs: seconds === undefined ? undefined : seconds * 1000 };
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
