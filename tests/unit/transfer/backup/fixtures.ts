/** Vault records covering every field a backup keeps, and an independent writer of the format. */
import type {
  AppPasswordRecord,
  OtpAccountRecord,
  RecoveryCodeRecord,
  VaultRecord,
} from '../../../../lib/vault/types';

/** Low iterations keep the suite fast; one test seals at the default (600,000). */
export const TEST_ITERATIONS = 1_000;
export const PASSWORD = 'correct horse battery';

export const SECRETS = {
  totp: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  hotp: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  steam: 'ONSWG4TFOQYTEMZU',
  sha512: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3HO6DZPIYTEMZUGU3DOOBZ',
};

const times = { createdAt: 1_700_000_000_000, updatedAt: 1_700_000_500_000 };

export function account(overrides: Partial<OtpAccountRecord> = {}): OtpAccountRecord {
  return {
    id: 'acc-totp',
    type: 'account',
    kind: 'totp',
    secret: SECRETS.totp,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer: 'GitHub',
    label: 'someone@example.com',
    sites: ['github.com'],
    ...times,
    ...overrides,
  };
}

export function appPassword(overrides: Partial<AppPasswordRecord> = {}): AppPasswordRecord {
  return {
    id: 'app-google',
    type: 'appPassword',
    provider: 'google',
    accountEmail: 'someone@gmail.example',
    password: 'qwertyuiopasdfgh',
    site: 'myaccount.google.com',
    ...times,
    ...overrides,
  };
}

export function recoveryCode(overrides: Partial<RecoveryCodeRecord> = {}): RecoveryCodeRecord {
  return {
    id: 'rc-1',
    type: 'recoveryCode',
    provider: 'microsoft',
    accountEmail: 'pat@outlook.example',
    code: 'ABCDE-FGHIJ-KLMNO-PQRST-UVWXY',
    site: 'account.live.com',
    ...times,
    ...overrides,
  };
}

/** One of everything: organisation, several sites, Steam, HOTP with a counter, a superseded code. */
export function everyKind(): VaultRecord[] {
  return [
    account(),
    account({
      id: 'acc-work',
      issuer: 'Microsoft',
      label: 'pat@contoso.example',
      organisation: 'Contoso',
      secret: SECRETS.sha512,
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
      sites: ['login.microsoftonline.com', 'login.live.com', 'contoso.example'],
      createdAt: 1_700_000_100_000,
    }),
    account({
      id: 'acc-steam',
      kind: 'steam',
      issuer: 'Steam',
      label: 'gamer',
      secret: SECRETS.steam,
      digits: 5,
      sites: [],
    }),
    account({
      id: 'acc-hotp',
      kind: 'hotp',
      issuer: 'Bank',
      label: '',
      secret: SECRETS.hotp,
      algorithm: 'SHA256',
      counter: 42,
      sites: ['bank.example'],
    }),
    appPassword(),
    appPassword({
      id: 'app-apple',
      provider: 'apple',
      password: 'abcd-efgh-ijkl-mnop',
      site: 'appleid.apple.com',
    }),
    recoveryCode({ id: 'rc-old', code: 'OLDOL-DOLDO-LDOLD-OLDOL-DOLDO', supersededAt: 1_700_000_900_000 }),
    recoveryCode({ id: 'rc-new', createdAt: 1_700_000_900_000 }),
  ];
}

const subtle = () => globalThis.crypto.subtle;
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Writes a version-1 file the way docs/backup-format.md tells a third party to, without the code
 * under test: the AAD is the header typed out with sorted keys and no whitespace.
 */
export async function writeByTheDocs(
  plaintext: string,
  password: string,
  iterations = TEST_ITERATIONS,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const createdAt = '2026-02-01T10:00:00+01:00';
  const aad =
    `{"cipher":{"iv":"${b64(iv)}","name":"AES-256-GCM"},"createdAt":"${createdAt}",` +
    `"format":"twostep-backup","kdf":{"iterations":${iterations},"name":"PBKDF2-SHA256","salt":"${b64(salt)}"},"version":1}`;
  const base = await subtle().importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 256);
  const key = await subtle().importKey('raw', bits, 'AES-GCM', false, ['encrypt']);
  const data = await subtle().encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(aad) },
    key,
    new TextEncoder().encode(plaintext),
  );
  return JSON.stringify({
    data: b64(new Uint8Array(data)),
    version: 1,
    kdf: { salt: b64(salt), iterations, name: 'PBKDF2-SHA256' },
    format: 'twostep-backup',
    cipher: { iv: b64(iv), name: 'AES-256-GCM' },
    createdAt,
  });
}
