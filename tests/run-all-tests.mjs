#!/usr/bin/env node
// `npm test`: every check and test the project has, in one run, ending with the line
// "N passed, N failed" that sums them all (type check, lint, Vitest unit tests, the compatibility
// runner on the own fixtures and on the external corpus when present, the size budgets of the
// build, the sources-zip rebuild check, web-ext lint, end-to-end stories in real Chromium and real
// Firefox ESR).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const out = path.join(root, '.output');
fs.mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(command, args, { capture = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (capture && result.stdout) process.stdout.write(result.stdout);
  return result;
}

function check(name, command, args) {
  console.log(`\n=== ${name}`);
  const { status } = run(command, args);
  if (status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(name);
  }
}

check('type check (tsc --noEmit)', 'npm', ['run', '--silent', 'compile']);
check('lint and format (biome check)', 'npx', ['biome', 'check', '.']);

console.log('\n=== unit tests (vitest)');
const vitestJson = path.join(out, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
if (fs.existsSync(vitestJson)) {
  const report = JSON.parse(fs.readFileSync(vitestJson, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0) failures.push(`${report.numFailedTests} unit test(s)`);
  // A suite that fails to load has no tests to count: count the file itself as a failure.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  );
  failed += brokenFiles.length;
  for (const f of brokenFiles) failures.push(`unit suite ${path.relative(root, f.name)} did not load`);
} else {
  failed += 1;
  failures.push('vitest produced no report');
}

/**
 * The compatibility runner (issue 4): the repository's own generated fixtures always, and the
 * external corpus when one is present (TWOSTEP_CORPUS, or ../shared/corpus next to the checkout).
 * Its last line is "N passed, N failed"; "hard" QR images are reported by it, never counted.
 */
function compat(name, env) {
  console.log(`\n=== ${name}`);
  const result = spawnSync('node', ['tests/compat/run.mjs'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(result.stdout ?? '');
  const last = (result.stdout ?? '').trim().split('\n').at(-1) ?? '';
  const match = /^(\d+) passed, (\d+) failed$/.exec(last);
  if (!match) {
    failed += 1;
    failures.push(`${name} did not report (exit ${result.status})`);
    return;
  }
  passed += Number(match[1]);
  failed += Number(match[2]);
  if (Number(match[2]) > 0) failures.push(`${match[2]} ${name} case(s)`);
}

compat('compatibility: own fixtures', { TWOSTEP_CORPUS: '' });
const corpus = process.env.TWOSTEP_CORPUS || path.resolve(root, '../shared/corpus');
if (fs.existsSync(path.join(corpus, 'manifest.json')) || corpus.endsWith('.json')) {
  compat(`compatibility: corpus ${corpus}`, { TWOSTEP_CORPUS: corpus });
} else console.log(`\n(no external corpus at ${corpus}: only the own fixtures were run)`);

if (
  !fs.existsSync(path.join(out, 'chrome-mv3/manifest.json')) ||
  !fs.existsSync(path.join(out, 'firefox-mv2/manifest.json'))
) {
  console.log('\n=== build (the end-to-end tests load the built extension)');
  check('build', 'npm', ['run', '--silent', 'build']);
}
check('size budgets (content script ≤ 12 KB, popup initial JS ≤ 30 KB gzip)', 'node', [
  'tests/bench/budgets.mjs',
]);
// The Firefox sources zip: nothing secret or generated in it, and npm ci + wxt build -b firefox in
// an unpacked copy gives .output/firefox-mv2 byte for byte (about 1.5–2 min: a full npm ci).
check('sources zip (nothing secret; rebuilds to the same firefox-mv2)', 'node', [
  'tests/packaging/sources-zip.mjs',
]);
check('web-ext lint on firefox-mv2 (no errors, every warning explained)', 'node', [
  'tests/packaging/web-ext-lint.mjs',
]);

for (const browser of ['chromium', 'firefox']) {
  console.log(`\n=== end-to-end: ${browser}`);
  const result = run('node', ['tests/e2e/run.mjs', '--browser', browser], { capture: true });
  const line = (result.stdout ?? '').split('\n').find((l) => l.startsWith('E2E_RESULT '));
  if (!line) {
    failed += 1;
    failures.push(`end-to-end ${browser} did not report (exit ${result.status})`);
    continue;
  }
  const summary = JSON.parse(line.slice('E2E_RESULT '.length));
  passed += summary.passed;
  failed += summary.failed;
  if (summary.failed > 0) failures.push(`${summary.failed} ${browser} end-to-end stor(ies)`);
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
