import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../../../lib/otp/index';
import {
  InvalidRecordError,
  NoVaultError,
  PasswordTooShortError,
  RecordNotFoundError,
  VaultExistsError,
  VaultStore,
  WrongKeyError,
  WrongPasswordError,
} from '../../../lib/vault';
import { VAULT_KEY } from '../../../lib/vault/envelope';
import type { OtpAccountRecord } from '../../../lib/vault/types';
import { account, appPassword, makeStore, PASSWORD, recoveryCode, TEST_ITERATIONS } from './helpers';
import { MemoryArea } from './memory-area';

describe('VaultStore lifecycle', () => {
  it('create → add → list → a fresh store on the same area → unlock → same records', async () => {
    const { area, store } = makeStore();
    expect(await store.exists()).toBe(false);
    const vault = await store.create(PASSWORD);
    expect(await store.exists()).toBe(true);
    const added = [
      await vault.add(account()),
      await vault.add(appPassword()),
      await vault.add(recoveryCode()),
    ];
    expect((await vault.list()).records).toEqual(added);

    const reopened = await new VaultStore(area, { iterations: TEST_ITERATIONS }).unlock(PASSWORD);
    expect(await reopened.list()).toEqual({ records: added, damaged: [] });
    expect(reopened.notices).toEqual([]);
    expect(reopened.recoveredFromPrevious).toBe(false);
  });

  it('assigns ids and timestamps from the injected clock and id source', async () => {
    let n = 0;
    const { store } = makeStore(new MemoryArea(), {
      now: () => 1_700_000_000_000,
      randomId: () => `id-${++n}`,
    });
    const vault = await store.create(PASSWORD);
    const record = await vault.add(account());
    expect(record).toMatchObject({ id: 'id-1', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 });
  });

  it('never overwrites an existing vault', async () => {
    const { area, store } = makeStore();
    await (await store.create(PASSWORD)).add(account());
    const before = area.dump();
    await expect(store.create('another password')).rejects.toThrow(VaultExistsError);
    expect(area.dump()).toBe(before);
  });

  it('lets only one of two concurrent creates succeed', async () => {
    const { store } = makeStore();
    const results = await Promise.allSettled([store.create(PASSWORD), store.create(PASSWORD)]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('requires a password of at least 8 characters, counted in code points', async () => {
    const { area, store } = makeStore();
    const error = await store.create('short').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PasswordTooShortError);
    expect((error as Error).message).toBe('The password must be at least 8 characters long; it has 5.');
    await expect(store.create('🔑🔑🔑🔑🔑🔑🔑')).rejects.toThrow(PasswordTooShortError);
    expect(area.keys()).toEqual([]);
  });

  it('reports a missing vault', async () => {
    const { store } = makeStore();
    await expect(store.unlock(PASSWORD)).rejects.toThrow(NoVaultError);
    await expect(store.open(new Uint8Array(32))).rejects.toThrow(NoVaultError);
  });

  it('rejects a wrong password and leaves storage byte-identical', async () => {
    const { area, store } = makeStore();
    await (await store.create(PASSWORD)).add(account());
    const before = area.dump();
    const error = await store.unlock('wrong password').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WrongPasswordError);
    expect((error as WrongPasswordError).code).toBe('wrong-password');
    expect((error as Error).cause).toBeDefined();
    await expect(store.unlock('')).rejects.toThrow(WrongPasswordError);
    expect(area.dump()).toBe(before);
  });
});

describe('open(rawKey)', () => {
  it('re-opens with the raw key kept in session storage', async () => {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    const record = await vault.add(account());
    const raw = vault.rawKey();
    expect(raw).toHaveLength(32);
    const reopened = await new VaultStore(area, { iterations: TEST_ITERATIONS }).open(raw);
    expect((await reopened.list()).records).toEqual([record]);
  });

  it('rejects a wrong or truncated key without writing', async () => {
    const { area, store } = makeStore();
    const raw = (await store.create(PASSWORD)).rawKey();
    const before = area.dump();
    const wrong = raw.slice();
    wrong[0] = (wrong[0] ?? 0) ^ 1;
    await expect(store.open(wrong)).rejects.toThrow(WrongKeyError);
    await expect(store.open(raw.slice(0, 16))).rejects.toThrow(WrongKeyError);
    expect(area.dump()).toBe(before);
  });

  it('returns a copy of the key, so callers cannot alter the open vault', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    vault.rawKey().fill(0);
    await expect(vault.add(account())).resolves.toBeDefined();
  });

  it('stops writing when the vault was replaced by another one (a stale session key)', async () => {
    const area = new MemoryArea();
    const first = await makeStore(area).store.create(PASSWORD);
    await area.remove([VAULT_KEY]);
    await makeStore(area).store.create(PASSWORD);
    const before = area.dump();
    await expect(first.add(account())).rejects.toThrow(WrongKeyError);
    expect(area.dump()).toBe(before);
  });
});

