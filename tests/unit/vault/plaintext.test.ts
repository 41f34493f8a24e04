/** Key security invariant: nothing secret reaches extension storage in any encoding. */
import { expect, it } from 'vitest';
import { bytesToBase64 } from '../../../lib/vault';
import {
  APP_PASSWORD,
  account,
  appPassword,
  base32Decode,
  makeStore,
  PASSWORD,
  recoveryCode,
  SECRET_BASE32,
} from './helpers';

function encodings(bytes: Uint8Array): string[] {
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const base64 = bytesToBase64(bytes);
  const unpadded = base64.replace(/=+$/, '');
  return [hex, hex.toUpperCase(), base64, unpadded, unpadded.replace(/\+/g, '-').replace(/\//g, '_')];
}

it('stores no secret, password, data key or account metadata in plaintext', async () => {
  const { area, store } = makeStore();
  const vault = await store.create(PASSWORD);
  const added = await vault.addMany([account(), appPassword(), recoveryCode()]);
  await vault.update(added[0]?.id ?? '', { label: 'renamed@example.com' });
  await vault.changePassword(PASSWORD, 'a new master password');
  const dump = area.dump();

  const forbidden = [
    SECRET_BASE32,
    ...encodings(base32Decode(SECRET_BASE32)),
    APP_PASSWORD,
    APP_PASSWORD.replace(/ /g, ''),
    '4f1d-93ab',
    PASSWORD,
    'a new master password',
    ...encodings(vault.rawKey()),
    'someone@example.com',
    'renamed@example.com',
    'someone@gmail.com',
    'github.com',
  ];
  for (const text of forbidden) expect(dump, `found ${text}`).not.toContain(text);
  expect(base32Decode(SECRET_BASE32)).toHaveLength(20);
});
