/**
 * Typed vault errors (style.md §1.7): one base class, one subclass per situation the UI must tell
 * apart, each with a stable `code` that survives messaging (class identity does not cross contexts)
 * and a message that says what was expected and what was found. Decryption failures are never
 * turned into `null` (the Authenticator contrast, style.md §1.7).
 */

export type VaultErrorCode =
  | 'wrong-password'
  | 'wrong-key'
  | 'password-too-short'
  | 'corrupt-vault'
  | 'unsupported-vault-version'
  | 'vault-exists'
  | 'no-vault'
  | 'record-not-found'
  | 'record-damaged'
  | 'storage-write-failed'
  | 'invalid-record';

export abstract class VaultError extends Error {
  abstract readonly code: VaultErrorCode;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Explicit names: minified class names would make logs useless.
    this.name = 'VaultError';
  }
}

export class WrongPasswordError extends VaultError {
  readonly code = 'wrong-password';
  constructor(options?: { cause?: unknown }) {
    super('The password is wrong: it does not decrypt this vault. Nothing was changed.', options);
    this.name = 'WrongPasswordError';
  }
}

/** A raw data key (from `storage.session`) that does not belong to the stored vault. */
export class WrongKeyError extends VaultError {
  readonly code = 'wrong-key';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The saved session key does not open this vault (${detail}); unlock with the password.`, options);
    this.name = 'WrongKeyError';
  }
}

export class PasswordTooShortError extends VaultError {
  readonly code = 'password-too-short';
  constructor(
    readonly minimum: number,
    readonly found: number,
  ) {
    super(`The password must be at least ${minimum} characters long; it has ${found}.`);
    this.name = 'PasswordTooShortError';
  }
}

/** The stored envelope (or one of its header fields) cannot be read; `detail` says what was found. */
export class CorruptVaultError extends VaultError {
  readonly code = 'corrupt-vault';
  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`The stored vault is unreadable: ${detail}. Nothing was deleted or overwritten.`, options);
    this.name = 'CorruptVaultError';
  }
}

/**
 * Downgrade protection (peers.md §7: Authenticator #774/#779/#780, a downgrade broke decryption):
 * a vault written by a newer TwoStep is never rewritten by an older one.
 */
export class UnsupportedVaultVersionError extends VaultError {
  readonly code = 'unsupported-vault-version';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      found > supported
        ? `The vault was written by a newer TwoStep (format version ${found}; this version reads up to ${supported}). Update TwoStep; the vault was left untouched.`
        : `The vault uses format version ${found}, which this TwoStep has no migration for (current version ${supported}). The vault was left untouched.`,
    );
    this.name = 'UnsupportedVaultVersionError';
  }
}

export class VaultExistsError extends VaultError {
  readonly code = 'vault-exists';
  constructor() {
    super('A vault already exists in this browser profile; it was not overwritten. Unlock it instead.');
    this.name = 'VaultExistsError';
  }
}

export class NoVaultError extends VaultError {
  readonly code = 'no-vault';
  constructor() {
    super('No vault exists yet in this browser profile; create one first.');
    this.name = 'NoVaultError';
  }
}

export class RecordNotFoundError extends VaultError {
  readonly code = 'record-not-found';
  constructor(readonly id: string) {
    super(`No record with id "${id}" is in the vault.`);
    this.name = 'RecordNotFoundError';
  }
}

/** The record exists but failed authentication or validation (it is kept in storage, see `list`). */
export class RecordDamagedError extends VaultError {
  readonly code = 'record-damaged';
  constructor(
    readonly id: string,
    readonly reason: string,
  ) {
    super(`The record "${id}" is damaged and cannot be read or changed: ${reason}.`);
    this.name = 'RecordDamagedError';
  }
}

export class StorageWriteError extends VaultError {
  readonly code = 'storage-write-failed';
  constructor(options: { cause: unknown }) {
    const why = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`Saving the vault failed (${why}); nothing was changed.`, options);
    this.name = 'StorageWriteError';
  }
}

export class InvalidRecordError extends VaultError {
  readonly code = 'invalid-record';
  constructor(readonly detail: string) {
    super(`The record is invalid: ${detail}. Nothing was saved.`);
    this.name = 'InvalidRecordError';
  }
}
