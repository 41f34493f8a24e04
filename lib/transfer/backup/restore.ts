/**
 * Restore merges, it never replaces (docs/backup-format.md, "Restoring"): a pure plan of what to add
 * and which few fields of existing records to move forward. Nothing existing is removed, and the only
 * changes to existing records are the two that keep codes safe:
 *
 * - an HOTP counter only ever goes up, because a counter value once used must never produce a code
 *   again (RFC 4226 §7.2: the server refuses codes at or behind its counter);
 * - a recovery code replaced by a newer one is marked superseded, never deleted, as when a newer
 *   code is captured (lib/background/session.ts `supersedeOlder`; microsoft-pages.md §2.7).
 *
 * "Already there" is `findDuplicate`, the rule capture uses: same secret and kind, same code, same
 * password.
 */
import { findDuplicate } from '../../background/capture';
import type { NewRecord, RecoveryCodeRecord, VaultRecord } from '../../vault/types';
import type { BackupAccount, BackupAppPassword, BackupContents, BackupRecoveryCode } from './contents';

export interface RestorePlan {
  /** Backup entries the vault does not hold yet, in backup order: one `UnlockedVault.addMany` call. */
  add: NewRecord[];
  /** Backup entries left out because the vault (or an earlier entry of the backup) already holds them. */
  duplicates: number;
  /** Existing HOTP accounts whose backup copy has moved further: `update(id, { counter })`. */
  counterUpdates: Array<{ id: string; counter: number }>;
  /** Existing current recovery codes the backup shows were replaced: `update(id, { supersededAt })`. */
  supersede: Array<{ id: string; supersededAt: number }>;
}

type NewRecoveryCode = Extract<NewRecord, { type: 'recoveryCode' }>;

function accountRecord(entry: BackupAccount): NewRecord {
  const { createdAt: _created, ...fields } = entry;
  return { type: 'account', ...fields, sites: [...entry.sites] };
}

function appPasswordRecord(entry: BackupAppPassword): NewRecord {
  const { createdAt: _created, ...fields } = entry;
  return { type: 'appPassword', ...fields };
}

function recoveryCodeRecord(entry: BackupRecoveryCode): NewRecoveryCode {
  const { createdAt: _created, ...fields } = entry;
  return { type: 'recoveryCode', ...fields };
}

const sameAccount = (a: { provider: string; accountEmail: string }, b: typeof a) =>
  a.provider === b.provider && a.accountEmail === b.accountEmail;

/** Keeps the earliest time: the first newer code is the one that replaced the old one. */
function setEarliest(map: Map<string, number>, id: string, at: number): void {
  const known = map.get(id);
  if (known === undefined || at < known) map.set(id, at);
}

/**
 * Plans restoring `contents` into a vault holding `existing`. Pure: the caller applies the plan
 * (`addMany(plan.add)`, then the updates), so a preview can show it first.
 */
export function planRestore(existing: readonly VaultRecord[], contents: BackupContents): RestorePlan {
  // The vault as it will be: existing records plus stand-ins for planned ones, so a backup holding
  // the same entry twice adds it once. Stand-ins map back to the record that will be added.
  const pool: VaultRecord[] = [...existing];
  const planned = new Map<VaultRecord, NewRecord>();
  const add: NewRecord[] = [];
  const counters = new Map<string, number>();
  const superseded = new Map<string, number>();
  /** Existing recovery codes the backup also holds, with the backup's copy (its dates are its own). */
  const backupCopy = new Map<string, BackupRecoveryCode>();
  const newCodes: Array<{ record: NewRecoveryCode; createdAt: number }> = [];
  let duplicates = 0;

  /** Adds `record` unless already there; returns the record it duplicates, if any. */
  const offer = (record: NewRecord, createdAt: number): VaultRecord | undefined => {
    const duplicate = findDuplicate(pool, record);
    if (duplicate) {
      duplicates++;
      return duplicate;
    }
    const standIn = {
      ...record,
      id: `planned-${add.length}`,
      createdAt,
      updatedAt: createdAt,
    } as VaultRecord;
    pool.push(standIn);
    planned.set(standIn, record);
    add.push(record);
    return undefined;
  };

  for (const entry of contents.accounts) {
    const duplicate = offer(accountRecord(entry), entry.createdAt);
    if (duplicate?.type !== 'account' || duplicate.kind !== 'hotp') continue;
    const target = planned.get(duplicate);
    if (target?.type === 'account') target.counter = Math.max(target.counter, entry.counter);
    else if (!target && entry.counter > Math.max(duplicate.counter, counters.get(duplicate.id) ?? 0))
      counters.set(duplicate.id, entry.counter);
  }

  for (const entry of contents.appPasswords) offer(appPasswordRecord(entry), entry.createdAt);

  for (const entry of contents.recoveryCodes) {
    const record = recoveryCodeRecord(entry);
    const duplicate = offer(record, entry.createdAt);
    if (!duplicate) {
      newCodes.push({ record, createdAt: entry.createdAt });
      continue;
    }
    if (duplicate.type !== 'recoveryCode' || planned.has(duplicate)) continue;
    if (!backupCopy.has(duplicate.id)) backupCopy.set(duplicate.id, entry);
    // The backup saw this code replaced by a newer one the vault may never have seen.
    if (duplicate.supersededAt === undefined && entry.supersededAt !== undefined)
      setEarliest(superseded, duplicate.id, entry.supersededAt);
  }

  // A restored current code against each existing current code of the same account: the older one
  // is superseded. Codes the backup itself holds are compared by the backup's dates, because the
  // vault's `createdAt` is when the code reached this vault (a restore sets it to the restore time).
  const current = existing.filter(
    (r): r is RecoveryCodeRecord =>
      r.type === 'recoveryCode' && r.supersededAt === undefined && !superseded.has(r.id),
  );
  for (const { record, createdAt } of newCodes) {
    if (record.supersededAt !== undefined) continue;
    let replacedAt: number | undefined;
    for (const old of current.filter((r) => sameAccount(r, record))) {
      const oldCreatedAt = backupCopy.get(old.id)?.createdAt ?? old.createdAt;
      if (oldCreatedAt < createdAt) setEarliest(superseded, old.id, createdAt);
      else replacedAt = Math.min(replacedAt ?? oldCreatedAt, oldCreatedAt);
    }
    if (replacedAt !== undefined) record.supersededAt = replacedAt;
  }

  return {
    add,
    duplicates,
    counterUpdates: [...counters].map(([id, counter]) => ({ id, counter })),
    supersede: [...superseded].map(([id, supersededAt]) => ({ id, supersededAt })),
  };
}
