/**
 * Aegis importer. Encrypted fixtures are made here with the real algorithms (scrypt + AES-256-GCM,
 * peers.md §4.2) but a small scrypt N so the suite stays fast; the corpus files use Aegis's N = 2^15.
 */
import { scrypt } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aegisImporter, legacyAegisPasswordBytes } from '../../../../lib/transfer/import/formats/aegis';
import { ImportError, type ImportInput } from '../../../../lib/transfer/import/types';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';
import { importError, inputOf } from './helpers';

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

async function read(data: unknown, password?: string) {
  return aegisImporter.read(inputOf(typeof data === 'string' ? data : JSON.stringify(data)), password);
}

/** AES-256-GCM with the tag returned apart, as Aegis stores it. */
async function gcmSeal(
  key: Uint8Array,
  plain: Uint8Array,
): Promise<{ nonce: string; tag: string; data: Uint8Array }> {
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const k = await crypto.subtle.importKey('raw', new Uint8Array(key), 'AES-GCM', false, ['encrypt']);
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, k, new Uint8Array(plain)),
  );
  return { nonce: hex(nonce), tag: hex(sealed.subarray(-16)), data: sealed.subarray(0, -16) };
}

interface SlotSpec {
  password: string | Uint8Array;
  n?: number;
  r?: number;
  p?: number;
  repaired?: boolean;
}

async function passwordSlot(masterKey: Uint8Array, spec: SlotSpec): Promise<Record<string, unknown>> {
  const salt = crypto.getRandomValues(new Uint8Array(32));
  const n = spec.n ?? 2 ** 10;
  const r = spec.r ?? 8;
  const p = spec.p ?? 1;
  const slotKey = scrypt(spec.password, salt, { N: n, r, p, dkLen: 32 });
  const wrapped = await gcmSeal(slotKey, masterKey);
  return {
    type: 1,
    uuid: crypto.randomUUID(),
    key: hex(wrapped.data),
    key_params: { nonce: wrapped.nonce, tag: wrapped.tag },
    n,
    r,
    p,
    salt: hex(salt),
    repaired: spec.repaired ?? true,
  };
}

interface TestVault {
  version: number;
  header: { slots: Record<string, unknown>[]; params: Record<string, string> };
  db: string;
}

/** An encrypted vault around `content`, with one password slot per spec plus any extra slots. */
async function encryptedVault(
  content: unknown,
  slots: SlotSpec[],
  extraSlots: Record<string, unknown>[] = [],
): Promise<TestVault> {
  const masterKey = crypto.getRandomValues(new Uint8Array(32));
  const db = await gcmSeal(masterKey, new TextEncoder().encode(JSON.stringify(content)));
  return {
    version: 1,
    header: {
      slots: [...extraSlots, ...(await Promise.all(slots.map((spec) => passwordSlot(masterKey, spec))))],
      params: { nonce: db.nonce, tag: db.tag },
    },
    db: base64(db.data),
  };
}

const entry = (type: string, issuer: string, name: string, info: Record<string, unknown>) => ({
  type,
  uuid: crypto.randomUUID(),
  name,
  issuer,
  note: '',
  favorite: false,
  icon: null,
  info,
  groups: [],
});

/** Modelled on Aegis docs/vault.md: one entry of every type Aegis writes. */
const CONTENT = {
  version: 3,
  entries: [
    entry('totp', 'Example', 'alice@example.com', {
      secret: 'JBSWY3DPEHPK3PXP',
      algo: 'SHA256',
      digits: 8,
      period: 60,
    }),
    entry('hotp', 'Counter Co', 'bob', {
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algo: 'SHA1',
      digits: 6,
      counter: 7,
    }),
    entry('steam', 'Steam', 'gamer', {
      secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
      algo: 'SHA1',
      digits: 5,
      period: 30,
    }),
    entry('motp', 'Motp', 'm', {
      secret: 'VKVKVKVKVKVKVKVK',
      algo: 'MD5',
      digits: 6,
      period: 10,
      pin: '1234',
    }),
    entry('yandex', 'Yandex', 'y', {
      secret: 'LA2V6KMCGYMWWVEW64RNP3JA3I',
      algo: 'SHA256',
      digits: 8,
      period: 30,
      pin: '7586',
    }),
  ],
  groups: [],
};

const PLAIN_VAULT = { version: 1, header: { slots: null, params: null }, db: CONTENT };

