#!/usr/bin/env node
// Size budgets of the built extension, checked in both builds (`npm test` runs this after the
// build). Measured as tests/bench/sizes.mjs measures (gzip -9 of the files as shipped):
// - issue 5: what every matching page loads before a QR candidate, i.e. the manifest's content
//   scripts, at most 12 KB; the page tools that come on demand are reported, not budgeted;
// - the popup's initial JS (its chunk and the chunks it imports) at most 30 KB.
// KB here is 1000 bytes, the stricter reading. Exit code 1 when a budget is exceeded or a build
// is missing; the last line says how many budgets passed and failed.
import fs from 'node:fs';
import path from 'node:path';
import { bundleSizes } from './sizes.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUILDS = ['chrome-mv3', 'firefox-mv2'];
const BUDGETS = {
  content_gzip_bytes: { limit: 12_000, what: 'content script every matching page loads' },
  popup_js_gzip_bytes: { limit: 30_000, what: 'popup initial JS' },
};

const outDir = process.env.TWOSTEP_OUTPUT_DIR ?? path.join(ROOT, '.output');
let passed = 0;
let failed = 0;
for (const build of BUILDS) {
  const dir = path.join(outDir, build);
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    console.log(`FAIL ${build}: no build at ${dir} (run npm run build first)`);
    failed += Object.keys(BUDGETS).length;
    continue;
  }
  const sizes = bundleSizes(dir);
  for (const [key, { limit, what }] of Object.entries(BUDGETS)) {
    const size = sizes[key];
    const ok = typeof size === 'number' && size <= limit;
    if (ok) passed += 1;
    else failed += 1;
    const shown = typeof size === 'number' ? `${size} B` : 'not found';
    console.log(`${ok ? 'PASS' : 'FAIL'} ${build} ${what}: ${shown} gzip (budget ${limit} B)`);
  }
  if (typeof sizes.page_tools_gzip_bytes === 'number') {
    console.log(`info ${build} page tools, loaded on demand: ${sizes.page_tools_gzip_bytes} B gzip`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
