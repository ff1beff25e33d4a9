/**
 * `banmian web [--port N] [FILE]`: serves the editor on 127.0.0.1 and prints
 * one line, the URL with its token. Runs until interrupted.
 */
import { parseArgs } from 'node:util';
import { startWebServer } from '../web/server';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian web [--port N] [FILE.banmian]';

/** A TCP port from the command line, or a RangeError naming the value. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) throw new RangeError(`--port must be a number from 0 to 65535, not "${value}"`);
  return port;
}

export const webCommand: CliCommand = {
  summary: 'serve the editor to a browser on 127.0.0.1 and print its URL',
  async run(argv) {
    let port: number;
    let file: string | undefined;
    try {
      const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: { port: { type: 'string', short: 'p' }, help: { type: 'boolean', short: 'h' } },
      });
      if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (positionals.length > 1) throw new Error('one file at a time');
      port = parsePort(values.port);
      file = positionals[0];
    } catch (e) {
      process.stderr.write(`banmian web: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    let server;
    try {
      server = await startWebServer({ port, file: file ?? null });
    } catch (e) {
      process.stderr.write(`banmian web: ${(e as Error).message}\n`);
      return 1;
    }
    process.stdout.write(`${server.url}\n`);
    await waitForSignal();
    await server.close();
    return 0;
  },
};

/** Resolves on Ctrl-C or a termination request. */
export function waitForSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
