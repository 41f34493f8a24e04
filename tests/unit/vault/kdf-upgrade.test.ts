/**
 * The KDF header migration: a vault written with fewer PBKDF2 iterations than the current default
 * is re-wrapped on the next successful unlock (records untouched), as OWASP raises its minimum
 * over time. `fixtures/vault-v1-pbkdf2-310000.json` is a stored format-1 vault written with the
 * 2021 OWASP figure; it also freezes the format: if it stops unlocking, existing users' vaults would too.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KDF_ITERATIONS, VaultStore } from '../../../lib/vault';
import { type Envelope, PREVIOUS_KEY, VAULT_KEY } from '../../../lib/vault/envelope';
import fixture from './fixtures/vault-v1-pbkdf2-310000.json';
import { account, makeStore, PASSWORD } from './helpers';
import { MemoryArea } from './memory-area';

const stored = (area: MemoryArea, key = VAULT_KEY) => area.peek(key) as Envelope;

async function lowIterationVault() {
  const { area, store } = makeStore(new MemoryArea(), { iterations: 500 });
  const vault = await store.create(PASSWORD);
  await vault.add(account());
  return { area, rawKey: vault.rawKey(), before: stored(area) };
}

describe('KDF upgrade on unlock', () => {
  it('re-wraps the data key with the current parameters and leaves the records untouched', async () => {
    const { area, rawKey, before } = await lowIterationVault();
    const vault = await makeStore(area, { iterations: 2_000 }).store.unlock(PASSWORD);
    expect(vault.notices).toEqual([{ kind: 'kdf-upgraded', from: 500, to: 2_000 }]);

    const after = stored(area);
    expect(after.kdf.iterations).toBe(2_000);
    expect(after.kdf.salt).not.toBe(before.kdf.salt);
    expect(after.wrappedKey).not.toEqual(before.wrappedKey);
    expect(after.records).toEqual(before.records);
    expect(after.keyCheck).toEqual(before.keyCheck);
    // Snapshot before the migration: the old header is kept as the previous copy.
    expect(stored(area, PREVIOUS_KEY)).toEqual(before);
    expect(vault.rawKey()).toEqual(rawKey);
    expect((await vault.list()).records).toHaveLength(1);

    const again = await makeStore(area, { iterations: 2_000 }).store.unlock(PASSWORD);
    expect(again.notices).toEqual([]);
  });

  it('never lowers the iterations of a stronger vault', async () => {
    const { area, store } = makeStore(new MemoryArea(), { iterations: 2_000 });
    await store.create(PASSWORD);
    const before = area.dump();
    const vault = await makeStore(area, { iterations: 500 }).store.unlock(PASSWORD);
    expect(vault.notices).toEqual([]);
    expect(area.dump()).toBe(before);
  });

  it('still unlocks when the upgrade write fails, and reports it', async () => {
    const { area } = await lowIterationVault();
    const before = area.dump();
    area.failNextSet();
    const vault = await makeStore(area, { iterations: 2_000 }).store.unlock(PASSWORD);
    expect(vault.notices).toMatchObject([
      { kind: 'kdf-upgrade-failed', error: { code: 'storage-write-failed' } },
    ]);
    expect(area.dump()).toBe(before);
    expect((await vault.list()).records).toHaveLength(1);
  });

  it('does not upgrade on open(rawKey): only an unlock has the password', async () => {
    const { area, rawKey } = await lowIterationVault();
    const before = area.dump();
    await makeStore(area, { iterations: 2_000 }).store.open(rawKey);
    expect(area.dump()).toBe(before);
  });
});

describe('stored fixture: format 1, PBKDF2 310,000 (OWASP 2021)', () => {
  function fixtureArea(): MemoryArea {
    const area = new MemoryArea();
    for (const [key, value] of Object.entries(fixture)) area.poke(key, value);
    return area;
  }

  it('unlocks with the production defaults, upgrades the header to the current default, keeps every record', async () => {
    const area = fixtureArea();
    const vault = await new VaultStore(area).unlock('fixture password 2021');
    expect(vault.notices).toEqual([{ kind: 'kdf-upgraded', from: 310_000, to: DEFAULT_KDF_ITERATIONS }]);
    expect(stored(area).kdf.iterations).toBe(DEFAULT_KDF_ITERATIONS);
    expect(stored(area).records).toEqual(fixture.vault.records);
    expect(stored(area, PREVIOUS_KEY)).toEqual(fixture.vault);

    const at = 1_640_995_200_000;
    expect(await vault.list()).toEqual({
      damaged: [],
      records: [
        {
          id: 'fixture-1',
          type: 'account',
          kind: 'totp',
          secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
          counter: 0,
          issuer: 'GitHub',
          label: 'someone@example.com',
          sites: ['github.com'],
          createdAt: at,
          updatedAt: at,
        },
        {
          id: 'fixture-2',
          type: 'appPassword',
          provider: 'Google',
          accountEmail: 'someone@gmail.com',
          password: 'qwer tyui opas dfgh',
          site: 'accounts.google.com',
          createdAt: at,
          updatedAt: at,
        },
        {
          id: 'fixture-3',
          type: 'recoveryCode',
          provider: 'GitHub',
          accountEmail: 'someone@example.com',
          code: '4f1d-93ab',
          site: 'github.com',
          createdAt: at,
          updatedAt: at,
        },
      ],
    });

    // The upgraded vault opens with the same password and no further upgrade.
    const again = await new VaultStore(area).unlock('fixture password 2021');
    expect(again.notices).toEqual([]);
  });
});
