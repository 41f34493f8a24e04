/**
 * The outer shape of a TwoStep backup file, version 1 (docs/backup-format.md): a JSON header that
 * names every parameter needed to decrypt, and `data`, the AES-256-GCM ciphertext‖tag. Every header
 * field is associated data (`headerAad`), so editing any of them (format, version, createdAt, the KDF
 * or cipher parameters) makes decryption fail instead of silently changing how the file is read.
 *
 * The header is read strictly: version 1 has exactly these fields, and anything else a version-1
 * reader would not understand needs a new version number (docs/backup-format.md, "Versioning").
 */
import * as v from 'valibot';
import { IV_BYTES, isBase64, SALT_BYTES } from '../../vault/crypto';
import { BackupError } from './errors';

export const BACKUP_FORMAT = 'twostep-backup';
/** The newest version this TwoStep writes and reads. */
export const BACKUP_VERSION = 1;
export const BACKUP_KDF = 'PBKDF2-SHA256';
export const BACKUP_CIPHER = 'AES-256-GCM';

/**
 * Iterations accepted from a file. The upper bound is what matters: PBKDF2 cost is linear, and
 * 10,000,000 (≈ 17× the default) still finishes in seconds, so a hostile file cannot hang the page.
 * The lower bound only rejects nonsense: a low count weakens nothing but that file's own protection
 * (whoever made it already knows its contents), and tests need cheap files.
 */
export const MIN_BACKUP_ITERATIONS = 1_000;
export const MAX_BACKUP_ITERATIONS = 10_000_000;

/** AES-GCM appends a 128-bit tag (NIST SP 800-38D §5.2.1.2); WebCrypto's default tag length. */
export const GCM_TAG_BYTES = 16;

/**
 * The same bound as imports (lib/transfer/import MAX_IMPORT_BYTES): far above any real vault, and it
 * bounds the memory and parse time a hostile file can cost. Counted in UTF-16 units of the text.
 */
export const MAX_BACKUP_CHARS = 16 * 1024 * 1024;

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  /** When the backup was made, ISO 8601 / RFC 3339 (`Date.prototype.toISOString`). */
  createdAt: string;
  kdf: { name: typeof BACKUP_KDF; iterations: number; salt: string };
  cipher: { name: typeof BACKUP_CIPHER; iv: string };
}

export interface BackupFile extends BackupHeader {
  /** base64(ciphertext ‖ 16-byte tag) of the contents JSON, UTF-8. */
  data: string;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/**
 * RFC 8785 (JSON Canonicalization Scheme) for the values a header holds: members sorted by their
 * UTF-16 code units (JS's default sort), no whitespace, strings and numbers as ECMAScript
 * `JSON.stringify` writes them, which is what RFC 8785 §3.2.2 prescribes.
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as Json)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The AES-GCM associated data: the canonical JSON of every field but `data`. Rebuilt from the typed
 * header (never from the raw file), so it covers exactly the fields version 1 defines.
 */
export function headerAad(header: BackupHeader): string {
  return canonicalJson({
    format: header.format,
    version: header.version,
    createdAt: header.createdAt,
    kdf: { name: header.kdf.name, iterations: header.kdf.iterations, salt: header.kdf.salt },
    cipher: { name: header.cipher.name, iv: header.cipher.iv },
  });
}

/** Decoded length of padded standard base64, without decoding it. */
function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return (text.length / 4) * 3 - padding;
}

const base64Of = (what: string, fits: (bytes: number) => boolean, expected: string) =>
  v.pipe(
    v.string(`expected ${what} as a base64 string`),
    v.check(isBase64, `expected ${what} as padded standard base64 (RFC 4648 §4)`),
    // The value itself is never echoed: `data` is ciphertext, and the others are of no use to a reader.
    v.check(
      (text) => fits(base64Bytes(text)),
      (issue) => `expected ${expected}, got ${base64Bytes(issue.input as string)} bytes`,
    ),
  );

