// Builds everything the app runs from: the renderer bundle (Vite) and the
// Node-side entry points (esbuild). Type checking is `tsc -b`, separately.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2]; // 'renderer' | 'node' | undefined (both)

const nodeEntries = [
  ['electron/node/cli.ts', 'dist/node/cli.mjs'],
  ['electron/node/start.ts', 'dist/node/start.mjs'],
  // The import worker thread (electron/node/intake/import-off-thread.ts loads it from next to the bundle).
  ['electron/node/intake/intake-worker.ts', 'dist/node/intake-worker.mjs'],
  ['bench/bench.ts', 'dist/node/bench.mjs'],
  ['fixtures/build-seed-page.ts', 'dist/node/build-fixtures.mjs'],
];
const electronEntries = [
  ['electron/main/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload/preload.ts', 'dist/electron/preload.cjs'],
];

async function buildNode() {
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  for (const [entry, outfile] of nodeEntries) {
    if (!existsSync(`${root}/${entry}`)) continue;
    await esbuild({
      ...common,
      entryPoints: [entry],
      outfile,
      format: 'esm',
      packages: 'external',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
  }
  for (const [entry, outfile] of electronEntries) {
    if (!existsSync(`${root}/${entry}`)) continue;
    // The sandboxed preload cannot require node_modules: bundle everything but electron.
    const isPreload = entry.includes('preload');
    await esbuild({
      ...common,
      entryPoints: [entry],
      outfile,
      format: 'cjs',
      external: ['electron'],
      packages: isPreload ? undefined : 'external',
    });
  }
}

async function buildRenderer() {
  await viteBuild({ configFile: `${root}/vite.config.ts`, logLevel: 'warn' });
}

const started = Date.now();
if (only !== 'node') await buildRenderer();
if (only !== 'renderer') await buildNode();
console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
