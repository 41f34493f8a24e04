/** Public API of `lib/otp`: other code imports only from here (style.md §2). */

export { base32ToBytes, bytesToBase32, normaliseSecret } from './base32';
export {
  InvalidSecretError,
  InvalidUriError,
  MigrationUriError,
  MissingParameterError,
  NotOtpauthUriError,
  OtpError,
  type OtpErrorCode,
  UnsupportedParameterError,
} from './errors';
export {
  MAX_DIGITS,
  MAX_NAME_LENGTH,
  MAX_SECRET_BYTES,
  MIN_DIGITS,
  MIN_SECRET_BYTES,
  MIN_TYPED_SECRET_BYTES,
} from './fields';
export { currentStep, generateCode, secondsRemaining } from './generate';
export { draftFromManualEntry, type ManualEntry } from './manual';
export { formatOtpauthUri, MAX_URI_LENGTH, parseOtpauthUri } from './otpauth-uri';
export type { AccountDraft, HashAlgorithm, OtpKind, OtpParams } from './types';
