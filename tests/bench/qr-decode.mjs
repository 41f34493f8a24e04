#!/usr/bin/env node
// The "QR decode" part of `npm run bench`, also runnable alone: `node tests/bench/qr-decode.mjs`.
// Bundles qr-decode.ts (bundle.mjs) and runs it.
import { pathToFileURL } from 'node:url';
import { importBenchModule } from './bundle.mjs';

export async function measureQrDecode() {
  const { measureQrDecode: measure } = await importBenchModule('qr-decode');
  return measure();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const results = await measureQrDecode();
  for (const [name, value] of Object.entries(results)) console.log(`${name}  ${value}`);
}
