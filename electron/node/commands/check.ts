/**
 * `banmian check FILE`: validates a page file and prints each finding on its
 * own line (`error: …` / `warning: …`, with the block when known).
 * Exit 0 valid (warnings allowed), 1 invalid, 2 unreadable or bad usage.
 */
import { parseArgs } from 'node:util';
import { splitEditionJson } from '../../../shared/edition/edition-children';
import { pageFromJson } from '../../../shared/model/load-page';
import type { Finding } from '../../../shared/model/validation';
import { readBanmianFile, STORAGE_ERRORS } from '../storage/index';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian check FILE.banmian';

/** Storage failures that mean the file could not be read at all, rather than read and found wrong. */
const UNREADABLE: readonly string[] = [STORAGE_ERRORS.notFound, STORAGE_ERRORS.io];

/** Storage warnings about pages, which check reports itself with their block. */
const PAGE_WARNING = /^pages\/\d+\.json: /;

export function formatFinding(finding: Finding, page?: number): string {
  const where = [page === undefined ? null : `page ${page}`, finding.blockId ? `block "${finding.blockId}"` : null].filter(Boolean).join(', ');
  return `${finding.level}: ${where ? `${where}: ` : ''}${finding.message}`;
}

export interface CheckOutcome {
  exitCode: 0 | 1 | 2;
  lines: string[];
}

export async function checkFile(path: string): Promise<CheckOutcome> {
  const loaded = await readBanmianFile(path);
  if (!loaded.ok) {
    return { exitCode: UNREADABLE.includes(loaded.error.code) ? 2 : 1, lines: [`error: ${loaded.error.message}`] };
  }
  const lines = loaded.value.warnings.filter((w) => !PAGE_WARNING.test(w)).map((w) => `warning: ${w}`);
  let errors = 0;
  splitEditionJson(loaded.value.pages).pages.forEach((json, index) => {
    const page = pageFromJson(json);
    for (const f of page.findings) {
      if (f.level === 'error') errors++;
      lines.push(formatFinding(f, index + 1));
    }
  });
  return { exitCode: errors > 0 ? 1 : 0, lines };
}

export const checkCommand: CliCommand = {
  summary: 'validate a .banmian file and list what is wrong with it',
  async run(argv) {
    let file: string | undefined;
    try {
      const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } });
      if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (positionals.length !== 1) throw new Error(positionals.length === 0 ? 'no file given' : 'one file at a time');
      file = positionals[0];
    } catch (e) {
      process.stderr.write(`banmian check: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    const outcome = await checkFile(file!);
    for (const line of outcome.lines) process.stdout.write(`${line}\n`);
    return outcome.exitCode;
  },
};
