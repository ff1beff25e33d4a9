/**
 * `banmian normalize FILE…`: loads each file with full validation (migrating
 * older format versions) and rewrites it in place in the current format
 * through the one save path (atomic replace, previous version kept as
 * `FILE~`). A file that does not load is left exactly as it was.
 */
import { parseArgs } from 'node:util';
import { readBanmianFile, writeBanmianFile } from '../storage';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian normalize [--quiet] FILE.banmian…\n';

export const normalizeCommand: CliCommand = {
  summary: 'rewrite .banmian files in place in the current format',
  async run(argv) {
    let parsed;
    try {
      parsed = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
      });
    } catch (e) {
      process.stderr.write(`banmian normalize: ${(e as Error).message}\n${USAGE}`);
      return 2;
    }
    if (parsed.values.help) {
      process.stdout.write(USAGE);
      return 0;
    }
    if (parsed.positionals.length === 0) {
      process.stderr.write(`banmian normalize: no file given\n${USAGE}`);
      return 2;
    }
    let failed = 0;
    for (const file of parsed.positionals) {
      const loaded = await readBanmianFile(file);
      if (!loaded.ok) {
        process.stderr.write(`banmian normalize: ${file}: ${loaded.error.message}\n`);
        failed++;
        continue;
      }
      const started = performance.now();
      const written = await writeBanmianFile(file, loaded.value);
      if (!written.ok) {
        process.stderr.write(`banmian normalize: ${file}: ${written.error.message}\n`);
        failed++;
        continue;
      }
      if (!parsed.values.quiet) {
        const { pages, assets, warnings } = loaded.value;
        const ms = (performance.now() - started).toFixed(0);
        const warned = warnings.length > 0 ? `, ${warnings.length} warning(s): ${warnings[0]}` : '';
        process.stdout.write(
          `${file}: ${pages.length} page(s), ${assets.length} image(s), ${written.value.bytes} bytes written in ${ms} ms${warned}\n`,
        );
      }
    }
    return failed > 0 ? 1 : 0;
  },
};
