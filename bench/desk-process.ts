/**
 * A desk as a child process (`node dist/node/cli.mjs desk …`), for the kill
 * test and the load bench: start it on a given port with its own state and
 * users file, kill it with SIGKILL, start it again on the same port.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../electron/node/project-root';

/** The built CLI (`npm run build` or `node scripts/build.mjs node` first). */
export const CLI = join(projectRoot(), 'dist', 'node', 'cli.mjs');

export function cliBuilt(): boolean {
  return existsSync(CLI);
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface DeskProcessOptions {
  port: number;
  /** State folder (XDG_STATE_HOME) of the child: the embedded database lives under it. */
  stateHome: string;
  usersFile: string;
  db?: string;
  files: string[];
  /** A file the desk writes its trace to (BANMIAN_DESK_TRACE, electron/node/desk/desk-trace.ts). */
  trace?: string;
  /** More environment for the desk (e.g. BANMIAN_DESK_PGLITE_THREAD=main). */
  env?: Record<string, string>;
}

export interface DeskProcess {
  url: string;
  child: ChildProcess;
  /** SIGKILL, and wait until the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (clean stop). */
  stop(): Promise<void>;
}

/** Starts a desk and resolves when it prints its URL. */
export function startDeskProcess(options: DeskProcessOptions): Promise<DeskProcess> {
  mkdirSync(options.stateHome, { recursive: true });
  // BANMIAN_DESK_NODE_ARGS: extra Node options for the desk (e.g. --cpu-prof to profile it under load).
  const nodeArgs = (process.env['BANMIAN_DESK_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
  const args = [...nodeArgs, CLI, 'desk', '--port', String(options.port), '--users', options.usersFile, ...(options.db ? ['--db', options.db] : []), ...options.files];
  const child = spawn(process.execPath, args, {
    env: {
      ...process.env,
      XDG_STATE_HOME: options.stateHome,
      XDG_CONFIG_HOME: join(options.stateHome, 'config'),
      ...(options.trace ? { BANMIAN_DESK_TRACE: options.trace } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`desk did not start in 120 s: ${out}${err}`)), 120_000);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /desk: (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          child,
          async kill() {
            child.kill('SIGKILL');
            await exited;
          },
          async stop() {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`desk exited with ${code}: ${out}${err}`));
    });
  });
}

/** Writes a users file for the children. */
export function writeUsersFile(path: string, users: unknown): void {
  writeFileSync(path, JSON.stringify(users));
}
