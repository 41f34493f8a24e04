/**
 * `npm run compat` (bundled and started by run.mjs): runs every case of a compatibility manifest
 * (the format of ../shared/corpus/manifest.json, see that README) through the code the extension
 * itself uses — lib/qr for pictures, lib/transfer/import for texts and files, lib/otp for codes.
 *
 * Manifest: `TWOSTEP_CORPUS` (the manifest file or its folder), else the repository's own fixtures
 * (tests/fixtures/compat, made by scripts/make-compat-fixtures.mjs). Files are relative to the
 * manifest's folder. Prints one line per case, a summary per kind and per format, the hard images
 * read, and last `N passed, N failed`; exits 1 when a case that is not `hard` fails.
 *
 * Output never shows a decoded text or a secret (the corpus holds real-looking ones): only ids,
 * lengths and error codes.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { generateCode, type OtpKind } from '../../lib/otp/index';
import { decodeAllQr, decodeQr } from '../../lib/qr/decode';
import { ImageFileError, NOT_AN_IMAGE_MESSAGE, sniffImageType } from '../../lib/qr/image-file';
import { classifyQrPayload } from '../../lib/qr/payload';
import { compositeOnWhite, type RgbaImage } from '../../lib/qr/pixels';
import { ImportError, importData } from '../../lib/transfer/import/index';
import { type CorpusCase, compareAccounts, type ExpectedAccount, type ExpectedCode } from './corpus-cases';

type Status = 'PASS' | 'FAIL' | 'HARD-READ' | 'HARD-MISSED';

interface Outcome {
  status: Status;
  reason: string;
  ms: number;
}

const DEFAULT_MANIFEST = 'tests/fixtures/compat/manifest.json';

function manifestPath(): string {
  const fromEnv = process.env.TWOSTEP_CORPUS;
  if (fromEnv === undefined || fromEnv === '') return resolve(DEFAULT_MANIFEST);
  const target = resolve(fromEnv);
  return statSync(target).isDirectory() ? join(target, 'manifest.json') : target;
}

/** A failure we expected and could explain, vs. one that means the code under test is wrong. */
class CaseFailure extends Error {}

const describeError = (error: unknown): string =>
  error instanceof ImportError
    ? `ImportError ${error.code}`
    : error instanceof Error
      ? `${error.name}: ${error.message.slice(0, 160)}`
      : String(error);

async function expectAccounts(text: string | Uint8Array, accounts: ExpectedAccount[], c: CorpusCase) {
  const result = await importData(text, {
    password: c.password,
    fileName: c.file === undefined ? undefined : basename(c.file),
  });
  const problems = compareAccounts(result.accounts, accounts);
  if (problems.length > 0) throw new CaseFailure(`${result.label}: ${problems.slice(0, 3).join('; ')}`);
  const skipped = result.skipped.length > 0 ? `, ${result.skipped.length} skipped` : '';
  return `${result.label}: ${accounts.length} accounts match${skipped}`;
}

async function expectImportError(data: string | Uint8Array, c: CorpusCase): Promise<string> {
  try {
    const result = await importData(data, {
      password: c.password,
      fileName: c.file === undefined ? undefined : basename(c.file),
    });
    throw new CaseFailure(
      `expected an ImportError, got ${result.accounts.length} accounts (${result.label})`,
    );
  } catch (error) {
    if (error instanceof CaseFailure) throw error;
    if (error instanceof ImportError) return `rejected: ${error.code}`;
    throw new CaseFailure(`expected an ImportError, got ${describeError(error)}`);
  }
}

/**
 * The extension's path for a picture file: sniff the type (lib/qr/image-file), decode the pixels
 * (in Node: pngjs for PNG; the browser uses createImageBitmap), flatten on white as the page's
 * canvas does, then decodeQr / decodeAllQr.
 */
function loadPicture(bytes: Uint8Array): RgbaImage {
  const type = sniffImageType(bytes);
  if (type === null) throw new ImageFileError('IMAGE_NOT_AN_IMAGE', NOT_AN_IMAGE_MESSAGE);
  if (type !== 'png') throw new CaseFailure(`a ${type.toUpperCase()} picture: this runner decodes PNG only`);
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  const data = new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length);
  return compositeOnWhite({ data, width: png.width, height: png.height });
}

async function qrImage(c: CorpusCase, root: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(join(root, c.file ?? '')));
  let image: RgbaImage;
  try {
    image = loadPicture(bytes);
  } catch (error) {
    if (error instanceof ImageFileError && c.expect.error === true && c.expect.text === undefined)
      return `rejected: ${error.code} ("${error.message}")`;
    throw error instanceof CaseFailure ? error : new CaseFailure(`loading failed: ${describeError(error)}`);
  }
  if (c.expect.text === undefined)
    throw new CaseFailure('expected "not an image", but the file is a picture');
  const first = decodeQr(image);
  let how = 'decodeQr';
  if (first !== c.expect.text) {
    // A picture with several codes: decodeQr returns one of them; the import page reads them all.
    const all = decodeAllQr(image);
    if (!all.includes(c.expect.text)) {
      const got = first === null ? 'no code' : `another text (${first.length} chars)`;
      throw new CaseFailure(
        `expected a ${c.expect.text.length}-char text, decodeQr read ${got}, decodeAllQr ${all.length} codes`,
      );
    }
    how = `decodeAllQr (${all.length} codes)`;
  }
  const texts = c.expect.texts;
  if (texts !== undefined) {
    const all = decodeAllQr(image);
    const missing = texts.filter((t) => !all.includes(t));
    if (missing.length > 0)
      throw new CaseFailure(`decodeAllQr found ${all.length} codes; ${missing.length} expected missing`);
    how = `decodeAllQr found all ${texts.length} codes`;
  }
  const text = c.expect.text;
  if (c.expect.error === true) {
    const payload = classifyQrPayload(text);
    if (payload.kind === 'otpauth' || payload.kind === 'migration')
      throw new CaseFailure(`read, but classified as ${payload.kind}; expected no account`);
    return `read by ${how}; not an account (${payload.kind}), ${await expectImportError(text, c)}`;
  }
  if (c.expect.accounts !== undefined)
    return `read by ${how}; ${await expectAccounts(text, c.expect.accounts, c)}`;
  return `read by ${how}`;
}

