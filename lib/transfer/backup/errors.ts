/**
 * The one error type of TwoStep's own backup file (docs/backup-format.md). Like `ImportError`, it
 * carries a stable `code` the UI and the messaging layer switch on (class identity does not cross
 * contexts), and a message that says what was expected and what was found. Messages never contain
 * the password, a secret, a code or a ciphertext.
 */

export type BackupErrorCode =
  /**
   * AES-GCM authentication failed. With GCM alone a wrong password and a file altered after it was
   * made (ciphertext, or any header field: they are all associated data) cannot be told apart.
   */
  | 'BACKUP_WRONG_PASSWORD'
  /** Not a TwoStep backup, truncated, malformed, or a header value outside what version 1 allows. */
  | 'BACKUP_DAMAGED'
  /** `version` is greater than this TwoStep reads: the file was made by a newer TwoStep. */
  | 'BACKUP_NEWER_VERSION'
  /** Sealing with a password shorter than `MIN_PASSWORD_LENGTH` (the vault's own minimum). */
  | 'BACKUP_WEAK_PASSWORD'
  /** Sealing contents that `openBackup` would refuse (a caller bug: vault records are validated). */
  | 'BACKUP_INVALID_CONTENTS';

export class BackupError extends Error {
  override readonly name = 'BackupError';
  constructor(
    readonly code: BackupErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
