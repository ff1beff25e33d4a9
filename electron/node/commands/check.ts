import type { CliCommand } from './command';

export const checkCommand: CliCommand = {
  summary: 'check (not yet available)',
  async run() {
    process.stderr.write('banmian check: not yet available\n');
    return 2;
  },
};
