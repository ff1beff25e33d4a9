/**
 * The `banmian` command line: `banmian <command> [args]`. Each command lives
 * in its own file under commands/; this file only dispatches.
 */
import type { CliCommand } from './commands/command';

// Each command is loaded only when it runs: `banmian check` should not pay for
// starting Chromium's driver, sharp and pdf-lib.
const commands: Record<string, () => Promise<CliCommand>> = {
  export: () => import('./commands/export').then((m) => m.exportCommand),
  check: () => import('./commands/check').then((m) => m.checkCommand),
  web: () => import('./commands/web').then((m) => m.webCommand),
  import: () => import('./commands/import').then((m) => m.importCommand),
  normalize: () => import('./commands/normalize').then((m) => m.normalizeCommand),
  preflight: () => import('./commands/preflight').then((m) => m.preflightCommand),
  pages: () => import('./commands/pages').then((m) => m.pagesCommand),
  desk: () => import('./commands/desk').then((m) => m.deskCommand),
};

async function usage(): Promise<string> {
  const lines: string[] = [];
  for (const [name, load] of Object.entries(commands)) lines.push(`  ${name.padEnd(10)} ${(await load()).summary}`);
  return `usage: banmian <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(await usage());
    return name === undefined ? 2 : 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    process.stderr.write(`banmian: unknown command "${name}"\n${await usage()}`);
    return 2;
  }
  try {
    return await (await load()).run(rest);
  } catch (e) {
    // A failure we did not foresee still gets one line, not a stack trace.
    process.stderr.write(`banmian ${name}: ${(e as Error).message}\n`);
    if (process.env['BANMIAN_DEBUG']) console.error(e);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
