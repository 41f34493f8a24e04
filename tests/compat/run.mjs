#!/usr/bin/env node
// `npm run compat`: Node 20 cannot run the TypeScript runner directly, so it is bundled with esbuild
// (vite's dependency, present after `npm ci`) into .output/compat/ and started from there.
// Without TWOSTEP_CORPUS the repository's own fixtures are used; they are committed, and made again
// by scripts/make-compat-fixtures.mjs when missing (a fresh checkout that dropped them).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTFILE = path.join(ROOT, '.output/compat/runner.mjs');
process.chdir(ROOT);

if (!process.env.TWOSTEP_CORPUS && !existsSync(path.join(ROOT, 'tests/fixtures/compat/manifest.json'))) {
  await import(pathToFileURL(path.join(ROOT, 'scripts/make-compat-fixtures.mjs')).href);
}

await build({
  entryPoints: [path.join(ROOT, 'tests/compat/runner.ts')],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // pngjs is CommonJS that requires Node built-ins (zlib, stream): load it from node_modules at run
  // time instead of bundling it into an ES module.
  external: ['pngjs'],
  logLevel: 'warning',
});
await import(pathToFileURL(OUTFILE).href);