async function importCase(c: CorpusCase, root: string): Promise<string> {
  const data =
    c.kind === 'import-file' ? new Uint8Array(readFileSync(join(root, c.file ?? ''))) : (c.text ?? '');
  if (c.expect.error === true) return expectImportError(data, c);
  return expectAccounts(data, c.expect.accounts ?? [], c);
}

function otpVector(c: CorpusCase): string {
  const codes: ExpectedCode[] = c.expect.codes ?? [];
  const wrong: string[] = [];
  for (const want of codes) {
    const kind: OtpKind = want.type === 'steam' ? 'steam' : want.counter !== undefined ? 'hotp' : 'totp';
    const params = {
      kind,
      secret: want.secret,
      algorithm: want.algorithm,
      digits: want.digits,
      period: want.period ?? 30,
      counter: want.counter ?? 0,
    };
    const got = generateCode(params, (want.time ?? 0) * 1000);
    if (got !== want.code) wrong.push(`${kind} ${want.algorithm} ${want.time ?? `counter ${want.counter}`}`);
  }
  if (wrong.length > 0)
    throw new CaseFailure(`${wrong.length}/${codes.length} codes differ: ${wrong.slice(0, 3).join(', ')}`);
  return `${codes.length} codes match`;
}

async function runCase(c: CorpusCase, root: string): Promise<Outcome> {
  const started = performance.now();
  const done = (status: Status, reason: string): Outcome => ({
    status,
    reason,
    ms: performance.now() - started,
  });
  try {
    const reason =
      c.kind === 'qr-image'
        ? await qrImage(c, root)
        : c.kind === 'otp-vector'
          ? otpVector(c)
          : await importCase(c, root);
    return done(c.hard === true ? 'HARD-READ' : 'PASS', reason);
  } catch (error) {
    const reason = error instanceof CaseFailure ? error.message : `threw ${describeError(error)}`;
    return done(c.hard === true ? 'HARD-MISSED' : 'FAIL', reason);
  }
}

interface Tally {
  passed: number;
  failed: number;
  hardRead: number;
  hard: number;
}

function tally(map: Map<string, Tally>, key: string, status: Status): void {
  const t = map.get(key) ?? { passed: 0, failed: 0, hardRead: 0, hard: 0 };
  if (status === 'PASS') t.passed += 1;
  if (status === 'FAIL') t.failed += 1;
  if (status === 'HARD-READ' || status === 'HARD-MISSED') t.hard += 1;
  if (status === 'HARD-READ') t.hardRead += 1;
  map.set(key, t);
}

function printTable(title: string, map: Map<string, Tally>): void {
  console.log(`\n${title}`);
  const width = Math.max(...[...map.keys()].map((k) => k.length));
  for (const [key, t] of [...map].sort(([a], [b]) => a.localeCompare(b))) {
    const hard = t.hard > 0 ? `, hard ${t.hardRead}/${t.hard} read` : '';
    console.log(`  ${key.padEnd(width)}  ${t.passed} passed, ${t.failed} failed${hard}`);
  }
}

async function main(): Promise<number> {
  const manifest = manifestPath();
  const root = dirname(manifest);
  const { cases } = JSON.parse(readFileSync(manifest, 'utf8')) as { cases: CorpusCase[] };
  console.log(`compat: ${cases.length} cases from ${manifest}\n`);
  const byKind = new Map<string, Tally>();
  const byFormat = new Map<string, Tally>();
  const totals: Tally = { passed: 0, failed: 0, hardRead: 0, hard: 0 };
  const started = performance.now();
  for (const c of cases) {
    const outcome = await runCase(c, root);
    console.log(`${outcome.status.padEnd(11)} ${c.id}  ${outcome.reason} [${outcome.ms.toFixed(0)} ms]`);
    tally(byKind, c.kind, outcome.status);
    tally(byFormat, c.format ?? (c.kind === 'otp-vector' ? 'otp' : '(none)'), outcome.status);
    if (outcome.status === 'PASS') totals.passed += 1;
    if (outcome.status === 'FAIL') totals.failed += 1;
    if (outcome.status === 'HARD-READ') totals.hardRead += 1;
    if (outcome.status.startsWith('HARD')) totals.hard += 1;
  }
  printTable('By kind:', byKind);
  printTable('By format:', byFormat);
  console.log(`\nHard images read: ${totals.hardRead} of ${totals.hard} (never counted as failures)`);
  console.log(`Time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${totals.passed} passed, ${totals.failed} failed`);
  return totals.failed > 0 ? 1 : 0;
}

process.exitCode = await main();
