import type { CliCommand } from './command';

export const importCommand: CliCommand = {
  summary: 'import (not yet available)',
  async run() {
    process.stderr.write('banmian import: not yet available\n');
    return 2;
  },
};
