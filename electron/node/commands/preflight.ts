/**
 * `banmian preflight FILE [--json]`: what would stop a page file from
 * printing well, each finding with its page, block and position in mm.
 *
 * With the editor built and Chromium available the file is laid out and
 * exported to a temporary print PDF (variant `--variant`, default x4-cmyk):
 * overset is measured in the real layout and the PDF is checked (RGB left,
 * ink coverage). Otherwise (or with `--no-render`) only the page documents
 * are checked and overset is reported as not measured, unless a measured
 * map is given with `--overset MAP.json` (`[{"storyId": chars}, …]`, one
 * object per page).
 *
 * Exit code 0 when there is no error, 1 when there is, 2 for bad usage.
 */
import { existsSync, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { PreflightFinding } from '../../../shared/preflight/finding';
import { formatFinding } from '../../../shared/preflight/finding';
import { findChromium } from '../chromium/launch';
import { preflightDocuments } from '../pdf/print-ready';
import { readBanmianFile } from '../storage';
import { editionOfFile } from '../storage/edition-file';
import { preflightEditionReferences } from '../../../shared/preflight/edition-references';
import { defaultRendererDir } from '../web/server';
import type { CliCommand } from './command';
import { exportFile, PRINT_FLAGS, printRequestFrom } from './export';

const USAGE = 'usage: banmian preflight FILE.banmian [--json] [--variant x4|x4-cmyk|proof] [--overset MAP.json] [--no-render] [--tac PERCENT]';

export interface PreflightRun {
  findings: PreflightFinding[];
  /** Whether overset was measured (by layout or a given map). */
  measured: boolean;
  rendered: boolean;
}

function parseOverset(text: string): Record<string, number>[] {
  const json = JSON.parse(text) as unknown;
  const pages = Array.isArray(json) ? json : [json];
  return pages.map((p, i) => {
    if (typeof p !== 'object' || p === null) throw new Error(`overset map: page ${i + 1} is not an object`);
    return Object.fromEntries(
      Object.entries(p as Record<string, unknown>).map(([id, v]) => {
        if (typeof v !== 'number' || !(v >= 0)) throw new Error(`overset map: "${id}" must be a number ≥ 0`);
        return [id, v];
      }),
    );
  });
}

export async function runPreflight(
  file: string,
  opts: { render: boolean; oversetFile?: string; values: Record<string, string | boolean | undefined>; tac?: number },
): Promise<PreflightRun> {
  const loaded = await readBanmianFile(file);
  if (!loaded.ok) throw new Error(loaded.error.message);
  const edition = editionOfFile(loaded.value);
  if (!edition.ok) throw new Error(edition.error.message);
  // The edition's references (导读 → story, 转版 → continuation), whatever the pages' own checks say.
  const references = preflightEditionReferences(edition.value);
  const limits = opts.tac === undefined ? {} : { maxTac: opts.tac };
  const canRender = opts.render && existsSync(join(defaultRendererDir(), 'index.html')) && findChromium() !== null;
  if (canRender && !opts.oversetFile) {
    const dir = mkdtempSync(join(tmpdir(), 'bm-preflight-'));
    try {
      let findings: PreflightFinding[] = [];
      const print = { ...printRequestFrom({ ...opts.values, variant: opts.values['variant'] ?? 'x4-cmyk' }), force: true, limits, onPreflight: (f: PreflightFinding[]) => (findings = f) };
      const result = await exportFile({ file, out: join(dir, 'preflight.pdf'), print });
      if (!result.ok) throw new Error(`layout for preflight failed: ${result.error.message}`);
      return { findings: [...references, ...findings], measured: !findings.some((f) => f.code === 'overset-not-measured'), rendered: true };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const overset = opts.oversetFile ? parseOverset(await fs.readFile(opts.oversetFile, 'utf8')) : null;
  const assets = new Map(loaded.value.assets.map((a) => [a.entry.hash, a.entry]));
  const findings = [...references, ...preflightDocuments({ pages: loaded.value.pages, assets, overset }, limits)];
  return { findings, measured: overset !== null, rendered: false };
}

export const preflightCommand: CliCommand = {
  summary: 'check a .banmian file for print (overset, images, small coloured text, rules, ink)',
  async run(argv) {
    let file: string;
    let values: Record<string, string | boolean | undefined>;
    let tac: number | undefined;
    try {
      const parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          json: { type: 'boolean' },
          overset: { type: 'string' },
          'no-render': { type: 'boolean' },
          tac: { type: 'string' },
          help: { type: 'boolean', short: 'h' },
          ...PRINT_FLAGS,
        },
      });
      values = parsed.values;
      if (values['help']) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (parsed.positionals.length !== 1) throw new Error(parsed.positionals.length === 0 ? 'no file given' : 'one file at a time');
      file = parsed.positionals[0]!;
      if (values['tac'] !== undefined) {
        tac = Number(values['tac']);
        if (!(tac >= 100 && tac <= 400)) throw new Error(`--tac must be 100 to 400, not "${values['tac']}"`);
      }
      printRequestFrom(values);
    } catch (e) {
      process.stderr.write(`banmian preflight: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    let run: PreflightRun;
    try {
      run = await runPreflight(file, { render: !values['no-render'], oversetFile: values['overset'] as string | undefined, values, tac });
    } catch (e) {
      process.stderr.write(`banmian preflight: ${(e as Error).message}\n`);
      return 1;
    }
    const errors = run.findings.filter((f) => f.level === 'error').length;
    const warnings = run.findings.filter((f) => f.level === 'warning').length;
    if (values['json']) {
      process.stdout.write(`${JSON.stringify({ file, rendered: run.rendered, oversetMeasured: run.measured, errors, warnings, findings: run.findings }, null, 2)}\n`);
    } else {
      for (const f of run.findings) process.stdout.write(`${formatFinding(f)}\n`);
      process.stdout.write(`${errors} error(s), ${warnings} warning(s)${run.measured ? '' : '; overset not measured'}\n`);
    }
    return errors > 0 ? 1 : 0;
  },
};
