/**
 * What a backup holds once decrypted: every field TwoStep keeps about each record, minus what is
 * local to one vault (`id`, `updatedAt`, and `type`, which the list a record sits in already says).
 * Entries are validated with the vault's own record schemas (lib/vault/schemas.ts), so a backup can
 * only hold what the vault would store, and a restore can never fail on a record the backup accepted.
 */
import * as v from 'valibot';
import { validateRecord } from '../../vault/schemas';
import type {
  AppPasswordRecord,
  OtpAccountRecord,
  RecoveryCodeRecord,
  VaultRecord,
  VaultRecordKind,
} from '../../vault/types';
import { describeJson, isJsonObject } from './format';

/** Fields the vault assigns itself; a backup entry carrying one was not written by TwoStep. */
type VaultOnly = 'id' | 'type' | 'updatedAt';
const VAULT_ONLY: readonly VaultOnly[] = ['id', 'type', 'updatedAt'];

export type BackupAccount = Omit<OtpAccountRecord, VaultOnly>;
export type BackupAppPassword = Omit<AppPasswordRecord, VaultOnly>;
export type BackupRecoveryCode = Omit<RecoveryCodeRecord, VaultOnly>;

export interface BackupContents {
  accounts: BackupAccount[];
  appPasswords: BackupAppPassword[];
  recoveryCodes: BackupRecoveryCode[];
}

/** Stand-ins that satisfy the record schema for the fields a backup entry does not have. */
const STAND_IN = { id: 'backup-entry', updatedAt: 0 };

function accountEntry(r: OtpAccountRecord): BackupAccount {
  return {
    issuer: r.issuer,
    label: r.label,
    ...(r.organisation !== undefined && { organisation: r.organisation }),
    kind: r.kind,
    secret: r.secret,
    algorithm: r.algorithm,
    digits: r.digits,
    period: r.period,
    counter: r.counter,
    sites: [...r.sites],
    createdAt: r.createdAt,
  };
}

function appPasswordEntry(r: AppPasswordRecord): BackupAppPassword {
  return {
    provider: r.provider,
    accountEmail: r.accountEmail,
    password: r.password,
    site: r.site,
    createdAt: r.createdAt,
  };
}

function recoveryCodeEntry(r: RecoveryCodeRecord): BackupRecoveryCode {
  return {
    provider: r.provider,
    accountEmail: r.accountEmail,
    code: r.code,
    site: r.site,
    createdAt: r.createdAt,
    ...(r.supersededAt !== undefined && { supersededAt: r.supersededAt }),
  };
}

/** Everything in the vault, in storage order, as backup entries (superseded recovery codes included). */
export function backupContentsFromRecords(records: readonly VaultRecord[]): BackupContents {
  const contents: BackupContents = { accounts: [], appPasswords: [], recoveryCodes: [] };
  for (const record of records) {
    if (record.type === 'account') contents.accounts.push(accountEntry(record));
    else if (record.type === 'appPassword') contents.appPasswords.push(appPasswordEntry(record));
    else contents.recoveryCodes.push(recoveryCodeEntry(record));
  }
  return contents;
}

const ContainerSchema = v.strictObject({
  accounts: v.array(v.unknown(), 'expected an array'),
  appPasswords: v.array(v.unknown(), 'expected an array'),
  recoveryCodes: v.array(v.unknown(), 'expected an array'),
});

function containerMessage(issue: v.BaseIssue<unknown>): string {
  // Missing and unknown members are both `strict_object` issues; only a missing one is undefined.
  if (issue.received === 'undefined') return 'is missing';
  if (issue.type === 'strict_object') return 'is not a list of a version 1 backup';
  return `expected an array, got ${issue.received}`;
}

export type ContentsValidation = { ok: true; contents: BackupContents } | { ok: false; detail: string };

/**
 * Checks one entry by the vault's schema for its kind; `path` ("accounts[2]") prefixes the detail,
 * which names fields, never a secret's value (lib/vault/schemas.ts guarantees that).
 */
function checkEntry(kind: VaultRecordKind, entry: unknown, path: string): VaultRecord | string {
  if (!isJsonObject(entry)) return `${path}: expected an object, got ${describeJson(entry)}`;
  const reserved = VAULT_ONLY.find((key) => Object.hasOwn(entry, key));
  if (reserved) return `${path}.${reserved}: is not a field of a backup entry`;
  const result = validateRecord({ ...entry, ...STAND_IN, type: kind });
  return result.ok ? result.record : `${path}: ${result.detail}`;
}

/** Validates decrypted (or to-be-sealed) contents; the output holds only the documented fields. */
export function validateContents(input: unknown): ContentsValidation {
  const container = v.safeParse(ContainerSchema, input, { message: containerMessage });
  if (!container.success) {
    const issue = container.issues[0];
    const path = issue ? v.getDotPath(issue) : null;
    const detail = issue ? (path ? `${path}: ${issue.message}` : issue.message) : 'invalid';
    return {
      ok: false,
      detail: isJsonObject(input) ? detail : `expected an object, got ${describeJson(input)}`,
    };
  }
  const { accounts, appPasswords, recoveryCodes } = container.output;
  const contents: BackupContents = { accounts: [], appPasswords: [], recoveryCodes: [] };
  for (const [index, entry] of accounts.entries()) {
    const record = checkEntry('account', entry, `accounts[${index}]`);
    if (typeof record === 'string') return { ok: false, detail: record };
    if (record.type === 'account') contents.accounts.push(accountEntry(record));
  }
  for (const [index, entry] of appPasswords.entries()) {
    const record = checkEntry('appPassword', entry, `appPasswords[${index}]`);
    if (typeof record === 'string') return { ok: false, detail: record };
    if (record.type === 'appPassword') contents.appPasswords.push(appPasswordEntry(record));
  }
  for (const [index, entry] of recoveryCodes.entries()) {
    const record = checkEntry('recoveryCode', entry, `recoveryCodes[${index}]`);
    if (typeof record === 'string') return { ok: false, detail: record };
    if (record.type === 'recoveryCode') contents.recoveryCodes.push(recoveryCodeEntry(record));
  }
  return { ok: true, contents };
}
