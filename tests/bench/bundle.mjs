// Node cannot run the TypeScript bench parts directly: each is bundled with esbuild (as the compat
// runner does) into `<output>/bench/` and imported from there. `output` is the bench's output folder
// (run.mjs), so parallel benches against different builds do not overwrite each other's bundles.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The bench's output folder: E2E_OUTPUT_DIR or TWOSTEP_OUTPUT_DIR (the build folder), else .output. */
export function outputDir() {
  const e2e = process.env.E2E_OUTPUT_DIR;
  const twostep = process.env.TWOSTEP_OUTPUT_DIR;
  if (e2e && twostep && path.resolve(e2e) !== path.resolve(twostep)) {
    throw new Error(`E2E_OUTPUT_DIR (${e2e}) and TWOSTEP_OUTPUT_DIR (${twostep}) name different builds`);
  }
  const chosen = e2e || twostep;
  return chosen ? path.resolve(chosen) : path.join(ROOT, '.output');
}

/**
 * qrcode is CommonJS requiring Node built-ins, which an ESM bundle cannot `require`: it stays
 * external and is loaded from the project's node_modules at run time. By file URL, because the
 * bundle may sit outside the project (E2E_OUTPUT_DIR=/tmp/...), where a bare name would not resolve.
 */
function projectExternal(name) {
  const file = createRequire(path.join(ROOT, 'package.json')).resolve(name);
  return {
    name: `external-${name}`,
    setup(b) {
      b.onResolve({ filter: new RegExp(`^${name}$`) }, () => ({
        path: pathToFileURL(file).href,
        external: true,
      }));
    },
  };
}

/** Bundles `tests/bench/<name>.ts` for Node and returns its exports. */
export async function importBenchModule(name) {
  const outfile = path.join(outputDir(), 'bench', `${name}.mjs`);
  await build({
    entryPoints: [path.join(ROOT, 'tests/bench', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [projectExternal('qrcode')],
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