describe('UnlockedVault records', () => {
  it('gets, updates and removes', async () => {
    let clock = 1_000;
    const { store } = makeStore(new MemoryArea(), { now: () => clock });
    const vault = await store.create(PASSWORD);
    const created = (await vault.add(account())) as OtpAccountRecord;
    expect(await vault.get(created.id)).toEqual(created);

    clock = 2_000;
    const updated = await vault.update(created.id, { issuer: 'GitHub Enterprise', counter: 3 });
    expect(updated).toEqual({ ...created, issuer: 'GitHub Enterprise', counter: 3, updatedAt: 2_000 });
    expect(await vault.get(created.id)).toEqual(updated);

    await vault.remove(created.id);
    await expect(vault.get(created.id)).rejects.toThrow(RecordNotFoundError);
    await expect(vault.remove(created.id)).rejects.toThrow(RecordNotFoundError);
    await expect(vault.update('missing', { issuer: 'x' })).rejects.toThrow(RecordNotFoundError);
  });

  it('refuses to change id, type or createdAt', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    const created = await vault.add(account());
    for (const patch of [{ id: 'other' }, { type: 'appPassword' }, { createdAt: 5 }]) {
      await expect(vault.update(created.id, patch as never)).rejects.toThrow(InvalidRecordError);
    }
    // Passing the unchanged values back is harmless.
    await expect(vault.update(created.id, { ...created } as never)).resolves.toBeDefined();
  });

  it('addMany is all or nothing', async () => {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    const before = area.dump();
    const error = await vault
      .addMany([account(), account({ digits: 12 }), appPassword()])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toContain(
      'record 2 of 3: digits: expected a whole number from 1 to 10, got 12',
    );
    expect(area.dump()).toBe(before);
    expect(await vault.addMany([account(), appPassword(), recoveryCode()])).toHaveLength(3);
    expect((await vault.list()).records).toHaveLength(3);
  });

  it.each([
    ['a lower-case secret', account({ secret: 'jbswy3dp' }), 'secret: expected canonical base32'],
    ['an empty secret', account({ secret: '' }), 'secret: expected a non-empty secret'],
    [
      'an unknown algorithm',
      account({ algorithm: 'MD5' as never }),
      'algorithm: expected "SHA1", "SHA256" or "SHA512"',
    ],
    ['an unknown kind', account({ kind: 'sms' as never }), 'kind: expected "totp", "hotp" or "steam"'],
    ['a zero period', account({ period: 0 }), 'period: expected a positive whole number of seconds, got 0'],
    ['a negative counter', account({ counter: -1 }), 'counter: expected a whole number ≥ 0, got -1'],
    ['a six-digit Steam account', account({ kind: 'steam', digits: 6 }), 'Steam codes always have 5 digits'],
    [
      'a site with a space',
      account({ sites: ['git hub.com'] }),
      'sites.0: expected a host or domain without spaces',
    ],
    ['a missing label', { ...account(), label: undefined } as never, 'label: is missing'],
    [
      'a field of another type',
      { ...account(), password: 'x' } as never,
      'password: is not a field of this record type',
    ],
    [
      'an unknown type',
      { type: 'note', text: 'x' } as never,
      'type: expected "account", "appPassword" or "recoveryCode"',
    ],
    [
      'an empty app password',
      { ...appPassword(), password: '' } as never,
      'password: expected a non-empty password',
    ],
  ])('rejects %s with a specific message', async (_name, record, message) => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    const error = await vault.add(record).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as Error).message).toContain(message);
  });

  it('never puts a rejected secret into the error message', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    const error = await vault.add(account({ secret: 'my secret seed' })).catch((caught: unknown) => caught);
    expect((error as Error).message).not.toContain('my secret seed');
  });

  it('accepts the largest inputs lib/otp accepts (a 1,024-byte secret, a name of MAX_NAME_LENGTH), and no more', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    await expect(
      vault.add(account({ secret: 'A'.repeat(1639), label: 'x'.repeat(MAX_NAME_LENGTH) })),
    ).resolves.toBeDefined();
    await expect(vault.add(account({ label: 'x'.repeat(MAX_NAME_LENGTH + 1) }))).rejects.toThrow(/label/);
  });

  it('accepts a Steam account with 5 digits and an organisation', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    await expect(
      vault.add(account({ kind: 'steam', digits: 5, organisation: 'Valve' })),
    ).resolves.toMatchObject({
      organisation: 'Valve',
    });
  });
});

describe('changePassword', () => {
  it('re-wraps the data key only: records are byte-identical, the old password stops working', async () => {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    await vault.add(account());
    const recordsBefore = JSON.stringify((area.peek(VAULT_KEY) as { records: unknown }).records);
    await expect(vault.changePassword('wrong password', 'new password!')).rejects.toThrow(WrongPasswordError);
    await expect(vault.changePassword(PASSWORD, 'short')).rejects.toThrow(PasswordTooShortError);
    await vault.changePassword(PASSWORD, 'new password!');
    expect(JSON.stringify((area.peek(VAULT_KEY) as { records: unknown }).records)).toBe(recordsBefore);
    await expect(store.unlock(PASSWORD)).rejects.toThrow(WrongPasswordError);
    const reopened = await store.unlock('new password!');
    expect(reopened.rawKey()).toEqual(vault.rawKey());
    expect((await reopened.list()).records).toHaveLength(1);
  });
});
