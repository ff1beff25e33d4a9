// Builds everything the app runs from: the renderer bundle (Vite) and the
// Node-side entry points (esbuild). Type checking is `tsc -b`, separately.
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.argv[2]; // 'renderer' | 'node' | undefined (both)

// Node entry points, built together with code splitting so that each CLI
// command (and the packages it needs: Chromium driver, sharp, pdf-lib, mammoth)
// loads only when that command runs. Chunks sit next to the entries, so
// `new URL('./intake-worker.mjs', import.meta.url)` works from any of them.
const nodeEntries = {
  cli: 'electron/node/cli.ts',
  start: 'electron/node/start.ts',
  // The import worker thread (electron/node/intake/import-off-thread.ts loads it from next to the bundle).
  'intake-worker': 'electron/node/intake/intake-worker.ts',
  // The desk's embedded database thread (electron/node/desk/desk-db.ts loads it from next to the bundle).
  'desk-pglite-worker': 'electron/node/desk/pglite-worker.ts',
  bench: 'bench/bench.ts',
  'bench-intake': 'bench/intake.ts',
  'shape-typing': 'bench/shape-typing.ts',
  'bench-edition': 'bench/edition-model.ts',
  'bench-profile': 'bench/profile-typing.ts',
  'desk-load': 'bench/desk-load.ts',
  // The load bench's client threads (bench/desk-load-hosts.ts loads it from next to the bench).
  'desk-load-worker': 'bench/desk-load-worker.ts',
  'build-fixtures': 'fixtures/build-fixtures.ts',
};
const electronEntries = [
  ['electron/main/main.ts', 'dist/electron/main.mjs'],
  ['electron/preload/preload.ts', 'dist/electron/preload.cjs'],
];

// CommonJS packages the export command loads, required rather than imported:
// Node imports a CommonJS package through an ES-module wrapper and scans its
// source for export names (cjs-module-lexer), which cost the export command
// about 0.4 s of CPU before Chromium could start (playwright-core alone 0.25 s).
// `require` (the banner's createRequire) loads the same files without either.
// A dynamic `import()` of one of them gets only `default` (the exports object), as
// Node gives a CommonJS module: to load one late, import it statically from a
// module that is itself imported dynamically (commands/join-pdfs.ts).
const REQUIRED_PACKAGES = ['playwright-core', 'pdf-lib', 'sharp', 'yauzl', 'yazl'];
const requirePackages = {
  name: 'require-cjs-packages',
  setup(build) {
    const filter = new RegExp(`^(${REQUIRED_PACKAGES.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'required-package' ? { path: args.path, external: true } : { path: args.path, namespace: 'required-package' },
    );
    build.onLoad({ filter: /.*/, namespace: 'required-package' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

async function buildNode() {
  const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning', absWorkingDir: root };
  const entryPoints = Object.fromEntries(Object.entries(nodeEntries).filter(([, entry]) => existsSync(`${root}/${entry}`)));
  await esbuild({
    ...common,
    entryPoints,
    outdir: 'dist/node',
    entryNames: '[name]',
    chunkNames: 'chunk-[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    format: 'esm',
    packages: 'external',
    plugins: [requirePackages],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  for (const [entry, outfile] of electronEntries) {
    if (!existsSync(`${root}/${entry}`)) continue;
    // The sandboxed preload cannot require node_modules: bundle everything but electron.
    // The main process is an ES module (the Node side it shares uses import.meta.url).
    const isPreload = entry.includes('preload');
    await esbuild({
      ...common,
      entryPoints: [entry],
      outfile,
      format: isPreload ? 'cjs' : 'esm',
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
