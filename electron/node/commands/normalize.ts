import type { CliCommand } from './command';

export const normalizeCommand: CliCommand = {
  summary: 'normalize (not yet available)',
  async run() {
    process.stderr.write('banmian normalize: not yet available\n');
    return 2;
  },
};
