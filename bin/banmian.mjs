#!/usr/bin/env node
// The `banmian` command: runs the built CLI (see electron/node/cli.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = fileURLToPath(new URL('../dist/node/cli.mjs', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write('banmian: not built yet; run `npm run build` in the project folder first\n');
  process.exit(2);
}
await import(pathToFileURL(cli).href);
