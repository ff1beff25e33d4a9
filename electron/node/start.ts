/**
 * `npm start`: the desktop app on the reference page when the Electron
 * binary is installed; otherwise one attempt to fetch it, and failing that
 * web mode on the same page (one line saying so, then the URL).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { waitForSignal } from './commands/web';
import { startWebServer } from './web/server';
import { projectRoot } from './project-root';

const requireHere = createRequire(import.meta.url);
const root = projectRoot();
const REFERENCE_PAGE = join(root, 'fixtures', 'seed-front-page.banmian');
const INSTALL_TIMEOUT_MS = 20_000;

/** The Electron executable, or null: the `electron` package's main throws when its binary is missing. */
function electronBinary(): string | null {
  try {
    const resolved = requireHere.resolve('electron');
    delete requireHere.cache[resolved];
    const path = requireHere('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** One try at the package's own download, quietly and briefly. */
function tryInstallElectron(): void {
  let installer: string;
  try {
    installer = join(requireHere.resolve('electron/package.json'), '..', 'install.js');
  } catch {
    return;
  }
  if (!existsSync(installer)) return;
  spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: INSTALL_TIMEOUT_MS, cwd: root });
}

async function main(): Promise<number> {
  const file = existsSync(REFERENCE_PAGE) ? REFERENCE_PAGE : null;
  let electron = electronBinary();
  if (!electron) {
    tryInstallElectron();
    electron = electronBinary();
  }
  if (electron) {
    const child = spawn(electron, [join(root, 'dist', 'electron', 'main.mjs'), ...(file ? [file] : [])], { stdio: 'inherit' });
    return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  }
  process.stdout.write('The Electron binary is unavailable (not installed and cannot be downloaded); starting web mode instead.\n');
  let server;
  try {
    server = await startWebServer({ file });
  } catch (e) {
    process.stderr.write(`banmian: ${(e as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${server.url}\n`);
  await waitForSignal();
  await server.close();
  return 0;
}

process.exitCode = await main();
