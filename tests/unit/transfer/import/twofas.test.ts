/**
 * 2FAS importer. Encrypted fixtures are made here with the real algorithm (PBKDF2-HMAC-SHA256 10,000
 * iterations, AES-256-GCM, peers.md §4.3) around services written from the documented shape.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twoFasImporter } from '../../../../lib/transfer/import/formats/twofas';
import { ImportError, type ImportInput } from '../../../../lib/transfer/import/types';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';
import { importError, inputOf } from './helpers';

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

async function read(data: unknown, password?: string) {
  return twoFasImporter.read(inputOf(typeof data === 'string' ? data : JSON.stringify(data)), password);
}

async function deriveKey(password: string, salt: Uint8Array): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: new Uint8Array(salt), iterations: 10_000 },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt'],
  );
}

/** `base64(ciphertext‖tag):base64(salt):base64(iv)`, as 2FAS writes it. */
async function seal(key: CryptoKey, salt: Uint8Array, plain: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(plain));
  return `${base64(new Uint8Array(data))}:${base64(salt)}:${base64(iv)}`;
}

async function encryptedBackup(
  services: unknown[],
  password: string,
  options: { reference?: boolean; schemaVersion?: number } = {},
): Promise<Record<string, unknown>> {
  const salt = crypto.getRandomValues(new Uint8Array(256));
  const key = await deriveKey(password, salt);
  const backup: Record<string, unknown> = {
    services: [],
    groups: [],
    updatedAt: 1_700_000_000_000,
    schemaVersion: options.schemaVersion ?? 4,
    appVersionCode: 5_000_000,
    appVersionName: '5.0.0',
    appOrigin: 'android',
    servicesEncrypted: await seal(key, salt, JSON.stringify(services)),
  };
  if (options.reference ?? true) backup.reference = await seal(key, salt, 'reference text known to the app');
  return backup;
}

const plainBackup = (services: unknown[], schemaVersion = 4) => ({
  services,
  groups: [],
  updatedAt: 1_700_000_000_000,
  schemaVersion,
  appVersionCode: 5_000_000,
  appVersionName: '5.0.0',
  appOrigin: 'android',
});

/** Modelled on the documented service shape (peers.md §4.3), schema 4. */
const SERVICES = [
  {
    name: 'Example',
    secret: 'JBSWY3DPEHPK3PXP',
    updatedAt: 1,
    otp: {
      label: 'alice',
      account: 'alice',
      issuer: 'Example',
      digits: 8,
      period: 60,
      algorithm: 'SHA256',
      tokenType: 'TOTP',
      source: 'Link',
    },
    order: { position: 0 },
  },
  {
    name: 'Counter Co',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    updatedAt: 2,
    otp: {
      account: 'bob',
      issuer: 'Counter Co',
      digits: 6,
      algorithm: 'SHA1',
      counter: 12,
      tokenType: 'HOTP',
    },
    order: { position: 1 },
  },
  {
    name: 'Steam',
    secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI',
    updatedAt: 3,
    otp: { account: 'gamer', digits: 5, period: 30, algorithm: 'SHA1', tokenType: 'STEAM' },
    order: { position: 2 },
  },
];

