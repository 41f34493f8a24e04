/**
 * The stored vault envelope: versioned, validated at every read, migrated by pure functions
 * (style.md §1.3). The header (KDF parameters, wrapped data key, key check) is plaintext JSON;
 * every record is its own AES-GCM ciphertext, so one damaged record never hides the others.
 */
import * as v from 'valibot';
import { isBase64 } from './crypto';
import { CorruptVaultError, UnsupportedVaultVersionError } from './errors';

/** Storage keys. `vault.previous` is the envelope before the latest write (one `set` writes both). */
export const VAULT_KEY = 'vault';
export const PREVIOUS_KEY = 'vault.previous';
/** Unreadable `vault` values set aside when a write recovers from `vault.previous`: never deleted. */
export const DAMAGED_KEY = 'vault.damaged';

export const VAULT_FORMAT = 'twostep-vault';
export const CURRENT_VERSION = 1;
export const KDF_NAME = 'PBKDF2-SHA256';
/**
 * Upper bound on stored iterations: a corrupt or hostile header must not stall the worker for
 * minutes. 20 million is ~33x the current default (~10 s on a 2024 laptop).
 */
export const MAX_KDF_ITERATIONS = 20_000_000;

const Base64 = v.pipe(v.string(), v.check(isBase64, 'expected padded base64'));
const SealedSchema = v.object({ iv: Base64, data: Base64 });

/**
 * Loose objects keep unknown keys on output, so a field this version does not know about survives
 * our rewrite instead of being silently dropped. A record entry's `iv`/`data` are only checked to be
 * strings here: a bad one makes that record damaged (reported by `list`), not the whole vault corrupt.
 */
const RecordEntrySchema = v.looseObject({
  id: v.pipe(v.string(), v.minLength(1, 'expected a non-empty id')),
  type: v.string(),
  iv: v.string(),
  data: v.string(),
});

const EnvelopeSchema = v.looseObject({
  format: v.literal(VAULT_FORMAT),
  version: v.literal(CURRENT_VERSION),
  kdf: v.looseObject({
    name: v.literal(KDF_NAME),
    iterations: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_KDF_ITERATIONS)),
    salt: Base64,
  }),
  wrappedKey: SealedSchema,
  keyCheck: SealedSchema,
  records: v.array(RecordEntrySchema),
  updatedAt: v.number(),
});

export type Envelope = v.InferOutput<typeof EnvelopeSchema>;
export type RecordEntry = v.InferOutput<typeof RecordEntrySchema>;
export type KdfHeader = Envelope['kdf'];

/** A migration turns a version-n envelope into a version-(n+1) one. Pure: no I/O, no crypto. */
export type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/**
 * Keyed by the version migrated FROM. Empty today: version 1 is the first stored format. The first
 * real header change already handled is KDF strength, which needs the password and so happens at
 * unlock instead (see `VaultStore.unlock`); a structural change adds `1: (old) => ({ ...old, version: 2 })`.
 */
export const migrations: Readonly<Record<number, Migration>> = {};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

function formatIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Applies `registry[from]`, `registry[from + 1]`, … until the current version. */
export function migrateEnvelope(
  raw: Record<string, unknown>,
  from: number,
  registry: Readonly<Record<number, Migration>> = migrations,
  current: number = CURRENT_VERSION,
): Record<string, unknown> {
  let value = raw;
  for (let version = from; version < current; version++) {
    const step = registry[version];
    if (!step) throw new UnsupportedVaultVersionError(from, current);
    value = step(value);
    if (value.version !== version + 1) {
      throw new CorruptVaultError(
        `migration from version ${version} produced version ${String(value.version)}`,
      );
    }
  }
  return value;
}

/**
 * Validates a stored value. Throws `UnsupportedVaultVersionError` for a newer format (checked
 * before the schema, since a newer format may legitimately fail it) and `CorruptVaultError` saying
 * what was found for anything else unreadable.
 */
export function readEnvelope(raw: unknown): Envelope {
  if (raw === undefined) throw new CorruptVaultError('the vault item is missing');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new CorruptVaultError(`expected an object, found ${describe(raw)}`);
  }
  const record = raw as Record<string, unknown>;
  if (record.format !== VAULT_FORMAT) {
    throw new CorruptVaultError(`format is ${describe(record.format)}, expected "${VAULT_FORMAT}"`);
  }
  const version = record.version;
  if (typeof version !== 'number' || !Number.isSafeInteger(version) || version < 0) {
    throw new CorruptVaultError(`version is ${describe(version)}, expected a whole number`);
  }
  if (version > CURRENT_VERSION) throw new UnsupportedVaultVersionError(version, CURRENT_VERSION);
  const migrated = migrateEnvelope(record, version);
  const result = v.safeParse(EnvelopeSchema, migrated, { message: (issue) => `expected ${issue.expected}` });
  if (!result.success) throw new CorruptVaultError(`invalid envelope (${formatIssues(result.issues)})`);
  return result.output;
}

/*
 * Associated data strings carry their own scheme version ("v1"), not the envelope version: a later
 * structural migration must not make existing ciphertexts fail authentication.
 */

/** Associated data for the wrapped data key: binds it to the format name and the KDF parameters. */
export function wrappedKeyAad(kdf: KdfHeader): string {
  return `${VAULT_FORMAT}/wrapped-key/v1/${kdf.name}/${kdf.iterations}/${kdf.salt}`;
}

export const KEY_CHECK_AAD = `${VAULT_FORMAT}/key-check/v1`;
export const KEY_CHECK_PLAINTEXT = 'twostep key check';

/** `id` and `type` in the associated data: a ciphertext moved to another record fails authentication. */
export function recordAad(id: string, type: string): string {
  return `twostep/record/v1/${id}/${type}`;
}
