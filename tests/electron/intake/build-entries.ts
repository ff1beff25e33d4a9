/**
 * Builds the CLI and the import worker the way scripts/build.mjs does, into a
 * folder of the test's own (tests run in parallel; dist/ is not theirs).
 */
import { build } from 'esbuild';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));

export interface BuiltEntries {
  cli: string;
  workerUrl: URL;
}

export async function buildIntakeEntries(name: string): Promise<BuiltEntries> {
  const outdir = `${root}build/test-intake/${name}`;
  await build({
    absWorkingDir: root,
    entryPoints: { cli: 'electron/node/cli.ts', 'intake-worker': 'electron/node/intake/intake-worker.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return { cli: `${outdir}/cli.mjs`, workerUrl: pathToFileURL(`${outdir}/intake-worker.mjs`) };
}
