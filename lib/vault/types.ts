import type { AccountDraft } from '../otp/types';

/** Every record carries an id and timestamps; the vault stores three kinds from the start. */
interface RecordBase {
  id: string;
  createdAt: number;
  updatedAt: number;
}

export interface OtpAccountRecord extends RecordBase, AccountDraft {
  type: 'account';
  /** Hosts or registrable domains this account's code may be filled on (filled by the page issue). */
  sites: string[];
}

export interface AppPasswordRecord extends RecordBase {
  type: 'appPassword';
  provider: string;
  accountEmail: string;
  password: string;
  site: string;
}

export interface RecoveryCodeRecord extends RecordBase {
  type: 'recoveryCode';
  provider: string;
  accountEmail: string;
  code: string;
  site: string;
  /**
   * Set when a newer recovery code was saved for the same account: generating a new code voids the
   * old one (microsoft-pages.md §2.7), but the old one is kept, never deleted.
   */
  supersededAt?: number;
}

export type VaultRecord = OtpAccountRecord | AppPasswordRecord | RecoveryCodeRecord;
export type VaultRecordKind = VaultRecord['type'];

/** What a caller hands to `add`: the vault assigns id and timestamps. */
export type NewRecord =
  | Omit<OtpAccountRecord, 'id' | 'createdAt' | 'updatedAt'>
  | Omit<AppPasswordRecord, 'id' | 'createdAt' | 'updatedAt'>
  | Omit<RecoveryCodeRecord, 'id' | 'createdAt' | 'updatedAt'>;

/** A stored record that could not be decrypted or validated: reported, kept in storage, never dropped. */
export interface DamagedRecord {
  id: string;
  type: string;
  reason: string;
}

/** The minimal slice of `browser.storage.local` the vault needs; tests pass an in-memory fake. */
export interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}
