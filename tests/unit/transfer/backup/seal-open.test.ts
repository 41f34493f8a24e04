import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BackupError,
  type BackupErrorCode,
  backupContentsFromRecords,
  looksLikeTwoStepBackup,
  openBackup,
  sealBackup,
} from '../../../../lib/transfer/backup';
import { canonicalJson, headerAad } from '../../../../lib/transfer/backup/format';
import { DEFAULT_KDF_ITERATIONS } from '../../../../lib/vault';
import { everyKind, PASSWORD, SECRETS, TEST_ITERATIONS, writeByTheDocs } from './fixtures';

const contents = () => backupContentsFromRecords(everyKind());
const seal = (password = PASSWORD) => sealBackup(contents(), password, { iterations: TEST_ITERATIONS });

async function codeOf(promise: Promise<unknown>): Promise<BackupErrorCode> {
  const error = await promise.then(
    () => {
      throw new Error('expected a BackupError, but the call succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BackupError);
  return (error as BackupError).code;
}

/** A sealed file as parsed JSON, loose enough for tests to put wrong values in. */
interface FileJson {
  [field: string]: unknown;
  kdf: { [field: string]: unknown };
  cipher: { [field: string]: unknown };
  data?: string;
}
type Edit = (file: FileJson) => void;

/** Parses a sealed file, lets `edit` change it, and writes it back. */
async function edited(edit: Edit): Promise<string> {
  const file = JSON.parse(await seal());
  edit(file);
  return JSON.stringify(file);
}

describe('sealBackup / openBackup round trip', () => {
  it('keeps every field TwoStep stores, in order', async () => {
    const opened = await openBackup(await seal(), PASSWORD);
    expect(opened).toEqual(contents());
    // Spot checks, so a field silently dropped on both sides would still show up here.
    expect(opened.accounts[1]).toMatchObject({
      organisation: 'Contoso',
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      sites: ['login.microsoftonline.com', 'login.live.com', 'contoso.example'],
      createdAt: 1_700_000_100_000,
    });
    expect(opened.accounts[2]).toMatchObject({ kind: 'steam', digits: 5, sites: [] });
    expect(opened.accounts[3]).toMatchObject({ kind: 'hotp', counter: 42, label: '' });
    expect(opened.appPasswords.map((a) => a.password)).toEqual(['qwertyuiopasdfgh', 'abcd-efgh-ijkl-mnop']);
    expect(opened.recoveryCodes[0]?.supersededAt).toBe(1_700_000_900_000);
    expect(opened.recoveryCodes[1]).not.toHaveProperty('supersededAt');
  });

  it('keeps vault-local fields (id, updatedAt, type) out of the backup', () => {
    const [first] = contents().accounts;
    expect(Object.keys(first ?? {}).sort()).toEqual(
      [
        'algorithm',
        'counter',
        'createdAt',
        'digits',
        'issuer',
        'kind',
        'label',
        'period',
        'secret',
        'sites',
      ].sort(),
    );
  });

  it('round-trips an empty vault', async () => {
    const empty = backupContentsFromRecords([]);
    const text = await sealBackup(empty, PASSWORD, { iterations: TEST_ITERATIONS });
    expect(await openBackup(text, PASSWORD)).toEqual(empty);
  });

  it('writes the documented header, and no secret in clear', async () => {
    const text = await seal();
    const file = JSON.parse(text);
    expect(Object.keys(file).sort()).toEqual(['cipher', 'createdAt', 'data', 'format', 'kdf', 'version']);
    expect(file).toMatchObject({
      format: 'twostep-backup',
      version: 1,
      kdf: { name: 'PBKDF2-SHA256', iterations: TEST_ITERATIONS },
      cipher: { name: 'AES-256-GCM' },
    });
    expect(Buffer.from(file.kdf.salt, 'base64')).toHaveLength(16);
    expect(Buffer.from(file.cipher.iv, 'base64')).toHaveLength(12);
    expect(new Date(file.createdAt).toISOString()).toBe(file.createdAt);
    expect(Math.abs(Date.parse(file.createdAt) - Date.now())).toBeLessThan(60_000);
    for (const clear of [...Object.values(SECRETS), 'qwertyuiopasdfgh', 'ABCDE-FGHIJ', PASSWORD])
      expect(text).not.toContain(clear);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('uses a fresh salt and IV every time', async () => {
    const [a, b] = [JSON.parse(await seal()), JSON.parse(await seal())];
    expect(a.kdf.salt).not.toBe(b.kdf.salt);
    expect(a.cipher.iv).not.toBe(b.cipher.iv);
  });

  it('seals at 600,000 PBKDF2 iterations by default', async () => {
    const text = await sealBackup(contents(), PASSWORD);
    expect(JSON.parse(text).kdf.iterations).toBe(DEFAULT_KDF_ITERATIONS);
    expect(DEFAULT_KDF_ITERATIONS).toBe(600_000);
    expect(await openBackup(text, PASSWORD)).toEqual(contents());
  });

  it('opens a file written by the documented algorithm alone (third-party writer)', async () => {
    const text = await writeByTheDocs(JSON.stringify(contents()), PASSWORD);
    expect(await openBackup(text, PASSWORD)).toEqual(contents());
  });

  it('NFC-normalises the password, as the vault does', async () => {
    const decomposed = 'cafe\u0301 au lait';
    const text = await sealBackup(contents(), decomposed, { iterations: TEST_ITERATIONS });
    expect(await openBackup(text, 'caf\u00e9 au lait')).toEqual(contents());
  });

  it('ignores a byte-order mark and reformatting (the associated data is canonical)', async () => {
    const text = JSON.stringify(JSON.parse(await seal()));
    expect(await openBackup(`\uFEFF${text}`, PASSWORD)).toEqual(contents());
  });
});

describe('headerAad', () => {
  it('is the RFC 8785 form: sorted keys, no whitespace, data excluded', () => {
    const header = {
      format: 'twostep-backup',
      version: 1,
      createdAt: '2026-01-31T12:00:00.000Z',
      kdf: { name: 'PBKDF2-SHA256', iterations: 600000, salt: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      cipher: { name: 'AES-256-GCM', iv: 'AAAAAAAAAAAAAAAA' },
    } as const;
    expect(headerAad(header)).toBe(
      '{"cipher":{"iv":"AAAAAAAAAAAAAAAA","name":"AES-256-GCM"},"createdAt":"2026-01-31T12:00:00.000Z",' +
        '"format":"twostep-backup","kdf":{"iterations":600000,"name":"PBKDF2-SHA256","salt":"AAAAAAAAAAAAAAAAAAAAAA=="},"version":1}',
    );
    expect(headerAad({ ...header, data: 'ignored' } as typeof header)).toBe(headerAad(header));
  });

  it('escapes strings and sorts nested keys', () => {
    expect(canonicalJson({ b: [1, 'é"\n'], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[1,"é\\"\\n"]}',
    );
  });
});

describe('sealBackup refuses', () => {
  it.each(['', 'short', '1234567', '🔑🔑🔑🔑🔑🔑🔑'])(
    'a password under 8 characters: %j',
    async (password) => {
      const error = await sealBackup(contents(), password, { iterations: TEST_ITERATIONS }).catch((e) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect(error.code).toBe('BACKUP_WEAK_PASSWORD');
      expect(error.message).toMatch(/at least 8 characters/);
      if (password) expect(error.message).not.toContain(password);
    },
  );

  it('accepts 8 code points, even if some are outside the BMP', async () => {
    const text = await sealBackup(contents(), '🔑🔑🔑🔑abcd', { iterations: TEST_ITERATIONS });
    expect(await openBackup(text, '🔑🔑🔑🔑abcd')).toEqual(contents());
  });

  it('contents the vault would not store, without echoing the secret', async () => {
    const bad = contents();
    const first = bad.accounts[0];
    if (first) first.secret = 'not base32!';
    const error = await sealBackup(bad, PASSWORD, { iterations: TEST_ITERATIONS }).catch((e) => e);
    expect(error.code).toBe('BACKUP_INVALID_CONTENTS');
    expect(error.message).toMatch(/accounts\[0\]: secret/);
    expect(error.message).not.toContain('not base32!');
  });

  it.each([0, 999, 10_000_001, 1.5, Number.NaN])('iterations %s (a caller bug: RangeError)', async (n) => {
    await expect(sealBackup(contents(), PASSWORD, { iterations: n })).rejects.toThrow(RangeError);
  });
});

describe('openBackup failures', () => {
  it('wrong password → BACKUP_WRONG_PASSWORD', async () => {
    const text = await seal();
    expect(await codeOf(openBackup(text, 'correct horse battery!'))).toBe('BACKUP_WRONG_PASSWORD');
    expect(await codeOf(openBackup(text, ''))).toBe('BACKUP_WRONG_PASSWORD');
    const error = await openBackup(text, 'hunter2-wrong-guess').catch((e) => e);
    expect(error.message).toMatch(/password does not open this backup/);
    expect(error.message).not.toContain('hunter2');
  });

  // Header fields that still pass validation: they are GCM associated data (and iterations, salt and
  // IV also change the key or keystream), so the tag check fails. GCM cannot tell this apart from a
  // wrong password, hence BACKUP_WRONG_PASSWORD, whose message names both possibilities.
  it.each<[string, Edit]>([
    ['iterations', (f) => (f.kdf.iterations = (f.kdf.iterations as number) + 1)],
    ['salt', (f) => (f.kdf.salt = Buffer.alloc(16, 7).toString('base64'))],
    ['iv', (f) => (f.cipher.iv = Buffer.alloc(12, 7).toString('base64'))],
    ['createdAt', (f) => (f.createdAt = '2001-01-01T00:00:00.000Z')],
  ])('a valid but changed %s → BACKUP_WRONG_PASSWORD', async (_, edit) => {
    expect(await codeOf(openBackup(await edited(edit), PASSWORD))).toBe('BACKUP_WRONG_PASSWORD');
  });

  // Changed ciphertext or tag: same reason, the tag no longer authenticates.
  it('a flipped bit in the data → BACKUP_WRONG_PASSWORD', async () => {
    for (const position of [0, 40, -1]) {
      const text = await edited((f) => {
        const bytes = Buffer.from(f.data ?? '', 'base64');
        const at = position < 0 ? bytes.length + position : position;
        bytes[at] = (bytes[at] ?? 0) ^ 1;
        f.data = bytes.toString('base64');
      });
      expect(await codeOf(openBackup(text, PASSWORD))).toBe('BACKUP_WRONG_PASSWORD');
    }
  });

  // Values no TwoStep writes are refused before any key derivation: BACKUP_DAMAGED, which also
  // keeps a hostile iteration count from costing anything.
  it.each<[string, Edit, RegExp]>([
    [
      'iterations too high',
      (f) => (f.kdf.iterations = 100_000_000),
      /kdf\.iterations: expected a whole number from 1,000 to 10,000,000, got 100000000/,
    ],
    ['iterations too low', (f) => (f.kdf.iterations = 1), /kdf\.iterations/],
    ['iterations as text', (f) => (f.kdf.iterations = '1000'), /kdf\.iterations/],
    [
      'an 8-byte IV',
      (f) => (f.cipher.iv = Buffer.alloc(8).toString('base64')),
      /cipher\.iv: expected a 12-byte IV, got 8 bytes/,
    ],
    ['a 32-byte salt', (f) => (f.kdf.salt = Buffer.alloc(32).toString('base64')), /kdf\.salt/],
    ['another KDF', (f) => (f.kdf.name = 'scrypt'), /kdf\.name: expected "PBKDF2-SHA256"/],
    ['another cipher', (f) => (f.cipher.name = 'AES-256-CBC'), /cipher\.name/],
    [
      'data shorter than a tag',
      (f) => (f.data = Buffer.alloc(15).toString('base64')),
      /data: expected at least the 16-byte/,
    ],
    [
      'data not base64',
      (f) => (f.data = `${f.data?.slice(0, -4)}$$$$`),
      /data: expected the ciphertext as padded standard base64/,
    ],
    ['no data', (f) => delete f.data, /data: is missing/],
    ['an extra header field', (f) => (f.note = 'hello'), /note: is not a field of a version 1 backup/],
    ['a date that is not ISO', (f) => (f.createdAt = 'yesterday'), /createdAt/],
    ['version 0', (f) => (f.version = 0), /version/],
    ['version "1"', (f) => (f.version = '1'), /version/],
    ['version 1.5', (f) => (f.version = 1.5), /version/],
    ['another format', (f) => (f.format = 'aegis'), /expected "format": "twostep-backup", got "aegis"/],
  ])('%s → BACKUP_DAMAGED', async (_, edit, detail) => {
    const error = await openBackup(await edited(edit), PASSWORD).catch((e) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error.code).toBe('BACKUP_DAMAGED');
    expect(error.message).toMatch(detail);
  });

  it('a truncated file → BACKUP_DAMAGED (not JSON any more)', async () => {
    const text = await seal();
    const end = text.trimEnd().length;
    for (const length of [0, 1, 20, Math.floor(end / 2), end - 30, end - 1]) {
      const error = await openBackup(text.slice(0, length), PASSWORD).catch((e) => e);
      expect(error.code, `cut at ${length}`).toBe('BACKUP_DAMAGED');
      expect(error.message).toMatch(/not valid JSON/);
    }
  });

  it('a newer version → BACKUP_NEWER_VERSION, whatever the rest looks like', async () => {
    for (const file of [
      await edited((f) => (f.version = 2)),
      JSON.stringify({ format: 'twostep-backup', version: 7, kdf: { name: 'Argon2id' }, payload: 'x' }),
    ]) {
      const error = await openBackup(file, PASSWORD).catch((e) => e);
      expect(error.code).toBe('BACKUP_NEWER_VERSION');
      expect(error.message).toMatch(/made by a newer TwoStep/);
    }
  });

  it('authentic contents that do not validate → BACKUP_DAMAGED naming the field, never the secret', async () => {
    const bad = JSON.parse(JSON.stringify(contents()));
    bad.accounts[2].digits = 6; // Steam codes always have 5 digits
    bad.appPasswords[0].password = '';
    for (const [plaintext, detail] of [
      [JSON.stringify(bad), /accounts\[2\]: digits: Steam codes always have 5 digits/],
      [
        JSON.stringify({ ...contents(), accounts: [{ ...contents().accounts[0], id: 'x' }] }),
        /accounts\[0\]\.id: is not a field/,
      ],
      [JSON.stringify({ ...contents(), extra: [] }), /extra: is not a list/],
      [JSON.stringify({ accounts: [] }), /appPasswords: is missing/],
      ['[]', /decrypted contents do not match version 1: expected an object, got an array/],
      ['{"accounts": [', /decrypted contents is not valid JSON/],
    ] as const) {
      const error = await openBackup(await writeByTheDocs(plaintext, PASSWORD), PASSWORD).catch((e) => e);
      expect(error.code).toBe('BACKUP_DAMAGED');
      expect(error.message).toMatch(detail);
      for (const secret of Object.values(SECRETS)) expect(error.message).not.toContain(secret);
    }
  });

  it('text that is not a backup → BACKUP_DAMAGED', async () => {
    for (const text of [
      '',
      'otpauth://totp/x?secret=JBSWY3DP',
      '[]',
      'null',
      '{"version":1}',
      '"twostep-backup"',
    ])
      expect(await codeOf(openBackup(text, PASSWORD)), text).toBe('BACKUP_DAMAGED');
  });
});

describe('looksLikeTwoStepBackup', () => {
  it('recognises the format marker, of any version, and never throws', async () => {
    expect(looksLikeTwoStepBackup(JSON.parse(await seal()))).toBe(true);
    expect(looksLikeTwoStepBackup({ format: 'twostep-backup', version: 9 })).toBe(true);
    for (const other of [null, undefined, 'twostep-backup', [], {}, { format: 'aegis' }, { db: {} }, 42])
      expect(looksLikeTwoStepBackup(other)).toBe(false);
    fc.assert(fc.property(fc.jsonValue(), (json) => typeof looksLikeTwoStepBackup(json) === 'boolean'));
  });
});

describe('openBackup on arbitrary input throws only BackupError', () => {
  const onlyBackupError = async (text: string) => {
    const error = await openBackup(text, PASSWORD).then(
      () => null,
      (e: unknown) => e,
    );
    // A random input opening would mean it authenticated, which 2^-128 makes impossible here.
    expect(error).toBeInstanceOf(BackupError);
  };

  it('random JSON and text', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.json(), fc.string()), onlyBackupError), { numRuns: 300 });
  });

  it('random JSON dressed as a backup header', async () => {
    const header = fc.record(
      {
        format: fc.constantFrom('twostep-backup', 'other'),
        version: fc.oneof(fc.constantFrom(1, 2, 0, -1), fc.jsonValue()),
        createdAt: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.jsonValue(),
        ),
        kdf: fc.oneof(
          fc.record({
            name: fc.constantFrom('PBKDF2-SHA256', 'x'),
            iterations: fc.oneof(fc.integer({ min: 1_000, max: 2_000 }), fc.jsonValue()),
            salt: fc.oneof(
              fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('base64')),
              fc.jsonValue(),
            ),
          }),
          fc.jsonValue(),
        ),
        cipher: fc.oneof(
          fc.record({
            name: fc.constantFrom('AES-256-GCM', 'x'),
            iv: fc.oneof(
              fc.uint8Array({ minLength: 12, maxLength: 12 }).map((b) => Buffer.from(b).toString('base64')),
              fc.jsonValue(),
            ),
          }),
          fc.jsonValue(),
        ),
        data: fc.oneof(
          fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('base64')),
          fc.jsonValue(),
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(header, (file) => onlyBackupError(JSON.stringify(file))),
      {
        numRuns: 300,
      },
    );
  });

  it('a valid file with one value replaced or one character changed', async () => {
    const text = await seal();
    const file = JSON.parse(text);
    const paths = [
      ['format'],
      ['version'],
      ['createdAt'],
      ['kdf'],
      ['kdf', 'iterations'],
      ['kdf', 'salt'],
      ['cipher', 'iv'],
      ['data'],
    ];
    const replaced = fc.tuple(fc.constantFrom(...paths), fc.jsonValue()).map(([path, value]) => {
      const copy = structuredClone(file);
      let target = copy;
      for (const key of path.slice(0, -1)) target = target[key];
      target[path.at(-1) as string] = value;
      return JSON.stringify(copy);
    });
    const mutated = fc
      .tuple(fc.nat({ max: text.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }))
      .map(([at, char]) => text.slice(0, at) + char + text.slice(at + 1))
      // Whitespace changes leave the same file, which rightly still opens.
      .filter((t) => {
        try {
          return !isDeepStrictEqual(JSON.parse(t), file);
        } catch {
          return true;
        }
      });
    // A change that keeps the meaning (the same value put back, or a base64 character that differs
    // only in bits the decoder drops) may open, but only to exactly the sealed contents.
    const original = await openBackup(text, PASSWORD);
    const refusedOrSame = async (changed: string) => {
      const outcome = await openBackup(changed, PASSWORD).then(
        (opened) => ({ opened }),
        (error: unknown) => ({ error }),
      );
      if ('opened' in outcome) expect(outcome.opened).toEqual(original);
      else expect(outcome.error).toBeInstanceOf(BackupError);
    };
    await fc.assert(fc.asyncProperty(fc.oneof(replaced, mutated), refusedOrSame), { numRuns: 300 });
  });
});