function expectContentImported(result: Awaited<ReturnType<typeof read>>): void {
  expect(result.format).toBe('aegis');
  expect(result.accounts.map((a) => a.draft)).toEqual([
    {
      kind: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      issuer: 'Example',
      label: 'alice@example.com',
    },
    {
      kind: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 7,
      issuer: 'Counter Co',
      label: 'bob',
    },
    {
      kind: 'steam',
      secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
      issuer: 'Steam',
      label: 'gamer',
    },
  ]);
  expect(result.skipped).toEqual([
    { name: 'Motp (m)', reason: 'mOTP codes are not supported' },
    { name: 'Yandex (y)', reason: 'Yandex codes are not supported' },
  ]);
}

describe('Aegis detection', () => {
  it('recognises plain and encrypted vaults, and says which need a password', async () => {
    const encrypted = await encryptedVault(CONTENT, [{ password: 'pw' }]);
    expect(aegisImporter.detect(inputOf(JSON.stringify(PLAIN_VAULT)))).toBe(true);
    expect(aegisImporter.needsPassword(inputOf(JSON.stringify(PLAIN_VAULT)))).toBe(false);
    expect(aegisImporter.detect(inputOf(JSON.stringify(encrypted)))).toBe(true);
    expect(aegisImporter.needsPassword(inputOf(JSON.stringify(encrypted)))).toBe(true);
  });

  it.each([
    ['a 2FAS backup', { services: [], schemaVersion: 4 }],
    ['an array', [{ header: {}, db: {} }]],
    ['a header without slots', { version: 1, header: { params: null }, db: {} }],
    ['no db', { version: 1, header: { slots: null, params: null } }],
  ])('ignores %s', (_name, json) => {
    expect(aegisImporter.detect(inputOf(JSON.stringify(json)))).toBe(false);
  });
});

describe('Aegis plain vault', () => {
  it('imports TOTP, HOTP and Steam, skips mOTP and Yandex with a reason, keeps issuer and name', async () => {
    expectContentImported(await read(PLAIN_VAULT));
  });

  it('reads db version 1 and 2 files (no groups array, per-entry group name)', async () => {
    const v2 = {
      ...PLAIN_VAULT,
      db: { version: 2, entries: CONTENT.entries.map((e) => ({ ...e, group: 'g' })) },
    };
    expectContentImported(await read(v2));
  });

  it('reads MD5 on a TOTP entry as SHA1, as Aegis does', async () => {
    const md5 = entry('totp', 'I', 'n', { secret: 'JBSWY3DPEHPK3PXP', algo: 'MD5', digits: 6, period: 30 });
    const result = await read({ ...PLAIN_VAULT, db: { version: 3, entries: [md5] } });
    expect(result.accounts[0]?.draft.algorithm).toBe('SHA1');
  });

  it('skips entries with unusable fields with a reason, importing the rest', async () => {
    const bad = [
      entry('totp', 'NoSecret', 'a', { algo: 'SHA1', digits: 6, period: 30 }),
      entry('totp', 'BadDigits', 'b', { secret: 'JBSWY3DPEHPK3PXP', digits: '6' }),
      entry('hotp', 'NoCounter', 'c', { secret: 'JBSWY3DPEHPK3PXP' }),
      entry('battle', 'Other', 'd', { secret: 'JBSWY3DPEHPK3PXP' }),
      { ...entry('totp', 'NoInfo', 'e', {}), info: null },
    ];
    const result = await read({ ...PLAIN_VAULT, db: { version: 3, entries: [...bad, CONTENT.entries[0]] } });
    expect(result.accounts).toHaveLength(1);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'NoSecret (a)',
      'BadDigits (b)',
      'NoCounter (c)',
      'Other (d)',
      'NoInfo (e)',
    ]);
    expect(result.skipped[1]?.reason).toMatch(/digits must be a number, got a string/);
    expect(result.skipped[3]?.reason).toMatch(/expected an entry of type totp, hotp or steam, got 'battle'/);
  });

  it.each([
    ['entries is not an array', { ...PLAIN_VAULT, db: { version: 3, entries: {} } }, 'IMPORT_DAMAGED'],
    ['an entry is not an object', { ...PLAIN_VAULT, db: { version: 3, entries: [1] } }, 'IMPORT_DAMAGED'],
    ['db is neither object nor string', { ...PLAIN_VAULT, db: 5 }, 'IMPORT_DAMAGED'],
    ['the file is newer', { ...PLAIN_VAULT, version: 2 }, 'IMPORT_UNSUPPORTED'],
    ['the content is newer', { ...PLAIN_VAULT, db: { version: 4, entries: [] } }, 'IMPORT_UNSUPPORTED'],
  ])('rejects a vault where %s', async (_name, vault, code) => {
    expect((await importError(read(vault))).code).toBe(code);
  });
});

