/**
 * Reads the external compatibility corpus (../shared/corpus, third-party files read by path, never
 * copied) for importer unit tests. `TWOSTEP_CORPUS` may point at its manifest.json or its folder;
 * without it the `../shared/corpus` next to the checkout is tried; when neither exists the tests skip.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { base32ToBytes } from '../../lib/otp/index';
import type { ImportedAccount } from '../../lib/transfer/import/types';

export interface ExpectedAccount {
  type: 'totp' | 'hotp' | 'steam';
  issuer: string;
  account: string;
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period?: number;
  counter?: number;
}

/** One code of an `otp-vector` case: `time` (Unix seconds) for TOTP/Steam, `counter` for HOTP. */
export interface ExpectedCode {
  type?: 'steam';
  secret: string;
  algorithm: 'SHA1' | 'SHA256' | 'SHA512';
  digits: number;
  period?: number;
  time?: number;
  counter?: number;
  code: string;
}

export interface CorpusCase {
  id: string;
  kind: 'qr-image' | 'import-file' | 'import-text' | 'otp-vector';
  file?: string;
  text?: string;
  format?: string;
  password?: string;
  hard?: boolean;
  expect: {
    text?: string;
    /** TwoStep's own fixtures only: every one of these must be among the codes `decodeAllQr` finds. */
    texts?: string[];
    accounts?: ExpectedAccount[];
    error?: boolean;
    codes?: ExpectedCode[];
  };
  source?: string;
  note?: string;
}

export function corpusManifestPath(): string | undefined {
  const candidates = [process.env.TWOSTEP_CORPUS, resolve(process.cwd(), '../shared/corpus')];
  for (const candidate of candidates) {
    if (candidate === undefined || candidate === '' || !existsSync(candidate)) continue;
    const manifest = statSync(candidate).isDirectory() ? join(candidate, 'manifest.json') : candidate;
    if (existsSync(manifest)) return manifest;
  }
  return undefined;
}

/** Import cases of the given formats, with the file's bytes or the text loaded. */
export function importCases(formats: readonly string[]): Array<CorpusCase & { data: Uint8Array | string }> {
  const manifest = corpusManifestPath();
  if (manifest === undefined) return [];
  const root = dirname(manifest);
  const { cases } = JSON.parse(readFileSync(manifest, 'utf8')) as { cases: CorpusCase[] };
  return cases
    .filter((c) => (c.kind === 'import-file' || c.kind === 'import-text') && formats.includes(c.format ?? ''))
    .map((c) => ({
      ...c,
      data: c.file !== undefined ? new Uint8Array(readFileSync(join(root, c.file))) : (c.text ?? ''),
    }));
}

function secretKey(secret: string): string {
  return Array.from(base32ToBytes(secret.toUpperCase().replace(/[\s=]/g, '')), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

function paramsKey(a: {
  type: string;
  secret: string;
  algorithm: string;
  digits: number;
  period?: number;
  counter?: number;
}): string {
  // Steam Guard codes change every 30 s by definition (Steam's own clients; lib/otp/params.ts
  // fixes it), so TwoStep imports every Steam entry at 30 s. One corpus case (2fas-backup-decryptor's
  // synthetic vault) lists a Steam entry at 10 s; its period is therefore not compared.
  const moving =
    a.type === 'hotp' ? `c${a.counter ?? 0}` : a.type === 'steam' ? 'p-steam' : `p${a.period ?? 30}`;
  return `${a.type}|${secretKey(a.secret)}|${a.algorithm}|${a.digits}|${moving}`;
}

function stripIssuer(account: string, issuer: string): string {
  const a = account.trim().toLowerCase();
  const prefix = `${issuer.trim().toLowerCase()}:`;
  return issuer.trim() !== '' && a.startsWith(prefix) ? a.slice(prefix.length).trim() : a;
}

/**
 * The corpus README's comparison ("Comparing accounts"): pair by secret bytes + parameters, then
 * compare issuer and account case-insensitively, tolerating an `issuer:` prefix on the account.
 * Returns a list of human-readable mismatches; empty means the import matches.
 */
export function compareAccounts(
  imported: readonly ImportedAccount[],
  expected: readonly ExpectedAccount[],
): string[] {
  const problems: string[] = [];
  if (imported.length !== expected.length)
    problems.push(`expected ${expected.length} accounts, got ${imported.length}`);
  const pool = imported.map(({ draft }) => ({
    key: paramsKey({
      type: draft.kind,
      secret: draft.secret,
      algorithm: draft.algorithm,
      digits: draft.digits,
      period: draft.period,
      counter: draft.counter,
    }),
    issuer: draft.issuer,
    account: draft.label,
    used: false,
  }));
  for (const want of expected) {
    const key = paramsKey(want);
    const candidates = pool.filter((p) => !p.used && p.key === key);
    if (candidates.length === 0) {
      problems.push(
        `no imported account with the parameters of ${want.issuer}/${want.account} (${key.replace(/\|[0-9a-f]+\|/, '|…|')})`,
      );
      continue;
    }
    const named =
      candidates.find(
        (p) =>
          p.issuer.trim().toLowerCase() === want.issuer.trim().toLowerCase() &&
          stripIssuer(p.account, p.issuer) === stripIssuer(want.account, want.issuer),
      ) ?? candidates[0];
    if (named === undefined) continue;
    named.used = true;
    if (named.issuer.trim().toLowerCase() !== want.issuer.trim().toLowerCase())
      problems.push(`issuer: expected "${want.issuer}", got "${named.issuer}"`);
    if (stripIssuer(named.account, named.issuer) !== stripIssuer(want.account, want.issuer))
      problems.push(`account: expected "${want.account}", got "${named.account}"`);
  }
  return problems;
}

/** The corpus's `qr-image` cases, with the file's bytes loaded (empty when the corpus is absent). */
export function qrImageCases(): Array<CorpusCase & { bytes: Uint8Array }> {
  const manifest = corpusManifestPath();
  if (manifest === undefined) return [];
  const root = dirname(manifest);
  const { cases } = JSON.parse(readFileSync(manifest, 'utf8')) as { cases: CorpusCase[] };
  return cases
    .filter((c) => c.kind === 'qr-image' && c.file !== undefined)
    .map((c) => ({ ...c, bytes: new Uint8Array(readFileSync(join(root, c.file ?? ''))) }));
}
