/**
 * The `banmian` command line: `banmian <command> [args]`. Each command lives
 * in its own file under commands/; this file only dispatches.
 */
import type { CliCommand } from './commands/command';
import { checkCommand } from './commands/check';
import { exportCommand } from './commands/export';
import { importCommand } from './commands/import';
import { normalizeCommand } from './commands/normalize';
import { preflightCommand } from './commands/preflight';
import { webCommand } from './commands/web';

const commands: Record<string, CliCommand> = {
  export: exportCommand,
  check: checkCommand,
  web: webCommand,
  import: importCommand,
  normalize: normalizeCommand,
  preflight: preflightCommand,
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `usage: banmian <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`banmian: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    // A failure we did not foresee still gets one line, not a stack trace.
    process.stderr.write(`banmian ${name}: ${(e as Error).message}\n`);
    if (process.env['BANMIAN_DEBUG']) console.error(e);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
