import type { CliCommand } from './command';

export const webCommand: CliCommand = {
  summary: 'web (not yet available)',
  async run() {
    process.stderr.write('banmian web: not yet available\n');
    return 2;
  },
};
