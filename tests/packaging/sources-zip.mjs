#!/usr/bin/env node
// The Firefox sources zip check (issue 6): the zip AMO's reviewers get must (1) hold nothing secret
// or generated and (2) rebuild to the very extension we ship.
//
//   node tests/packaging/sources-zip.mjs      (E2E_OUTPUT_DIR=<dir> checks another build's zip)
//
// 1. Unpacks <out>/twostep-<version>-sources.zip into a temp folder with a small reader of our own
//    (node:zlib; no `unzip` binary needed on a fresh machine), refusing entries that escape it.
// 2. Fails on any forbidden file: private keys and certificates by NAME (*.pem, *.key, *.p12, …)
//    and by CONTENT (PEM armour, i.e. five dashes + BEGIN, in any text file), .env files,
//    node_modules, .output, .git, and an npmrc carrying credentials. Known token shapes (npm,
//    GitHub, AWS, Slack) in any text file fail too.
// 3. Rebuilds there the way the README tells a reviewer: `npm ci`, then `npx wxt build -b firefox`.
// 4. Compares every file of the rebuilt .output/firefox-mv2 with <out>/firefox-mv2 byte for byte
//    and lists every missing, extra or different file.
// Prints one line per step with its seconds and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '../..');
const out = process.env.E2E_OUTPUT_DIR
  ? path.resolve(process.env.E2E_OUTPUT_DIR)
  : path.join(root, '.output');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const zipPath = path.join(out, `${pkg.name}-${pkg.version}-sources.zip`);
const reference = path.join(out, 'firefox-mv2');

const started = Date.now();
const problems = [];
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------------------------------------
// A minimal ZIP reader: the end-of-central-directory record, then each central-directory entry
// and its local header. Enough for what `wxt zip` writes (stored or deflated, no ZIP64).

/** @returns {Array<{ name: string, data: Buffer }>} */
export function readZip(buffer) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  // The record is 22 bytes plus a comment of at most 65,535 bytes, at the very end.
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('ZIP64 archives are not supported');
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const flags = buffer.readUInt16LE(offset + 8);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const local = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString(flags & 0x800 ? 'utf8' : 'latin1', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue; // a folder
    if (flags & 0x1) throw new Error(`${name}: encrypted entries are not expected`);
    if (buffer.readUInt32LE(local) !== 0x04034b50) throw new Error(`${name}: bad local header`);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const raw = buffer.subarray(start, start + compressedSize);
    let data;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else throw new Error(`${name}: compression method ${method} is not supported`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes unpacked, ${size} expected`);
    entries.push({ name, data });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// What must never be in the sources zip.

/** Key and certificate files by name (extension or well-known file name). */
const KEY_NAME =
  /(^|\/)(id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|[^/]*\.(pem|key|p12|pfx|crt|cer|der|csr|jks|keystore|p8|gpg|kdbx))$/i;
/** Folders that are generated, installed or private, at any depth. */
const FORBIDDEN_DIR = /(^|\/)(node_modules|\.output|\.git)(\/|$)/;
/** .env, .env.local, .env.production, … anywhere. */
const ENV_FILE = /(^|\/)\.env(\.[^/]*)?$/i;
/** npm config files; forbidden when they carry credentials. */
const NPMRC = /(^|\/)\.?npmrc$/i;
const NPMRC_CREDENTIAL = /(_authToken|_auth|_password)\s*=/i;
// PEM armour ("-----BEGIN …-----"), built from parts so this file, which is itself in the zip,
// does not match its own pattern.
const DASHES = '-'.repeat(5);
const PEM = new RegExp(`${DASHES}BEGIN [A-Z0-9 ]+${DASHES}`);
/** Token shapes that have no business in sources. */
const TOKENS = [
  ['npm token', /\bnpm_[A-Za-z0-9]{36}\b/],
  ['GitHub token', /\bgh[pousr]_[A-Za-z0-9]{36}\b/],
  ['AWS access key id', /\bAKIA[0-9A-Z]{16}\b/],
  ['Slack token', /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
];

/** A file is text when its first 8 KB hold no NUL byte (PNGs and other binaries have some). */
const isText = (data) => !data.subarray(0, 8192).includes(0);

export function forbiddenIn(entries) {
  const found = [];
  for (const { name, data } of entries) {
    if (name.startsWith('/') || name.split('/').includes('..'))
      found.push(`${name}: path escapes the folder`);
    if (FORBIDDEN_DIR.test(name)) found.push(`${name}: generated or private folder`);
    if (ENV_FILE.test(name)) found.push(`${name}: .env file`);
    if (KEY_NAME.test(name)) found.push(`${name}: key or certificate file name`);
    if (!isText(data)) continue;
    const text = data.toString('utf8');
    if (NPMRC.test(name) && NPMRC_CREDENTIAL.test(text)) found.push(`${name}: npmrc with credentials`);
    if (PEM.test(text)) found.push(`${name}: PEM block (${PEM.exec(text)[0]})`);
    for (const [what, pattern] of TOKENS) if (pattern.test(text)) found.push(`${name}: looks like a ${what}`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------

function listFiles(dir, prefix = '') {
  const files = [];
  for (const entry of fs.readdirSync(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(dir, rel));
    else files.push(rel);
  }
  return files.sort();
}

/** Where two buffers first differ, with a little text around it when both are text. */
function describeDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const sizes = `${a.length} vs ${b.length} bytes, first difference at byte ${i}`;
  if (!isText(a) || !isText(b)) return sizes;
  const around = (buf) => JSON.stringify(buf.subarray(Math.max(0, i - 40), i + 40).toString('utf8'));
  return `${sizes}: shipped ${around(a)} / rebuilt ${around(b)}`;
}

export function compareTrees(shipped, rebuilt) {
  const a = listFiles(shipped);
  const b = listFiles(rebuilt);
  const inB = new Set(b);
  const inA = new Set(a);
  const differences = [];
  for (const f of a) if (!inB.has(f)) differences.push(`${f}: missing from the rebuild`);
  for (const f of b) if (!inA.has(f)) differences.push(`${f}: only in the rebuild`);
  for (const f of a) {
    if (!inB.has(f)) continue;
    const x = fs.readFileSync(path.join(shipped, f));
    const y = fs.readFileSync(path.join(rebuilt, f));
    if (!x.equals(y)) differences.push(`${f}: differs (${describeDifference(x, y)})`);
  }
  return { files: a.length, differences };
}

function step(name, command, args, cwd, env) {
  const t = Date.now();
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ok = result.status === 0;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds(t)})`);
  if (!ok) {
    const tail = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    problems.push(`${name} failed (exit ${result.status ?? result.signal})`);
    console.log(tail);
  }
  return ok;
}

