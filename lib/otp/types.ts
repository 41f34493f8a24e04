/** The strict account shape every input (URI, manual form, later importers) is normalised into. */

export type OtpKind = 'totp' | 'hotp' | 'steam';
export type HashAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** What an account needs to compute codes, plus how to show it. No raw formats reach the OTP code. */
export interface OtpParams {
  kind: OtpKind;
  /** Canonical base32 (RFC 4648), upper case, no padding, no separators. Never empty. */
  secret: string;
  algorithm: HashAlgorithm;
  /** 1–10 for TOTP/HOTP; always 5 for Steam. */
  digits: number;
  /** Seconds per step for TOTP and Steam (positive integer); unused by HOTP (kept at 30). */
  period: number;
  /** HOTP moving factor (RFC 4226 §5.2); 0 for TOTP/Steam. */
  counter: number;
}

/** An account as parsed from an `otpauth://` URI or the manual form, before it gets an id. */
export interface AccountDraft extends OtpParams {
  /** Who issues the code ("Microsoft", "GitHub"); may be empty. */
  issuer: string;
  /** The account name ("someone@outlook.com"); may be empty. */
  label: string;
  /**
   * The label's prefix when it differs from the `issuer` parameter: Microsoft work/school URIs have
   * label `Contoso:user` with `issuer=Microsoft` (microsoft-pages.md §4), so "Contoso" is kept here.
   */
  organisation?: string;
}
