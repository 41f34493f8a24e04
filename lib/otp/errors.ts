/**
 * Errors thrown by `lib/otp`. One base class so callers can catch "anything the OTP code rejected"
 * with a single `instanceof OtpError`; subclasses for what the UI must explain differently. Every
 * message says what was expected and what was found (style.md §1.7). Messages never echo a secret.
 */

/** Stable machine-readable codes: the UI and the messaging layer switch on these, not on messages. */
export type OtpErrorCode =
  | 'OTP_ERROR'
  | 'OTP_INVALID_URI'
  | 'OTP_NOT_OTPAUTH'
  | 'OTP_MIGRATION_URI'
  | 'OTP_INVALID_SECRET'
  | 'OTP_MISSING_PARAMETER'
  | 'OTP_UNSUPPORTED_PARAMETER';

/** Base class of every error `lib/otp` throws on purpose. */
export class OtpError extends Error {
  readonly code: OtpErrorCode = 'OTP_ERROR';
  override readonly name: string = 'OtpError';
}

/** The text is not a well-formed key URI (bad percent-encoding, too long, no `//`, …). */
export class InvalidUriError extends OtpError {
  override readonly code: OtpErrorCode = 'OTP_INVALID_URI';
  override readonly name: string = 'InvalidUriError';
}

/** The text is not an `otpauth://` (or `steam://`) URI at all, e.g. a plain link or a Microsoft app QR. */
export class NotOtpauthUriError extends InvalidUriError {
  override readonly code: OtpErrorCode = 'OTP_NOT_OTPAUTH';
  override readonly name: string = 'NotOtpauthUriError';
}

/**
 * `otpauth-migration://offline?data=…` is a Google Authenticator export holding many accounts
 * (peers.md §4.1). It has its own decoder; the UI should offer the batch import instead.
 */
export class MigrationUriError extends InvalidUriError {
  override readonly code: OtpErrorCode = 'OTP_MIGRATION_URI';
  override readonly name: string = 'MigrationUriError';
}

/** The secret has illegal characters, an impossible base32 length, or a key size we cannot use. */
export class InvalidSecretError extends OtpError {
  override readonly code: OtpErrorCode = 'OTP_INVALID_SECRET';
  override readonly name: string = 'InvalidSecretError';
}

/** A required parameter is absent: `secret` always, `counter` for HOTP (RFC 4226 §5.2 needs it). */
export class MissingParameterError extends OtpError {
  override readonly code: OtpErrorCode = 'OTP_MISSING_PARAMETER';
  override readonly name: string = 'MissingParameterError';
  /** The parameter's name as it appears in the URI (`secret`, `counter`, `digits`, …). */
  readonly parameter: string;
  constructor(parameter: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.parameter = parameter;
  }
}

/** A parameter is present but its value is outside what we support (type, algorithm, digits, …). */
export class UnsupportedParameterError extends OtpError {
  override readonly code: OtpErrorCode = 'OTP_UNSUPPORTED_PARAMETER';
  override readonly name: string = 'UnsupportedParameterError';
  /** The parameter's name as it appears in the URI (`secret`, `counter`, `digits`, …). */
  readonly parameter: string;
  constructor(parameter: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.parameter = parameter;
  }
}
