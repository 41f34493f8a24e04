/**
 * The plain otpauth list: one key URI per line, nothing else. It is the lowest common denominator
 * of authenticator apps (peers.md §4.5: Authenticator's "standard" backup; Aegis and 2FAS import such
 * lists too), so there is no header or comment line another app could trip over. Every URI is written
 * by `formatOtpauthUri`, so `parseOtpauthUri` reads each line back to the same account (within the
 * lossiness that function documents). The file is unencrypted: the UI must say so before saving.
 */
import { formatOtpauthUri } from '../../otp';
import type { AccountDraft } from '../../otp/types';

/**
 * One `otpauth://` URI per account, in the given order, each line ending in LF (so the file ends
 * with a newline; an empty list gives an empty file). Vault records (`OtpAccountRecord`) can be
 * passed as they are: only the draft fields are written, not the bound sites.
 *
 * @throws {OtpError} from `formatOtpauthUri` when an account cannot be written as a URI (for
 *   instance a label with an unpaired surrogate); nothing is returned then, never a partial list.
 */
export function formatOtpauthList(accounts: readonly AccountDraft[]): string {
  return accounts.map((account) => `${formatOtpauthUri(account)}\n`).join('');
}
