import type { CliCommand } from './command';

export const exportCommand: CliCommand = {
  summary: 'export (not yet available)',
  async run() {
    process.stderr.write('banmian export: not yet available\n');
    return 2;
  },
};
