/**
 * The `banmian` command as the edition tests run it (its output and exit
 * code, never a throw), and an exported PDF read back page by page with
 * pdftotext, white space removed (CJK text breaks where the line did).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLI } from './web';

const run = promisify(execFile);

export interface CliResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `banmian ARGS` with `env` (its own XDG_STATE_HOME), up to 400 s. */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { timeout: 400_000, env });
    return { stdout, stderr, code: 0 };
  } catch (e) {
    const err = e as CliResult;
    return { stdout: err.stdout, stderr: err.stderr, code: err.code };
  }
}

export const noSpace = (s: string): string => s.replace(/\s+/g, '');

/** The text of each page of `pdf` (all of them, or the first `count`), without white space. */
export async function pdfPageTexts(pdf: string, count?: number): Promise<string[]> {
  const pages = count ?? Number(/^Pages:\s+(\d+)$/m.exec((await run('pdfinfo', [pdf])).stdout)![1]);
  const texts: string[] = [];
  for (let i = 1; i <= pages; i++) texts.push(noSpace((await run('pdftotext', ['-f', String(i), '-l', String(i), pdf, '-'])).stdout));
  return texts;
}
