#!/usr/bin/env node
// The "QR decode" part of `npm run bench`, also runnable alone: `node tests/bench/qr-decode.mjs`.
// Bundles qr-decode.ts with esbuild (as the compat runner does) into .output/bench/ and runs it.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function measureQrDecode() {
  const outfile = path.join(ROOT, '.output/bench/qr-decode.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'tests/bench/qr-decode.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // qrcode is CommonJS requiring Node built-ins: load it from node_modules at run time.
    external: ['qrcode'],
    logLevel: 'warning',
  });
  const { measureQrDecode: measure } = await import(pathToFileURL(outfile).href);
  return measure();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measureQrDecode();
  for (const [name, value] of Object.entries(results)) console.log(`${name}  ${value}`);
}