const ITERATIONS_EXPECTED = (issue: v.BaseIssue<unknown>) =>
  `expected a whole number from ${MIN_BACKUP_ITERATIONS.toLocaleString('en')} to ${MAX_BACKUP_ITERATIONS.toLocaleString('en')}, got ${issue.received}`;

/** RFC 3339 §5.6 date-time (what `toISOString` writes, and what Python's `isoformat` writes with an offset). */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

const FileSchema = v.strictObject({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  createdAt: v.pipe(
    v.string('expected an ISO 8601 date-time string'),
    v.regex(DATE_TIME, 'expected an ISO 8601 date-time such as 2026-01-31T12:00:00.000Z'),
    v.check((text) => !Number.isNaN(Date.parse(text)), 'expected a date-time that exists'),
  ),
  kdf: v.strictObject({
    name: v.literal(BACKUP_KDF, `expected "${BACKUP_KDF}"`),
    iterations: v.pipe(
      v.number(ITERATIONS_EXPECTED),
      v.safeInteger(ITERATIONS_EXPECTED),
      v.minValue(MIN_BACKUP_ITERATIONS, ITERATIONS_EXPECTED),
      v.maxValue(MAX_BACKUP_ITERATIONS, ITERATIONS_EXPECTED),
    ),
    salt: base64Of('the salt', (n) => n === SALT_BYTES, `a ${SALT_BYTES}-byte salt`),
  }),
  cipher: v.strictObject({
    name: v.literal(BACKUP_CIPHER, `expected "${BACKUP_CIPHER}"`),
    iv: base64Of('the IV', (n) => n === IV_BYTES, `a ${IV_BYTES}-byte IV`),
  }),
  data: base64Of(
    'the ciphertext',
    (n) => n >= GCM_TAG_BYTES,
    `at least the ${GCM_TAG_BYTES}-byte authentication tag`,
  ),
});

function message(issue: v.BaseIssue<unknown>): string {
  // Missing and unknown members are both `strict_object` issues; only a missing one is undefined.
  if (issue.received === 'undefined') return 'is missing';
  if (issue.type === 'strict_object') return 'is not a field of a version 1 backup';
  return `expected ${issue.expected ?? 'a valid value'}, got ${issue.received}`;
}

/** What a value is, for "got …" in messages: never the value of an unknown (maybe secret) string. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

export function damaged(detail: string, cause?: unknown): BackupError {
  return new BackupError(
    'BACKUP_DAMAGED',
    `The file is not a readable TwoStep backup: ${detail}. Nothing was restored.`,
    cause === undefined ? undefined : { cause },
  );
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Cheap, never throws: true for anything that claims to be a TwoStep backup, of any version. */
export function looksLikeTwoStepBackup(json: unknown): boolean {
  return isJsonObject(json) && json.format === BACKUP_FORMAT;
}

/**
 * Checks the parsed file before any key derivation. The version is checked before the rest, since
 * a newer version may change every other field.
 *
 * @throws {BackupError} BACKUP_DAMAGED or BACKUP_NEWER_VERSION.
 */
export function readBackupFile(json: unknown): BackupFile {
  if (!isJsonObject(json)) throw damaged(`expected a JSON object, got ${describeJson(json)}`);
  if (json.format !== BACKUP_FORMAT) {
    const found = typeof json.format === 'string' ? JSON.stringify(json.format.slice(0, 40)) : 'none';
    throw damaged(`expected "format": "${BACKUP_FORMAT}", got ${found}`);
  }
  const version = json.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 1) {
    throw damaged(`expected "version" to be a whole number ≥ 1, got ${describeJson(version)}`);
  }
  if (version > BACKUP_VERSION) {
    throw new BackupError(
      'BACKUP_NEWER_VERSION',
      `This backup was made by a newer TwoStep (format version ${version}; this TwoStep reads version ${BACKUP_VERSION}). Update TwoStep to restore it; nothing was restored.`,
    );
  }
  const result = v.safeParse(FileSchema, json, { message });
  if (result.success) return result.output;
  const detail = result.issues
    .slice(0, 3)
    .map((issue) => {
      const path = v.getDotPath(issue);
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  throw damaged(detail);
}
