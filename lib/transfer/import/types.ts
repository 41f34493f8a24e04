/**
 * The contract every importer follows (issue 4). An importer reads one file or text of one format
 * and returns every account it holds as a validated `AccountDraft`, or throws one `ImportError`:
 * a file-level problem (wrong password, truncated, not this format) imports nothing at all. Entries
 * of kinds TwoStep cannot compute (mOTP, Yandex, Battle.net, …) or with an unusable secret are
 * listed in `skipped` with a reason, so the preview can say so (corpus README, "Comparing accounts" 4).
 */
import type { AccountDraft } from '../../otp/types';

export type ImportFormat =
  | 'otpauth-list'
  | 'google-migration'
  | 'aegis'
  | '2fas'
  | 'andotp'
  | 'bitwarden'
  | 'bitwarden-csv'
  | 'authenticator-extension'
  | 'freeotp-plus'
  | 'raivo'
  | 'proton'
  | 'ente'
  | 'twostep-backup';

export interface ImportedAccount {
  draft: AccountDraft;
  /** Sites the source names for this account (Bitwarden `login.uris`): offered as bindings. */
  sites?: string[];
}

export interface SkippedEntry {
  /** What the user would recognise: "Issuer (account)" or the entry's name; never the secret. */
  name: string;
  /** Why it was left out, in plain words ("mOTP codes are not supported"). */
  reason: string;
}

/** Google Authenticator splits large exports over several QR codes (peers.md §4.1). */
export interface MigrationBatch {
  id: number;
  /** 0-based. */
  index: number;
  size: number;
}

export interface ImportResult {
  format: ImportFormat;
  accounts: ImportedAccount[];
  skipped: SkippedEntry[];
  /** Present for a Google migration payload that is one part of a multi-QR export. */
  batch?: MigrationBatch;
}

/** What detection and reading get: the raw bytes, plus the text and JSON when they parse. */
export interface ImportInput {
  bytes: Uint8Array;
  /** The bytes as UTF-8 (BOM removed), or `undefined` when they are not valid UTF-8. */
  text: string | undefined;
  /** `JSON.parse(text)` when that succeeds, else `undefined`. */
  json: unknown;
  /** The file's name when the user picked a file (only a hint; content decides). */
  fileName?: string | undefined;
}

export interface Importer {
  format: ImportFormat;
  /** Human name for the preview: "Aegis", "2FAS", "Google Authenticator export". */
  label: string;
  /** Cheap, synchronous, never throws: true when the input has this format's shape. */
  detect(input: ImportInput): boolean;
  /** True when this particular input is encrypted and needs a password to read. */
  needsPassword(input: ImportInput): boolean;
  /**
   * @throws {ImportError} for every failure (callers never see another error type from a reader).
   */
  read(input: ImportInput, password?: string): Promise<ImportResult>;
}

export type ImportErrorCode =
  /** No importer recognises the content. */
  | 'IMPORT_UNKNOWN_FORMAT'
  /** The file is encrypted and no password was given. */
  | 'IMPORT_PASSWORD_REQUIRED'
  /** The password does not open the file (authentication tag / validation value mismatch). */
  | 'IMPORT_WRONG_PASSWORD'
  /** The file is of a known format but truncated, malformed or internally inconsistent. */
  | 'IMPORT_DAMAGED'
  /** A known format in a variant TwoStep cannot read (Bitwarden account-restricted export, …). */
  | 'IMPORT_UNSUPPORTED'
  /** The input is larger than any real export (bounds memory and time). */
  | 'IMPORT_TOO_LARGE';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    options?: { cause?: unknown; format?: ImportFormat },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.format = options?.format;
  }
  readonly format: ImportFormat | undefined;
}
