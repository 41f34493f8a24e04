import { describe, expect, it } from 'vitest';
import {
  type BackupContents,
  backupContentsFromRecords,
  planRestore,
  type RestorePlan,
} from '../../../../lib/transfer/backup';
import type { NewRecord, VaultRecord } from '../../../../lib/vault/types';
import { account, appPassword, everyKind, recoveryCode, SECRETS } from './fixtures';

/** What the vault would be asked to add for `record` (it assigns id and timestamps itself). */
function asNew(record: VaultRecord): NewRecord {
  const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = record;
  return rest as NewRecord;
}

const backupOf = (...records: VaultRecord[]): BackupContents => backupContentsFromRecords(records);
const nothingElse = { counterUpdates: [], supersede: [] };

function plan(existing: VaultRecord[], contents: BackupContents): RestorePlan {
  const before = structuredClone(existing);
  const result = planRestore(existing, contents);
  // Pure: the vault's records are never touched, only a plan is returned.
  expect(existing).toEqual(before);
  return result;
}

describe('planRestore', () => {
  it('into an empty vault adds everything, in backup order, with every field', () => {
    const records = everyKind();
    expect(plan([], backupOf(...records))).toEqual({
      add: [
        ...records.filter((r) => r.type === 'account'),
        ...records.filter((r) => r.type === 'appPassword'),
        ...records.filter((r) => r.type === 'recoveryCode'),
      ].map(asNew),
      duplicates: 0,
      ...nothingElse,
    });
  });

  it('adds nothing when the vault already holds everything (restoring the same backup twice)', () => {
    const records = everyKind();
    expect(plan(records, backupOf(...records))).toEqual({
      add: [],
      duplicates: records.length,
      ...nothingElse,
    });
  });

  it('is idempotent: applying the plan, then planning the same backup again, changes nothing', () => {
    const vault: VaultRecord[] = [
      recoveryCode({ id: 'r-old', code: 'VAULT-ONLYV-AULTO-NLYVA-ULTON', createdAt: 50 }),
      account({ id: 'h', kind: 'hotp', secret: SECRETS.hotp, counter: 1 }),
    ];
    const backup = backupOf(...everyKind()); // its HOTP account has counter 42
    const first = plan(vault, backup);
    expect(first.counterUpdates).toEqual([{ id: 'h', counter: 42 }]);
    expect(first.supersede).toEqual([{ id: 'r-old', supersededAt: 1_700_000_900_000 }]);
    // Apply it the way the background will: addMany, then the updates.
    const applied = vault.map((r) => {
      const counter = first.counterUpdates.find((u) => u.id === r.id)?.counter;
      const supersededAt = first.supersede.find((u) => u.id === r.id)?.supersededAt;
      return {
        ...r,
        ...(counter !== undefined && { counter }),
        ...(supersededAt !== undefined && { supersededAt }),
      };
    }) as VaultRecord[];
    for (const [i, r] of first.add.entries())
      applied.push({ ...r, id: `n${i}`, createdAt: 9e12, updatedAt: 9e12 } as VaultRecord);
    expect(plan(applied, backup)).toEqual({ add: [], duplicates: 8, ...nothingElse });
  });

  it('an empty backup changes nothing', () => {
    expect(plan(everyKind(), backupOf())).toEqual({ add: [], duplicates: 0, ...nothingElse });
  });

  it('mixed: adds only what is missing; duplicates follow findDuplicate (secret+kind, code, password)', () => {
    const existing = [
      account({ id: 'a1', issuer: 'Renamed', sites: [] }),
      appPassword({ id: 'p1' }),
      recoveryCode({ id: 'r1' }),
    ];
    const sameSecretOtherKind = account({ id: 'b1', kind: 'hotp', counter: 3 });
    const newAccount = account({ id: 'b2', secret: SECRETS.hotp, issuer: 'New' });
    const newPassword = appPassword({ id: 'b3', password: 'zzzzyyyyxxxxwwww' });
    const result = plan(
      existing,
      backupOf(
        account({ id: 'b0' }), // same secret and kind as a1, other names and sites: a duplicate
        sameSecretOtherKind,
        newAccount,
        appPassword({ id: 'b4', accountEmail: 'other@gmail.example' }), // same password: a duplicate
        newPassword,
        recoveryCode({ id: 'b5', site: 'login.live.com' }), // same code: a duplicate
      ),
    );
    expect(result).toEqual({
      add: [asNew(sameSecretOtherKind), asNew(newAccount), asNew(newPassword)],
      duplicates: 3,
      ...nothingElse,
    });
  });

  it('adds an entry the backup holds twice only once', () => {
    const result = plan([], backupOf(account({ id: 'x' }), account({ id: 'y', label: 'copy' })));
    expect(result.add).toEqual([asNew(account())]);
    expect(result.duplicates).toBe(1);
  });

  describe('HOTP counters only move forward', () => {
    const stored = account({ id: 'h1', kind: 'hotp', secret: SECRETS.hotp, counter: 10 });
    it.each([
      [11, [{ id: 'h1', counter: 11 }]],
      [500, [{ id: 'h1', counter: 500 }]],
      [10, []],
      [3, []],
    ])('backup counter %i against stored 10', (counter, updates) => {
      const result = plan([stored], backupOf({ ...stored, id: 'b', counter }));
      expect(result).toEqual({ add: [], duplicates: 1, counterUpdates: updates, supersede: [] });
    });

    it('keeps the highest when the backup holds the account twice', () => {
      const twice = backupOf({ ...stored, id: 'b1', counter: 30 }, { ...stored, id: 'b2', counter: 20 });
      expect(plan([stored], twice).counterUpdates).toEqual([{ id: 'h1', counter: 30 }]);
      const added = plan(
        [],
        backupOf({ ...stored, id: 'b1', counter: 20 }, { ...stored, id: 'b2', counter: 30 }),
      );
      expect(added.add).toEqual([{ ...asNew(stored), counter: 30 }]);
    });

    it('never touches a TOTP counter', () => {
      const totp = account({ id: 't1' });
      expect(plan([totp], backupOf({ ...totp, counter: 9 })).counterUpdates).toEqual([]);
    });
  });

  describe('recovery codes', () => {
    const older = recoveryCode({ id: 'old', code: 'OLDOL-DOLDO-LDOLD-OLDOL-DOLDO', createdAt: 100 });
    const newer = recoveryCode({ id: 'new', code: 'NEWNE-WNEWN-EWNEW-NEWNE-WNEWN', createdAt: 200 });

    it('a newer code in the backup supersedes the vault’s current one (kept, not deleted)', () => {
      expect(plan([older], backupOf(newer))).toEqual({
        add: [asNew(newer)],
        duplicates: 0,
        counterUpdates: [],
        supersede: [{ id: 'old', supersededAt: 200 }],
      });
    });

    it('an older code from the backup is added already superseded by the vault’s newer one', () => {
      expect(plan([newer], backupOf(older))).toEqual({
        add: [{ ...asNew(older), supersededAt: 200 }],
        duplicates: 0,
        ...nothingElse,
      });
    });

    it('the backup’s history wins over the vault’s dates for codes both hold', () => {
      // The vault got `old` by an earlier restore, so its createdAt is that restore's time (900),
      // later than `new` (200). The backup knows `old` was replaced by `new` at 200.
      const restoredEarlier = { ...older, createdAt: 900 };
      expect(plan([restoredEarlier], backupOf({ ...older, supersededAt: 200 }, newer))).toEqual({
        add: [asNew(newer)],
        duplicates: 1,
        counterUpdates: [],
        supersede: [{ id: 'old', supersededAt: 200 }],
      });
    });

    it('keeps superseded codes from the backup as superseded', () => {
      const history = backupOf({ ...older, supersededAt: 200 }, newer);
      expect(plan([], history)).toEqual({
        add: [{ ...asNew(older), supersededAt: 200 }, asNew(newer)],
        duplicates: 0,
        ...nothingElse,
      });
    });

    it('leaves codes of other accounts or providers, and already superseded codes, alone', () => {
      const otherAccount = { ...older, id: 'o1', accountEmail: 'lee@outlook.example' };
      const otherProvider = { ...older, id: 'o2', code: 'PROVI-DERPR-OVIDE-RPROV-IDERP', provider: 'github' };
      const alreadyOld = { ...older, id: 'o3', code: 'ALREA-DYALR-EADYA-LREAD-YALRE', supersededAt: 150 };
      expect(plan([otherAccount, otherProvider, alreadyOld], backupOf(newer))).toEqual({
        add: [asNew(newer)],
        duplicates: 0,
        ...nothingElse,
      });
    });

    it('a code already in the vault is not added again, even if the backup’s copy differs in site', () => {
      expect(plan([older], backupOf({ ...older, id: 'b', site: 'login.live.com' }))).toEqual({
        add: [],
        duplicates: 1,
        ...nothingElse,
      });
    });
  });
});
