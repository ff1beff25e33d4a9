/**
 * `banmian web [--port N] [FILE]`: serves the editor on 127.0.0.1 and prints
 * one line, the URL with its token. Runs until interrupted. With
 * `--desk URL --edition NAME --user NAME [--token T]` the page joins that desk
 * edition instead of opening a file (the token may also come from
 * $BANMIAN_DESK_TOKEN, so it need not be on the command line).
 */
import { parseArgs } from 'node:util';
import { startWebServer } from '../web/server';
import type { DeskConnection } from '../../../shared/host/host-api';
import type { CliCommand } from './command';

const USAGE = 'usage: banmian web [--port N] [FILE.banmian | --desk URL --edition NAME --user NAME [--token T]]';

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
    let desk: DeskConnection | null = null;
    try {
      const { positionals, values } = parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          port: { type: 'string', short: 'p' },
          help: { type: 'boolean', short: 'h' },
          desk: { type: 'string' },
          edition: { type: 'string' },
          user: { type: 'string' },
          token: { type: 'string' },
        },
      });
      if (values.help) {
        process.stdout.write(`${USAGE}\n`);
        return 0;
      }
      if (positionals.length > 1) throw new Error('one file at a time');
      port = parsePort(values.port);
      file = positionals[0];
      desk = deskArguments(values);
      if (desk && file) throw new Error('a file or a desk, not both');
    } catch (e) {
      process.stderr.write(`banmian web: ${(e as Error).message}\n${USAGE}\n`);
      return 2;
    }
    let server;
    try {
      server = await startWebServer({ port, file: file ?? null, desk });
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

/** The desk to join from --desk/--edition/--user/--token, null without --desk; throws naming what is missing. */
export function deskArguments(values: { desk?: string; edition?: string; user?: string; token?: string }): DeskConnection | null {
  if (values.desk === undefined) {
    if (values.edition !== undefined || values.user !== undefined || values.token !== undefined) throw new Error('--edition, --user and --token go with --desk');
    return null;
  }
  if (!/^(https?|wss?):\/\/\S+$/.test(values.desk)) throw new Error(`--desk must be the URL banmian desk printed (http://…), not "${values.desk}"`);
  if (!values.edition) throw new Error('--desk needs --edition NAME');
  if (!values.user) throw new Error('--desk needs --user NAME');
  return { url: values.desk, edition: values.edition, user: values.user, token: values.token ?? process.env['BANMIAN_DESK_TOKEN'] ?? '' };
}

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
