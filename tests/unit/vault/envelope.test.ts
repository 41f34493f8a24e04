import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  type Migration,
  migrateEnvelope,
  migrations,
  readEnvelope,
  VAULT_KEY,
} from '../../../lib/vault/envelope';
import { CorruptVaultError, UnsupportedVaultVersionError } from '../../../lib/vault/errors';
import { makeStore, PASSWORD } from './helpers';

async function storedEnvelope(): Promise<Record<string, unknown>> {
  const { area, store } = makeStore();
  await store.create(PASSWORD);
  return area.peek(VAULT_KEY) as Record<string, unknown>;
}

function corruptDetail(raw: unknown): string {
  try {
    readEnvelope(raw);
  } catch (error) {
    if (error instanceof CorruptVaultError) return error.detail;
    throw error;
  }
  throw new Error('expected CorruptVaultError');
}

describe('readEnvelope', () => {
  it('accepts what the vault writes', async () => {
    const raw = await storedEnvelope();
    const envelope = readEnvelope(raw);
    expect(envelope.format).toBe('twostep-vault');
    expect(envelope.version).toBe(CURRENT_VERSION);
    expect(envelope.kdf.name).toBe('PBKDF2-SHA256');
  });

  it.each([
    ['a string', 'not json', 'a string of 8 characters'],
    ['null', null, 'null'],
    ['an array', [], 'an array'],
    ['a number', 42, 'number 42'],
    ['missing', undefined, 'missing'],
  ])('says what it found for %s', (_name, raw, found) => {
    expect(corruptDetail(raw)).toContain(found);
  });

  it('names the format it found', () => {
    expect(corruptDetail({ format: 'authenticator', version: 1 })).toContain('a string of 13 characters');
  });

  it('names the invalid field', async () => {
    const raw = await storedEnvelope();
    expect(corruptDetail({ ...raw, wrappedKey: { iv: 'AAAA', data: 'not base64!' } })).toContain(
      'wrappedKey.data',
    );
    expect(corruptDetail({ ...raw, records: 'nope' })).toContain('records');
    expect(
      corruptDetail({ ...raw, kdf: { name: 'PBKDF2-SHA256', iterations: 1e12, salt: 'AAAA' } }),
    ).toContain('kdf.iterations');
    expect(corruptDetail({ ...raw, version: '1' })).toContain('version');
  });

  it('rejects a newer version before validating its shape (downgrade protection)', () => {
    let error: unknown;
    try {
      readEnvelope({ format: 'twostep-vault', version: CURRENT_VERSION + 1, somethingNew: true });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedVaultVersionError);
    expect((error as UnsupportedVaultVersionError).found).toBe(CURRENT_VERSION + 1);
    expect((error as UnsupportedVaultVersionError).message).toMatch(/newer TwoStep/);
  });

  it('keeps fields it does not know, so a rewrite does not drop them', async () => {
    const raw = await storedEnvelope();
    expect(readEnvelope({ ...raw, futureHint: { a: 1 } }).futureHint).toEqual({ a: 1 });
  });

  it('has no registered migrations while version 1 is the only format ever stored', () => {
    expect(CURRENT_VERSION).toBe(1);
    expect(Object.keys(migrations)).toEqual([]);
  });
});

// The mechanism, exercised with an injected registry: no version 0 or 2 has ever been stored.
describe('migrateEnvelope (mechanism)', () => {
  const registry: Record<number, Migration> = {
    1: (old) => ({ ...old, version: 2, renamed: old.original }),
    2: (old) => ({ ...old, version: 3, addedIn3: true }),
  };

  it('applies each step in order from the stored version to the current one', () => {
    const result = migrateEnvelope({ version: 1, original: 'x' }, 1, registry, 3);
    expect(result).toEqual({ version: 3, original: 'x', renamed: 'x', addedIn3: true });
  });

  it('starts from the stored version', () => {
    expect(migrateEnvelope({ version: 2 }, 2, registry, 3)).toEqual({ version: 3, addedIn3: true });
  });

  it('fails loudly when a step is missing', () => {
    expect(() => migrateEnvelope({ version: 0 }, 0, registry, 3)).toThrow(UnsupportedVaultVersionError);
  });

  it('rejects a step that does not produce the next version', () => {
    expect(() => migrateEnvelope({ version: 1 }, 1, { 1: (old) => old }, 2)).toThrow(CorruptVaultError);
  });

  it('is pure: the input object is not modified', () => {
    const input = { version: 1, original: 'x' };
    migrateEnvelope(input, 1, registry, 3);
    expect(input).toEqual({ version: 1, original: 'x' });
  });
});