function expectServicesImported(result: Awaited<ReturnType<typeof read>>): void {
  expect(result.format).toBe('2fas');
  expect(result.skipped).toEqual([]);
  expect(result.accounts.map((a) => a.draft)).toEqual([
    {
      kind: 'totp',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      counter: 0,
      issuer: 'Example',
      label: 'alice',
    },
    {
      kind: 'hotp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 12,
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
}

describe('2FAS detection', () => {
  it('recognises plain and encrypted backups, and says which need a password', async () => {
    const encrypted = inputOf(JSON.stringify(await encryptedBackup(SERVICES, 'pw')));
    const plain = inputOf(JSON.stringify(plainBackup(SERVICES)));
    expect(twoFasImporter.detect(plain)).toBe(true);
    expect(twoFasImporter.needsPassword(plain)).toBe(false);
    expect(twoFasImporter.detect(encrypted)).toBe(true);
    expect(twoFasImporter.needsPassword(encrypted)).toBe(true);
  });

  it.each([
    ['an Aegis vault', { version: 1, header: { slots: null, params: null }, db: {} }],
    ['services that are not an array', { services: {}, schemaVersion: 4 }],
    ['services without a schema version', { services: [] }],
    ['an andOTP array', [{ secret: 'JBSWY3DPEHPK3PXP', type: 'TOTP' }]],
  ])('ignores %s', (_name, json) => {
    expect(twoFasImporter.detect(inputOf(JSON.stringify(json)))).toBe(false);
  });
});

describe('2FAS plain backups', () => {
  it('imports schema 4 TOTP, HOTP and Steam', async () => {
    expectServicesImported(await read(plainBackup(SERVICES)));
  });

  it('reads schema 1 as TOTP SHA1/6/30, whatever the service says (nothing else was stored)', async () => {
    const v1 = [
      {
        name: 'Old',
        secret: 'JBSWY3DPEHPK3PXP',
        otp: { account: 'me', issuer: 'Old', label: 'Old:me' },
        type: 'Unknown',
      },
    ];
    const result = await read(plainBackup(v1, 1));
    expect(result.accounts.map((a) => a.draft)).toEqual([
      {
        kind: 'totp',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Old',
        label: 'me',
      },
    ]);
  });

  it('reads schema 2 (no token type) as TOTP keeping algorithm and digits, period 30 when absent', async () => {
    const v2 = [
      { name: 'Two', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'x', digits: 8, algorithm: 'SHA512' } },
    ];
    const [account] = (await read(plainBackup(v2, 2))).accounts;
    expect(account?.draft).toMatchObject({ kind: 'totp', algorithm: 'SHA512', digits: 8, period: 30 });
  });

  it('takes the issuer from otp.issuer when the name is empty, and the account from the label', async () => {
    const services = [
      {
        name: '',
        secret: 'JBSWY3DPEHPK3PXP',
        otp: { issuer: 'Fallback', account: 'acct', tokenType: 'TOTP' },
      },
      { name: 'Labelled', secret: 'JBSWY3DPEHPK3PXP', otp: { label: 'Labelled:carol', tokenType: 'TOTP' } },
      {
        name: 'NoIssuer',
        secret: 'JBSWY3DPEHPK3PXP',
        otp: { label: 'NoIssuer', account: '', tokenType: 'TOTP' },
      },
    ];
    const result = await read(plainBackup(services, 3));
    expect(result.accounts.map((a) => [a.draft.issuer, a.draft.label])).toEqual([
      ['Fallback', 'acct'],
      ['Labelled', 'carol'],
      ['NoIssuer', ''],
    ]);
  });

  it('treats a null algorithm as SHA1 and skips unusable services with a reason', async () => {
    const services = [
      { name: 'Null', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'a', algorithm: null, tokenType: 'TOTP' } },
      { name: 'Unknown', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'b', tokenType: 'YANDEX' } },
      { name: 'NoSecret', otp: { account: 'c', tokenType: 'TOTP' } },
      { name: 'Md5', secret: 'JBSWY3DPEHPK3PXP', otp: { account: 'd', algorithm: 'MD5', tokenType: 'TOTP' } },
      {
        name: 'BadPeriod',
        secret: 'JBSWY3DPEHPK3PXP',
        otp: { account: 'e', period: '30', tokenType: 'TOTP' },
      },
    ];
    const result = await read(plainBackup(services, 4));
    expect(result.accounts.map((a) => a.draft.algorithm)).toEqual(['SHA1']);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'Unknown (b)',
      'NoSecret (c)',
      'Md5 (d)',
      'BadPeriod (e)',
    ]);
    expect(result.skipped[0]?.reason).toMatch(/expected a token type TOTP, HOTP or STEAM, got 'YANDEX'/);
    expect(result.skipped[3]?.reason).toMatch(/period must be a number, got a string/);
  });

  it('reads a newer schema like schema 4', async () => {
    expectServicesImported(await read(plainBackup(SERVICES, 5)));
  });

  it('rejects a service that is not an object as damaged', async () => {
    expect((await importError(read(plainBackup([null])))).code).toBe('IMPORT_DAMAGED');
  });
});

