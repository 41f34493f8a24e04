import { VaultStore, type VaultStoreOptions } from '../../../lib/vault';
import type { NewRecord } from '../../../lib/vault/types';
import { MemoryArea } from './memory-area';

/** Low iterations keep the suite fast; production uses DEFAULT_KDF_ITERATIONS (asserted in crypto.test.ts). */
export const TEST_ITERATIONS = 1_000;
export const PASSWORD = 'correct horse battery';

export function makeStore(area = new MemoryArea(), options: VaultStoreOptions = {}) {
  return { area, store: new VaultStore(area, { iterations: TEST_ITERATIONS, ...options }) };
}

/** 20 random-looking bytes as canonical base32 (RFC 4648), the usual SHA-1 TOTP secret size. */
export const SECRET_BASE32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

export function account(overrides: Partial<Extract<NewRecord, { type: 'account' }>> = {}): NewRecord {
  return {
    type: 'account',
    kind: 'totp',
    secret: SECRET_BASE32,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer: 'GitHub',
    label: 'someone@example.com',
    sites: ['github.com'],
    ...overrides,
  };
}

export const APP_PASSWORD = 'qwer tyui opas dfgh';

export function appPassword(): NewRecord {
  return {
    type: 'appPassword',
    provider: 'Google',
    accountEmail: 'someone@gmail.com',
    password: APP_PASSWORD,
    site: 'accounts.google.com',
  };
}

export function recoveryCode(): NewRecord {
  return {
    type: 'recoveryCode',
    provider: 'GitHub',
    accountEmail: 'someone@example.com',
    code: '4f1d-93ab',
    site: 'github.com',
  };
}

/** RFC 4648 §6 base32 decoding, independent of the code under test. */
export function base32Decode(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** Flips one bit in the middle of a base64 string's decoded bytes. */
export function flipByte(base64: string): string {
  const chars = [...atob(base64)];
  const index = Math.floor(chars.length / 2);
  chars[index] = String.fromCharCode((chars[index]?.charCodeAt(0) ?? 0) ^ 0x01);
  return btoa(chars.join(''));
}
