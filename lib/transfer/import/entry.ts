/**
 * Turning one entry of a foreign format into a draft, or a skip reason: every importer goes through
 * `draftFromManualEntry`, so an imported account is validated exactly like a typed or scanned one.
 */
import { draftFromManualEntry, type ManualEntry, OtpError } from '../../otp/index';
import type { ImportedAccount, SkippedEntry } from './types';

/** "Issuer (account)", "Issuer", "account" or "(unnamed)": how the preview names an entry. */
export function entryName(issuer: string | undefined, account: string | undefined): string {
  const i = (issuer ?? '').trim();
  const a = (account ?? '').trim();
  if (i !== '' && a !== '') return `${i} (${a})`;
  return i || a || '(unnamed)';
}

/**
 * Validates one entry. OTP validation errors become a skip with the validator's message (which never
 * echoes the secret); any other error is a bug and is rethrown.
 */
export function toImported(
  entry: ManualEntry,
  sites?: string[],
): { account: ImportedAccount } | { skipped: SkippedEntry } {
  try {
    // Keys from an export are taken as they are (fields.ts MIN_SECRET_BYTES), not as typed keys.
    const draft = draftFromManualEntry(entry, { typed: false });
    return { account: sites !== undefined && sites.length > 0 ? { draft, sites } : { draft } };
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    return { skipped: { name: entryName(entry.issuer, entry.label), reason: error.message } };
  }
}

/** Collects `toImported` results into the two lists of an `ImportResult`. */
export class ResultBuilder {
  readonly accounts: ImportedAccount[] = [];
  readonly skipped: SkippedEntry[] = [];
  add(entry: ManualEntry, sites?: string[]): void {
    const result = toImported(entry, sites);
    if ('account' in result) this.accounts.push(result.account);
    else this.skipped.push(result.skipped);
  }
  skip(name: string, reason: string): void {
    this.skipped.push({ name, reason });
  }
}