describe('Aegis encrypted vault', () => {
  it('decrypts with the password and imports like the plain vault', async () => {
    expectContentImported(
      await read(await encryptedVault(CONTENT, [{ password: 'correct horse' }]), 'correct horse'),
    );
  });

  it('tries every password slot and ignores biometric and raw slots', async () => {
    const biometric = {
      type: 2,
      uuid: crypto.randomUUID(),
      key: '00'.repeat(32),
      key_params: { nonce: '00'.repeat(12), tag: '00'.repeat(16) },
    };
    const vault = await encryptedVault(CONTENT, [{ password: 'first' }, { password: 'second' }], [biometric]);
    expectContentImported(await read(vault, 'second'));
  });

  it('says wrong password when no slot opens, and asks for one when none is given', async () => {
    const vault = await encryptedVault(CONTENT, [{ password: 'a' }, { password: 'b' }]);
    const wrong = await importError(read(vault, 'c'));
    expect(wrong.code).toBe('IMPORT_WRONG_PASSWORD');
    expect(wrong.format).toBe('aegis');
    expect((await importError(read(vault))).code).toBe('IMPORT_PASSWORD_REQUIRED');
  });

  it('encodes the password as UTF-8 (Aegis CryptoUtils.toBytes)', async () => {
    const vault = await encryptedVault(CONTENT, [{ password: new TextEncoder().encode('pässwörd 🔑') }]);
    expectContentImported(await read(vault, 'pässwörd 🔑'));
  });

  it('opens an old un-repaired slot made from a long password with the pre-fix encoding (Aegis #95)', async () => {
    const long = 'a long passphrase of more than sixty-four bytes, used before 2019!';
    const legacy = legacyAegisPasswordBytes(long);
    expect(legacy.length).toBeGreaterThan(64);
    const vault = await encryptedVault(CONTENT, [{ password: legacy, repaired: false }]);
    expectContentImported(await read(vault, long));
  });

  it('mirrors Java Charset.encode capacities for the legacy encoding', () => {
    // ⌊1.1·length⌋ bytes, doubled (2n + 1) until the UTF-8 fits.
    expect(legacyAegisPasswordBytes('test')).toHaveLength(4);
    expect(legacyAegisPasswordBytes('a'.repeat(10))).toEqual(Uint8Array.from([...new Array(10).fill(97), 0]));
    expect(legacyAegisPasswordBytes('a'.repeat(70))).toHaveLength(77);
    expect(legacyAegisPasswordBytes('é'.repeat(10))).toHaveLength(23);
  });

  it('rejects content altered after encryption as damaged, not as a wrong password', async () => {
    const vault = await encryptedVault(CONTENT, [{ password: 'pw' }]);
    const tag = vault.header.params.tag ?? '';
    vault.header.params.tag = `${tag.slice(0, -1)}${tag.endsWith('0') ? '1' : '0'}`;
    expect((await importError(read(vault, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it.each([
    ['N above 2^20', { n: 2 ** 21 }, 'IMPORT_UNSUPPORTED'],
    ['r above 32', { r: 64 }, 'IMPORT_UNSUPPORTED'],
    ['p above 16', { p: 17 }, 'IMPORT_UNSUPPORTED'],
    ['more than 256 MiB', { n: 2 ** 20, r: 8 }, 'IMPORT_UNSUPPORTED'],
    ['N not a power of two', { n: 1000 }, 'IMPORT_DAMAGED'],
    ['N of 1', { n: 1 }, 'IMPORT_DAMAGED'],
    ['a fractional r', { r: 1.5 }, 'IMPORT_DAMAGED'],
    ['a string p', { p: '1' }, 'IMPORT_DAMAGED'],
  ])('refuses a slot with %s before deriving anything', async (_name, params, code) => {
    const vault = await encryptedVault(CONTENT, [{ password: 'pw' }]);
    Object.assign(vault.header.slots[0] as object, params);
    // Deriving with the edited parameters would give a wrong key (IMPORT_WRONG_PASSWORD): getting
    // this code instead shows the slot was refused before any derivation.
    const error = await importError(read(vault, 'pw'));
    expect(error.code).toBe(code);
  });

  it('still opens a usable slot when another slot is too costly', async () => {
    const vault = await encryptedVault(CONTENT, [{ password: 'pw' }, { password: 'pw' }]);
    Object.assign(vault.header.slots[0] as object, { n: 2 ** 30 });
    expectContentImported(await read(vault, 'pw'));
  });

  it('rejects a vault with only biometric slots as unsupported', async () => {
    const vault = await encryptedVault(CONTENT, []);
    vault.header.slots = [{ type: 2, uuid: 'x', key: '00', key_params: {} }];
    const error = await importError(read(vault, 'pw'));
    expect(error.code).toBe('IMPORT_UNSUPPORTED');
    expect(error.message).toMatch(/no password slot/);
  });

  it.each<[string, (vault: TestVault) => unknown]>([
    ['slots is not an array', (v) => Object.assign(v.header, { slots: {} })],
    ['params is missing', (v) => Object.assign(v.header, { params: null })],
    ['the nonce is short', (v) => Object.assign(v.header.params, { nonce: 'abcd' })],
    ['the slot key is not hex', (v) => Object.assign(v.header.slots[0] ?? {}, { key: 'zz' })],
    ['the slot tag is missing', (v) => Object.assign(v.header.slots[0] ?? {}, { key_params: {} })],
    ['db is not base64', (v) => Object.assign(v, { db: '***' })],
    ['db is truncated', (v) => Object.assign(v, { db: v.db.slice(0, 40) })],
  ])('rejects a vault where %s as damaged', async (_name, damage) => {
    const vault = await encryptedVault(CONTENT, [{ password: 'pw' }]);
    damage(vault);
    expect((await importError(read(vault, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it('rejects a truncated file and random bytes with an ImportError', async () => {
    const text = JSON.stringify(await encryptedVault(CONTENT, [{ password: 'pw' }]));
    const truncated = inputOf(text.slice(0, text.length / 2));
    expect(aegisImporter.detect(truncated)).toBe(false);
    expect((await importError(aegisImporter.read(truncated, 'pw'))).code).toBe('IMPORT_DAMAGED');
    const random = inputOf(crypto.getRandomValues(new Uint8Array(200)));
    expect(aegisImporter.detect(random)).toBe(false);
    expect(aegisImporter.needsPassword(random)).toBe(false);
    expect((await importError(aegisImporter.read(random, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });
});

describe('Aegis importer robustness', () => {
  const outcome = async (input: ImportInput, password?: string): Promise<void> => {
    expect(() => aegisImporter.detect(input)).not.toThrow();
    expect(() => aegisImporter.needsPassword(input)).not.toThrow();
    await aegisImporter.read(input, password).catch((error: unknown) => {
      expect(error).toBeInstanceOf(ImportError);
    });
  };

  it('gives a result or an ImportError for arbitrary JSON', async () => {
    const vaultLike = fc.record({
      version: fc.oneof(fc.constant(1), fc.jsonValue()),
      header: fc.record({
        slots: fc.oneof(fc.constant(null), fc.array(fc.jsonValue())),
        params: fc.jsonValue(),
      }),
      db: fc.oneof(
        fc.record({
          version: fc.constant(3),
          entries: fc.array(fc.dictionary(fc.constantFrom('type', 'name', 'issuer', 'info'), fc.jsonValue())),
        }),
        fc.jsonValue(),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(vaultLike, fc.jsonValue()), async (json) => {
        await outcome(inputOf(JSON.stringify(json)), 'pw');
      }),
      { numRuns: 300 },
    );
  });

  it('gives a result or an ImportError for mutated encrypted vaults', async () => {
    const text = JSON.stringify(await encryptedVault(CONTENT, [{ password: 'pw', n: 16 }]));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: text.length - 1 }),
            ch: fc.constantFrom('0', 'f', '"', ':', ',', '9', 'A', ''),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (edits) => {
          let mutated = text;
          for (const { at, ch } of edits) mutated = mutated.slice(0, at) + ch + mutated.slice(at + 1);
          await outcome(inputOf(mutated), 'pw');
        },
      ),
      { numRuns: 200 },
    );
  });
});

const cases = importCases(['aegis']);

describe.skipIf(cases.length === 0)('Aegis corpus', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const input = inputOf(c.data, c.file);
    expect(aegisImporter.detect(input)).toBe(true);
    if (c.expect.error === true) {
      const error = await importError(aegisImporter.read(input, c.password));
      if (c.password !== undefined) expect(error.code).toBe('IMPORT_WRONG_PASSWORD');
      return;
    }
    const result = await aegisImporter.read(input, c.password);
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});
