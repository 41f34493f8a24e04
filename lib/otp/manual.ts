/**
 * The "enter a setup key" form: the same validation and defaults as the key URI (`params.ts`), so a
 * key typed by hand and the same key scanned from a QR give the same account.
 */
import { checkName, parseAlgorithm } from './fields';
import { buildParams } from './params';
import type { AccountDraft, OtpKind } from './types';

export interface ManualEntry {
  issuer: string;
  label: string;
  /** As shown or pasted: spaces, NBSP, dashes, lower case and `=` padding are all fine. */
  secret: string;
  /** Defaults to `totp`. */
  kind?: OtpKind | undefined;
  /** SHA1 (default), SHA256 or SHA512, in any case, with or without a dash. */
  algorithm?: string | undefined;
  /** 1–10, default 6; Steam always uses 5. */
  digits?: number | undefined;
  /** Seconds, default 30; Steam always uses 30; HOTP ignores it. */
  period?: number | undefined;
  /** Required for HOTP (what the issuer's counter is now, usually 0); ignored otherwise. */
  counter?: number | undefined;
  /**
   * Work/school tenant name, e.g. from Microsoft's "Account name: Contoso: user@contoso.com" line
   * (microsoft-pages.md §4). Kept only when it differs from the issuer, as the URI parser does.
   */
  organisation?: string | undefined;
}

/**
 * Validates a manual entry into a draft. Names are trimmed; Steam forces SHA1, 5 digits and 30 s.
 *
 * @throws {OtpError} (`InvalidSecretError`, `UnsupportedParameterError`, `MissingParameterError`).
 */
export function draftFromManualEntry(
  entry: ManualEntry,
  { typed = true }: { typed?: boolean } = {},
): AccountDraft {
  const kind = entry.kind ?? 'totp';
  const algorithm =
    kind === 'steam' || entry.algorithm === undefined ? undefined : parseAlgorithm(entry.algorithm);
  const params = buildParams({
    kind,
    secret: entry.secret,
    algorithm,
    digits: entry.digits,
    period: entry.period,
    counter: entry.counter,
    typed,
  });
  const issuer = checkName('issuer', entry.issuer);
  const label = checkName('account name', entry.label);
  const organisation = checkName('organisation', entry.organisation ?? '');
  const differs = issuer !== '' && organisation !== '' && organisation.toLowerCase() !== issuer.toLowerCase();
  return differs ? { ...params, issuer, label, organisation } : { ...params, issuer, label };
}
