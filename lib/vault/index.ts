/** Public API of the vault. Everything else in lib/vault is an implementation detail. */

export {
  type Bytes,
  DEFAULT_KDF_ITERATIONS,
  /** Strict padded base64 → bytes, for the raw key kept in `storage.session`. */
  fromBase64 as base64ToBytes,
  toBase64 as bytesToBase64,
} from './crypto';
export {
  CURRENT_VERSION,
  DAMAGED_KEY,
  type Envelope,
  PREVIOUS_KEY,
  readEnvelope,
  VAULT_FORMAT,
  VAULT_KEY,
} from './envelope';
export {
  CorruptVaultError,
  InvalidRecordError,
  NoVaultError,
  PasswordTooShortError,
  RecordDamagedError,
  RecordNotFoundError,
  StorageWriteError,
  UnsupportedVaultVersionError,
  VaultError,
  type VaultErrorCode,
  VaultExistsError,
  WrongKeyError,
  WrongPasswordError,
} from './errors';
export { MIN_PASSWORD_LENGTH } from './keys';
export type {
  AppPasswordRecord,
  DamagedRecord,
  NewRecord,
  OtpAccountRecord,
  RecoveryCodeRecord,
  StorageArea,
  VaultRecord,
  VaultRecordKind,
} from './types';
export { type RecordPatch, UnlockedVault, type VaultListing, type VaultNotice } from './unlocked';
export { VaultStore, type VaultStoreOptions } from './vault';