async function main() {
  if (!fs.existsSync(zipPath)) {
    throw new Error(`${path.relative(root, zipPath)} is missing: run npm run build (or npm run zip) first`);
  }
  if (!fs.existsSync(path.join(reference, 'manifest.json'))) {
    throw new Error(`${path.relative(root, reference)} is missing: run npm run build first`);
  }
  if (fs.statSync(zipPath).mtimeMs + 1000 < fs.statSync(path.join(reference, 'manifest.json')).mtimeMs) {
    // wxt zip -b firefox builds, then packs: a later plain build leaves a zip of older sources.
    console.log('note: firefox-mv2 is newer than the sources zip; run npm run zip so they match');
  }

  let t = Date.now();
  const entries = readZip(fs.readFileSync(zipPath));
  const forbidden = forbiddenIn(entries);
  for (const f of forbidden) problems.push(`forbidden: ${f}`);
  console.log(
    `${forbidden.length ? 'FAIL' : 'ok  '} ${entries.length} files in ${path.basename(zipPath)}, ${
      forbidden.length
    } forbidden (${seconds(t)})`,
  );
  for (const f of forbidden) console.log(`  ${f}`);
  const names = new Set(entries.map((e) => e.name));
  for (const needed of ['package.json', 'package-lock.json', 'README.md', 'wxt.config.ts']) {
    if (!names.has(needed)) problems.push(`${needed} is not in the sources zip (a reviewer needs it)`);
  }
  if (forbidden.length) return; // never install or build from a zip that should not exist

  const dir = fs.mkdtempSync(path.join(scratchRoot(), 'twostep-sources-'));
  try {
    t = Date.now();
    for (const { name, data } of entries) {
      const file = path.join(dir, name);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
    }
    console.log(`ok   unpacked into ${dir} (${seconds(t)})`);
    // The rebuild must not inherit this machine's build redirections.
    const env = { ...process.env };
    delete env.WXT_OUT_DIR;
    delete env.E2E_OUTPUT_DIR;
    // npm ci also runs the project's postinstall (wxt prepare), as on a reviewer's machine.
    if (!step('npm ci', 'npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], dir, env)) return;
    if (!step('wxt build -b firefox', 'npx', ['wxt', 'build', '-b', 'firefox'], dir, env)) return;

    t = Date.now();
    const { files, differences } = compareTrees(reference, path.join(dir, '.output/firefox-mv2'));
    for (const d of differences) problems.push(`rebuild: ${d}`);
    console.log(
      `${differences.length ? 'FAIL' : 'ok  '} rebuilt firefox-mv2 vs ${path.relative(root, reference) || reference}: ${files} files, ${differences.length} difference(s) (${seconds(t)})`,
    );
    for (const d of differences) console.log(`  ${d}`);
  } finally {
    t = Date.now();
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`ok   removed the temporary folder (${seconds(t)})`);
  }
}

/**
 * Where to unpack and install: /dev/shm (memory) when it has room, else the temp folder. npm ci
 * writes and the cleanup deletes ~400 MB in ~20,000 files; on a busy disk that was half of the
 * check's time, and the commands and their result are the same on either file system.
 */
function scratchRoot() {
  const shm = '/dev/shm';
  try {
    const { bavail, bsize } = fs.statfsSync(shm);
    if (bavail * bsize > 2 * 1024 ** 3) return shm;
  } catch {
    // no /dev/shm (not Linux): the temp folder it is
  }
  return os.tmpdir();
}

// Run only as a script: the readers above can be imported (e.g. by a unit test).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await main();
  } catch (error) {
    problems.push(String(error?.message ?? error));
  }
  if (problems.length) {
    console.log(`sources zip: FAILED in ${seconds(started)}`);
    for (const p of problems) console.log(`  - ${p}`);
    process.exit(1);
  }
  console.log(`sources zip: nothing forbidden, rebuild byte-identical (${seconds(started)})`);
}
