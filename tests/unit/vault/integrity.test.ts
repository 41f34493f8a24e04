/** Data-loss and tampering cases (peers.md §7): nothing is dropped, deleted or silently overwritten. */
import { describe, expect, it } from 'vitest';
import {
  CorruptVaultError,
  RecordDamagedError,
  StorageWriteError,
  UnsupportedVaultVersionError,
  VaultStore,
  WrongPasswordError,
} from '../../../lib/vault';
import { importDataKey } from '../../../lib/vault/crypto';
import { DAMAGED_KEY, type Envelope, PREVIOUS_KEY, VAULT_KEY } from '../../../lib/vault/envelope';
import { sealRecord } from '../../../lib/vault/records';
import {
  account,
  appPassword,
  flipByte,
  makeStore,
  PASSWORD,
  recoveryCode,
  TEST_ITERATIONS,
} from './helpers';
import type { MemoryArea } from './memory-area';

const stored = (area: MemoryArea, key = VAULT_KEY) => area.peek(key) as Envelope;

async function vaultWithThree() {
  const { area, store } = makeStore();
  const vault = await store.create(PASSWORD);
  const records = await vault.addMany([account(), appPassword(), recoveryCode()]);
  return { area, store, vault, records };
}

describe('damaged records', () => {
  it('reports a tampered record, lists the others, and keeps its ciphertext on later writes', async () => {
    const { area, store, records } = await vaultWithThree();
    const envelope = stored(area);
    const target = envelope.records[1];
    if (!target) throw new Error('fixture');
    const tampered = { ...target, data: flipByte(target.data) };
    area.poke(VAULT_KEY, {
      ...envelope,
      records: envelope.records.map((entry, i) => (i === 1 ? tampered : entry)),
    });

    const vault = await store.unlock(PASSWORD);
    const listing = await vault.list();
    expect(listing.records.map((record) => record.id)).toEqual([records[0]?.id, records[2]?.id]);
    expect(listing.damaged).toEqual([
      { id: target.id, type: 'appPassword', reason: expect.stringContaining('failed authentication') },
    ]);
    await expect(vault.get(target.id)).rejects.toThrow(RecordDamagedError);
    await expect(vault.update(target.id, { provider: 'x' })).rejects.toThrow(RecordDamagedError);

    await vault.add(account({ issuer: 'Later' }));
    expect(stored(area).records).toContainEqual(tampered);
    expect((await vault.list()).damaged).toHaveLength(1);
  });

  it('detects ciphertexts swapped between two records of the same type (associated data binds the id)', async () => {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    const records = await vault.addMany([
      account({ issuer: 'A' }),
      account({ issuer: 'B' }),
      account({ issuer: 'C' }),
    ]);
    const envelope = stored(area);
    const [a, b, c] = envelope.records;
    if (!a || !b || !c) throw new Error('fixture');
    const swapped = [{ ...a, iv: b.iv, data: b.data }, { ...b, iv: a.iv, data: a.data }, c];
    area.poke(VAULT_KEY, { ...envelope, records: swapped });
    const listing = await (await store.unlock(PASSWORD)).list();
    expect(listing.damaged.map((record) => record.id)).toEqual([a.id, b.id]);
    for (const record of listing.damaged) expect(record.reason).toMatch(/^failed authentication/);
    expect(listing.records.map((record) => record.id)).toEqual([records[2]?.id]);
  });

  it('detects a record relabelled with another type', async () => {
    const { area, store } = await vaultWithThree();
    const envelope = stored(area);
    area.poke(VAULT_KEY, {
      ...envelope,
      records: envelope.records.map((entry) => ({ ...entry, type: 'recoveryCode' })),
    });
    const listing = await (await store.unlock(PASSWORD)).list();
    expect(listing.damaged).toHaveLength(2);
    expect(listing.records).toHaveLength(1);
  });

  it('reports an authentic record that fails validation, and one with a malformed IV', async () => {
    const { area, store, vault } = await vaultWithThree();
    const key = await importDataKey(vault.rawKey());
    const invalid = await sealRecord(key, { ...(await vault.list()).records[0], digits: 99 } as never);
    const envelope = stored(area);
    const first = envelope.records[0];
    if (!first) throw new Error('fixture');
    area.poke(VAULT_KEY, {
      ...envelope,
      records: [{ ...invalid }, { ...first, id: 'other', iv: 'AAAA' }, ...envelope.records.slice(1)],
    });
    const { damaged, records } = await (await store.unlock(PASSWORD)).list();
    expect(damaged.map((record) => record.reason)).toEqual([
      'decrypted, but invalid: digits: expected a whole number from 1 to 10, got 99',
      'malformed ciphertext: IV has 3 bytes, expected 12',
    ]);
    expect(records).toHaveLength(2);
  });
});

describe('a damaged envelope', () => {
  it('throws CorruptVaultError for an invalid header and writes nothing', async () => {
    const { area, store } = makeStore();
    await store.create(PASSWORD);
    area.poke(VAULT_KEY, { ...stored(area), kdf: 'garbage' });
    const before = area.dump();
    const error = await store.unlock(PASSWORD).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptVaultError);
    expect((error as CorruptVaultError).detail).toContain('kdf');
    expect(area.dump()).toBe(before);
  });

  it('throws CorruptVaultError for truncated JSON text', async () => {
    const { area, store } = makeStore();
    await store.create(PASSWORD);
    area.poke(VAULT_KEY, JSON.stringify(stored(area)).slice(0, 40));
    await expect(store.unlock(PASSWORD)).rejects.toThrow(CorruptVaultError);
  });

  it('does not unlock a header altered to fewer iterations (bound by the derived key and the AAD)', async () => {
    const { area, store } = makeStore();
    await store.create(PASSWORD);
    const envelope = stored(area);
    area.poke(VAULT_KEY, { ...envelope, kdf: { ...envelope.kdf, iterations: 1 } });
    await expect(store.unlock(PASSWORD)).rejects.toThrow(WrongPasswordError);
  });
});

