/**
 * TwoStep backup files (docs/backup-format.md) written by the documentation, not by
 * lib/transfer/backup: the fuzz targets need files whose header authenticates but whose decrypted
 * contents are anything at all, which `sealBackup` rightly refuses to write. Salt, IV and date are
 * fixed (a seed replays the same file), and the key is derived once per password.
 */

import { toBase64 } from './protobuf';
import { fixedBytes } from './samples';

export const BACKUP_PASSWORD = 'fuzz backup password';
export const BACKUP_ITERATIONS = 1_000;
const CREATED_AT = '2026-02-01T10:00:00.000Z';
const SALT = fixedBytes(16, 61);
const IV = fixedBytes(12, 62);
const utf8 = (text: string) => new TextEncoder().encode(text);

const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(password: string): Promise<CryptoKey> {
  let key = keys.get(password);
  if (key === undefined) {
    key = (async () => {
      const subtle = globalThis.crypto.subtle;
      const base = await subtle.importKey('raw', utf8(password.normalize('NFC')), 'PBKDF2', false, [
        'deriveKey',
      ]);
      return subtle.deriveKey(
        { name: 'PBKDF2', hash: 'SHA-256', salt: SALT, iterations: BACKUP_ITERATIONS },
        base,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt'],
      );
    })();
    if (keys.size > 64) keys.clear();
    keys.set(password, key);
  }
  return key;
}

/** The header's associated data: canonical JSON (sorted keys, no spaces) of every field but `data`. */
function aad(): string {
  return (
    `{"cipher":{"iv":"${toBase64(IV)}","name":"AES-256-GCM"},"createdAt":"${CREATED_AT}",` +
    `"format":"twostep-backup","kdf":{"iterations":${BACKUP_ITERATIONS},"name":"PBKDF2-SHA256",` +
    `"salt":"${toBase64(SALT)}"},"version":1}`
  );
}

/** A version-1 file whose ciphertext is `plaintext` (any text: valid contents or not). */
export async function writeBackup(plaintext: string, password = BACKUP_PASSWORD): Promise<string> {
  const data = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: IV, additionalData: utf8(aad()) },
    await keyFor(password),
    utf8(plaintext),
  );
  return JSON.stringify(
    {
      format: 'twostep-backup',
      version: 1,
      createdAt: CREATED_AT,
      kdf: { name: 'PBKDF2-SHA256', iterations: BACKUP_ITERATIONS, salt: toBase64(SALT) },
      cipher: { name: 'AES-256-GCM', iv: toBase64(IV) },
      data: toBase64(new Uint8Array(data)),
    },
    null,
    2,
  );
}

/** Valid contents: what `backupContentsFromRecords` writes for a small vault. */
export const BACKUP_CONTENTS = {
  accounts: [
    {
      issuer: 'GitHub',
      label: 'alice',
      kind: 'totp',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: ['domain:github.com'],
      createdAt: 1_700_000_000_000,
    },
    {
      issuer: 'Microsoft',
      label: 'pat@contoso.example',
      organisation: 'Contoso',
      kind: 'hotp',
      secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
      algorithm: 'SHA512',
      digits: 8,
      period: 30,
      counter: 42,
      sites: ['host:login.microsoftonline.com'],
      createdAt: 1_700_000_100_000,
    },
    {
      issuer: 'Steam',
      label: 'gamer',
      kind: 'steam',
      secret: 'ONSWG4TFOQYTEMZU',
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
      sites: [],
      createdAt: 1_700_000_200_000,
    },
  ],
  appPasswords: [
    {
      provider: 'google',
      accountEmail: 'pat@gmail.example',
      password: 'wqzxvmrtkplbhnjd',
      site: 'myaccount.google.com',
      createdAt: 1_700_000_300_000,
    },
  ],
  recoveryCodes: [
    {
      provider: 'microsoft',
      accountEmail: 'pat@outlook.example',
      code: 'B7KMW-2HX9P-TT4RD-8ZLCA-M3N6V',
      site: 'account.live.com',
      createdAt: 1_700_000_400_000,
      supersededAt: 1_700_000_500_000,
    },
  ],
};
