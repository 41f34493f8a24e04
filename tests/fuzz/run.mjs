#!/usr/bin/env node
// `npm run fuzz`: Node 20 cannot run the TypeScript runner directly, so it is bundled with esbuild
// (as tests/compat/run.mjs does) into .output/fuzz/ and started from there; the runner starts the
// same file again as its worker threads. Arguments are passed through (see tests/fuzz/runner.ts).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTFILE = path.join(ROOT, '.output/fuzz/runner.mjs');
process.chdir(ROOT);

await build({
  entryPoints: [path.join(ROOT, 'tests/fuzz/runner.ts')],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
});
await import(pathToFileURL(OUTFILE).href);