describe('2FAS encrypted backups', () => {
  it('decrypts with the password', async () => {
    expectServicesImported(await read(await encryptedBackup(SERVICES, 'correct horse'), 'correct horse'));
  });

  it('decrypts schema 2 backups, which have no reference and no token type (all TOTP)', async () => {
    const v2 = SERVICES.map(({ otp: { tokenType: _, ...otp }, ...service }) => ({ ...service, otp }));
    const backup = await encryptedBackup(v2, 'pw', { reference: false, schemaVersion: 2 });
    const result = await read(backup, 'pw');
    expect(result.accounts.map((a) => [a.draft.kind, a.draft.period])).toEqual([
      ['totp', 60],
      ['totp', 30],
      ['totp', 30],
    ]);
  });

  it('says wrong password (with and without a reference) and asks for one when none is given', async () => {
    for (const reference of [true, false]) {
      const backup = await encryptedBackup(SERVICES, 'right', { reference });
      const error = await importError(read(backup, 'wrong'));
      expect(error.code).toBe('IMPORT_WRONG_PASSWORD');
      expect(error.format).toBe('2fas');
      expect((await importError(read(backup))).code).toBe('IMPORT_PASSWORD_REQUIRED');
    }
  });

  it('reports altered services as damaged when the reference proves the password right', async () => {
    const backup = await encryptedBackup(SERVICES, 'pw');
    const [data = '', salt, iv] = String(backup.servicesEncrypted).split(':');
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    backup.servicesEncrypted = `${base64(bytes)}:${salt}:${iv}`;
    expect((await importError(read(backup, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it.each([
    ['two parts', (s: string) => s.split(':').slice(0, 2).join(':')],
    ['a bad base64 part', (s: string) => `***:${s.split(':').slice(1).join(':')}`],
    ['a short IV', (s: string) => `${s.split(':').slice(0, 2).join(':')}:AAAA`],
    [
      'an empty salt',
      (s: string) => {
        const [d, , i] = s.split(':');
        return `${d}::${i}`;
      },
    ],
    ['a ciphertext shorter than the tag', (s: string) => `AAAA:${s.split(':').slice(1).join(':')}`],
  ])('rejects servicesEncrypted with %s as damaged', async (_name, damage) => {
    const backup = await encryptedBackup(SERVICES, 'pw', { reference: false });
    backup.servicesEncrypted = damage(String(backup.servicesEncrypted));
    expect((await importError(read(backup, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it('rejects decrypted services that are not JSON as damaged', async () => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const key = await deriveKey('pw', salt);
    const backup = { ...plainBackup([]), servicesEncrypted: await seal(key, salt, 'not json') };
    expect((await importError(read(backup, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });

  it('rejects a truncated file and random bytes with an ImportError', async () => {
    const text = JSON.stringify(await encryptedBackup(SERVICES, 'pw'));
    const truncated = inputOf(text.slice(0, text.length - 30));
    expect(twoFasImporter.detect(truncated)).toBe(false);
    expect((await importError(twoFasImporter.read(truncated, 'pw'))).code).toBe('IMPORT_DAMAGED');
    const random = inputOf(crypto.getRandomValues(new Uint8Array(200)));
    expect(twoFasImporter.detect(random)).toBe(false);
    expect(twoFasImporter.needsPassword(random)).toBe(false);
    expect((await importError(twoFasImporter.read(random, 'pw'))).code).toBe('IMPORT_DAMAGED');
  });
});

describe('2FAS importer robustness', () => {
  const outcome = async (input: ImportInput, password?: string): Promise<void> => {
    expect(() => twoFasImporter.detect(input)).not.toThrow();
    expect(() => twoFasImporter.needsPassword(input)).not.toThrow();
    await twoFasImporter.read(input, password).catch((error: unknown) => {
      expect(error).toBeInstanceOf(ImportError);
    });
  };

  it('gives a result or an ImportError for arbitrary JSON', async () => {
    const service = fc.dictionary(
      fc.constantFrom('name', 'secret', 'otp'),
      fc.oneof(
        fc.jsonValue(),
        fc.dictionary(
          fc.constantFrom(
            'account',
            'label',
            'issuer',
            'digits',
            'period',
            'algorithm',
            'tokenType',
            'counter',
          ),
          fc.jsonValue(),
        ),
      ),
    );
    const backupLike = fc.record({
      services: fc.array(fc.oneof(service, fc.jsonValue())),
      schemaVersion: fc.oneof(fc.integer({ min: 0, max: 6 }), fc.jsonValue()),
      servicesEncrypted: fc.option(fc.string(), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(backupLike, fc.jsonValue()), async (json) => {
        await outcome(inputOf(JSON.stringify(json)), 'pw');
      }),
      { numRuns: 300 },
    );
  });

  it('gives a result or an ImportError for mutated encrypted backups', async () => {
    const text = JSON.stringify(await encryptedBackup(SERVICES, 'pw'));
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            at: fc.nat({ max: text.length - 1 }),
            ch: fc.constantFrom('A', '/', ':', '"', '=', '1', ''),
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
      { numRuns: 150 },
    );
  });
});

const cases = importCases(['2fas']);

describe.skipIf(cases.length === 0)('2FAS corpus', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const input = inputOf(c.data, c.file);
    expect(twoFasImporter.detect(input)).toBe(true);
    if (c.expect.error === true) {
      const error = await importError(twoFasImporter.read(input, c.password));
      if (c.password !== undefined) expect(error.code).toBe('IMPORT_WRONG_PASSWORD');
      return;
    }
    const result = await twoFasImporter.read(input, c.password);
    const problems = compareAccounts(result.accounts, c.expect.accounts ?? []);
    // Steam entries are compared without their period (see compareAccounts): Steam is always 30 s.
    expect(problems).toEqual([]);
  });
});