describe('a vault from a newer TwoStep (downgrade protection)', () => {
  it('refuses to unlock, to fall back to the previous copy, or to write', async () => {
    const { area, store, vault } = await vaultWithThree();
    area.poke(VAULT_KEY, { format: 'twostep-vault', version: 2, somethingNew: [1, 2, 3] });
    const before = area.dump();
    await expect(store.unlock(PASSWORD)).rejects.toThrow(UnsupportedVaultVersionError);
    await expect(store.open(vault.rawKey())).rejects.toThrow(UnsupportedVaultVersionError);
    await expect(vault.add(account())).rejects.toThrow(UnsupportedVaultVersionError);
    await expect(vault.list()).rejects.toThrow(UnsupportedVaultVersionError);
    expect(area.dump()).toBe(before);
  });
});

describe('failed writes', () => {
  it('throws StorageWriteError with the cause and changes nothing', async () => {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    await vault.add(account());
    const listing = await vault.list();
    const before = area.dump();
    const quota = new Error('QUOTA_BYTES quota exceeded');
    area.failNextSet(quota);
    const error = await vault.add(appPassword()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageWriteError);
    expect((error as StorageWriteError).cause).toBe(quota);
    expect((error as Error).message).toMatch(/nothing was changed/);
    expect(area.dump()).toBe(before);
    expect(await vault.list()).toEqual(listing);
    await expect(vault.add(appPassword())).resolves.toBeDefined();
  });
});

describe('concurrent writes', () => {
  it('lands all of 20 concurrent adds', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    const added = await Promise.all(
      Array.from({ length: 20 }, (_, i) => vault.add(account({ label: `user${i}` }))),
    );
    const { records } = await vault.list();
    expect(records).toHaveLength(20);
    expect(new Set(records.map((record) => record.id)).size).toBe(20);
    expect(records.map((record) => record.id).sort()).toEqual(added.map((record) => record.id).sort());
  });

  it('serialises writes from two vaults opened from the same store', async () => {
    const { store } = makeStore();
    const first = await store.create(PASSWORD);
    const second = await store.open(first.rawKey());
    await Promise.all([
      ...Array.from({ length: 5 }, () => first.add(account())),
      ...Array.from({ length: 5 }, () => second.add(appPassword())),
    ]);
    expect((await first.list()).records).toHaveLength(10);
  });
});

describe('fallback to vault.previous', () => {
  async function withDamagedLatest(damage: unknown) {
    const { area, store } = makeStore();
    const vault = await store.create(PASSWORD);
    const kept = await vault.add(account());
    await vault.add(appPassword()); // the latest write, about to be damaged
    if (damage === undefined) await area.remove([VAULT_KEY]);
    else area.poke(VAULT_KEY, damage);
    return { area, store, kept, rawKey: vault.rawKey() };
  }

  it('unlocks from the previous copy, says so, and deletes nothing', async () => {
    const { area, store, kept } = await withDamagedLatest({
      format: 'twostep-vault',
      version: 1,
      records: 7,
    });
    const before = area.dump();
    const vault = await store.unlock(PASSWORD);
    expect(vault.recoveredFromPrevious).toBe(true);
    const notice = vault.notices[0];
    expect(notice?.kind).toBe('recovered-from-previous');
    expect(notice && 'error' in notice ? notice.error : null).toBeInstanceOf(CorruptVaultError);
    expect((await vault.list()).records).toEqual([kept]);
    expect(area.dump()).toBe(before);
  });

  it('opens from the previous copy with the session key too, and when `vault` is missing', async () => {
    const { store, rawKey, kept } = await withDamagedLatest(undefined);
    const vault = await store.open(rawKey);
    expect(vault.recoveredFromPrevious).toBe(true);
    expect((await vault.list()).records).toEqual([kept]);
  });

  it('on the next write keeps the good copy as previous and sets the damaged value aside', async () => {
    const damage = 'garbage written by a crash';
    const { area, store, kept } = await withDamagedLatest(damage);
    const goodPrevious = area.peek(PREVIOUS_KEY);
    const vault = await store.unlock(PASSWORD);
    const added = await vault.add(recoveryCode());
    expect(area.peek(PREVIOUS_KEY)).toEqual(goodPrevious);
    expect(area.peek(DAMAGED_KEY)).toEqual([{ savedAt: expect.any(Number), value: damage }]);
    const fresh = await new VaultStore(area, { iterations: TEST_ITERATIONS }).unlock(PASSWORD);
    expect(fresh.recoveredFromPrevious).toBe(false);
    expect((await fresh.list()).records).toEqual([kept, added]);
  });

  it('throws CorruptVaultError naming both problems when the previous copy is unreadable too', async () => {
    const { area, store } = await withDamagedLatest(42);
    area.poke(PREVIOUS_KEY, null);
    const error = await store.unlock(PASSWORD).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CorruptVaultError);
    expect((error as CorruptVaultError).detail).toBe(
      'expected an object, found number 42; the previous copy is unreadable too (expected an object, found null)',
    );
  });

  it('does not fall back on a wrong password (the previous copy may hold an older password)', async () => {
    const { store } = makeStore();
    const vault = await store.create(PASSWORD);
    await vault.add(account());
    await expect(store.unlock('not the password')).rejects.toThrow(WrongPasswordError);
  });
});
