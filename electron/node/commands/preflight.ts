import type { CliCommand } from './command';

export const preflightCommand: CliCommand = {
  summary: 'preflight (not yet available)',
  async run() {
    process.stderr.write('banmian preflight: not yet available\n');
    return 2;
  },
};
