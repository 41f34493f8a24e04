/**
 * Pure recognisers for the values the extension captures from page text: a manual TOTP key, a
 * Microsoft recovery code, an app password. Each returns the value to store or `null`; none throws
 * on any input (property-tested). They judge the text only: the caller supplies the context
 * (host/path, label, timing) that microsoft-pages.md §6 requires before anything is captured.
 */
// Only the pure normaliser: the content script uses this module and must not bundle otplib.
import { normaliseSecret } from '../otp/base32';
import { InvalidSecretError } from '../otp/errors';
import {
  APPLE_APP_PW,
  type AppPasswordProvider,
  BASE32_CLEAN,
  BASE32_GROUPED,
  BASE32_TOKEN,
  FASTMAIL_APP_PW,
  GOOGLE_APP_PW,
  MS_APP_PW,
  MS_RECOVERY,
  MS_SECRET_TEXT,
  YAHOO_APP_PW,
  ZOHO_ACCOUNT_HOSTS,
  ZOHO_APP_PW,
} from './patterns';

/** 128 key characters (§6) plus at most one separator per 2-character group, plus padding. */
const MAX_SECRET_TEXT = 200;
const SPACES = /[ \u00a0]/g;
const SEPARATORS = /[ \u00a0-]/;
/** A capitalised word ("Applications", "Thunderbird"): a label, not a generated password. */
const TITLE_WORD = /^[A-Z][a-z]+$/;

/** Group lengths all equal, except that the last may be shorter (a key whose length is not a multiple). */
function uniformGroups(text: string): boolean {
  const lengths = text
    .replace(/=+$/, '')
    .split(SEPARATORS)
    .map((g) => g.length);
  const first = lengths[0] ?? 0;
  return lengths.every((n, i) => n === first || (i === lengths.length - 1 && n < first));
}

/**
 * English words, not a key. Base32 keys are random: 16 characters lack any digit 2–7 only 3.6 % of
 * the time, and then ~19 % of their letters are vowels, while English text runs at ~38–45 %. With
 * no digit and ≥ 35 % vowels we say "words": this refuses "this time they were" (38 %) and
 * "RESPONSIBILITIES" (44 %), and misses about 1 in 400 genuine 16-character keys (simulated; the
 * QR and the manual paste still work for those).
 */
function looksLikeWords(clean: string): boolean {
  if (/[2-7]/.test(clean)) return false;
  const vowels = clean.match(/[AEIOU]/g)?.length ?? 0;
  return vowels / clean.length >= 0.35;
}

/**
 * A manual key as shown → canonical base32, or `null`. Accepted shapes: Microsoft's 4×4 groups
 * (§2.1/§2.2, space or NBSP), other sites' uniform groups of 2–8 (space, NBSP or `-`), or one
 * unbroken token of ≥ 16 characters that has a digit 2–7 or is all capitals (a lowercase 16-letter
 * run is more likely a word). Mixed case is refused in every shape: sites print keys in one case,
 * sentences start with a capital.
 */
export function recogniseSecretText(text: string): string | null {
  const shown = text.trim(); // trim() also removes NBSP and other Unicode spaces
  if (shown === '' || shown.length > MAX_SECRET_TEXT) return null;
  if (shown !== shown.toLowerCase() && shown !== shown.toUpperCase()) return null;
  const grouped = MS_SECRET_TEXT.test(shown) || (BASE32_GROUPED.test(shown) && uniformGroups(shown));
  const token = BASE32_TOKEN.test(shown) && (/[2-7]/.test(shown) || shown === shown.toUpperCase());
  if (!grouped && !token) return null;
  const clean = shown.replace(/[ \u00a0=-]/g, '').toUpperCase();
  // At least one letter: a run of digits 2–7 is a number, never a key in practice ((6/32)^16).
  if (!BASE32_CLEAN.test(clean) || !/[A-Z]/.test(clean) || looksLikeWords(clean)) return null;
  try {
    return normaliseSecret(shown);
  } catch (error) {
    // A length no byte string has (17 characters, …) means a character was lost: not a key.
    if (error instanceof InvalidSecretError) return null;
    throw error;
  }
}

const MS_RECOVERY_ALL = new RegExp(MS_RECOVERY.source, 'g');

/**
 * Microsoft's recovery code (5×5, §2.7) found anywhere in `text`, or `null`. Requires at least one
 * letter and one digit: that refuses the "XXXXX-XXXXX-…" placeholder in help text and all-digit
 * serials, and misses only ~3 in 10,000 real codes (all letters, (26/36)^25). Two *different* codes
 * in one text give `null`: capturing the wrong one would be worse than asking the user. Windows
 * product keys share this shape, so context (§2.7: `#RecoveryCode`, a dialog on account.live.com)
 * stays essential.
 */
export function recogniseRecoveryCode(text: string): string | null {
  const found = new Set<string>();
  for (const match of text.matchAll(MS_RECOVERY_ALL)) {
    const code = match[0];
    if (/\d/.test(code) && /[A-Z]/.test(code)) found.add(code);
  }
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/**
 * Fastmail: format unknown (§7), so this only filters out what is clearly a label. Grouped text
 * must have uniform groups (which "Thunderbird on laptop" has not); a single token must have a
 * digit or be ≥ 16 characters. Spaces are display grouping and dropped; hyphens are kept, as for
 * Apple, because we cannot tell whether they belong to the password. Confidence: unknown. Use only
 * on the new-password panel of Fastmail's settings, and let the user confirm.
 */
function fastmailPassword(shown: string): string | null {
  if (!FASTMAIL_APP_PW.test(shown) || TITLE_WORD.test(shown)) return null;
  const bare = shown.replace(/[ \u00a0-]/g, '');
  if (bare.length < 12 || bare.length > 32) return null;
  const ok = SEPARATORS.test(shown) ? uniformGroups(shown) : /\d/.test(bare) || bare.length >= 16;
  return ok ? shown.replace(SPACES, '') : null;
}

/**
 * An app password as displayed by `provider` → the value to store, or `null` (§6, §7). Confidence
 * per provider is `APP_PASSWORD_CONFIDENCE`:
 * - microsoft (low): 16 lowercase letters, stored as shown.
 * - google (high): 4×4 lowercase, stored without the display spaces ("enter without spaces").
 * - apple (medium-high): `xxxx-xxxx-xxxx-xxxx`, stored **with** hyphens, as guides paste it.
 * - yahoo (medium length, unknown grouping): 16 letters, spaces removed.
 * - zoho (medium length, unknown charset): 12 or 16 letters/digits, spaces removed.
 * - fastmail (unknown): see `fastmailPassword`.
 */
export function recogniseAppPassword(text: string, provider: AppPasswordProvider): string | null {
  const shown = text.trim();
  if (shown.length > 64) return null;
  switch (provider) {
    case 'microsoft':
      return MS_APP_PW.test(shown) ? shown : null;
    case 'google':
      return GOOGLE_APP_PW.test(shown) ? shown.replace(SPACES, '') : null;
    case 'apple':
      return APPLE_APP_PW.test(shown) ? shown : null;
    case 'yahoo':
      return YAHOO_APP_PW.test(shown) ? shown.replace(SPACES, '') : null;
    case 'zoho':
      return ZOHO_APP_PW.test(shown) && !TITLE_WORD.test(shown) ? shown.replace(SPACES, '') : null;
    case 'fastmail':
      return fastmailPassword(shown);
  }
}

/**
 * Which provider's app-password page `url` is (§2.8, §7), or `null`. Exact hosts over https only;
 * paths compared case-insensitively (Microsoft's are). Apple's account site is a single-page app,
 * and Zoho's routes by fragment (`/home#security/…`), so any path on their account hosts counts.
 */
export function appPasswordProviderFor(url: URL): AppPasswordProvider | null {
  if (url.protocol !== 'https:') return null;
  const path = url.pathname.toLowerCase();
  switch (url.hostname) {
    case 'account.live.com':
      return /^\/proofs\/apppassword(?:\/|$)/.test(path) ? 'microsoft' : null;
    case 'myaccount.google.com': // `/u/1/…` when several Google accounts are signed in
      return /^(?:\/u\/\d+)?\/apppasswords(?:\/|$)/.test(path) ? 'google' : null;
    case 'login.yahoo.com': // the app-password dialog opens from the account security page
      return /^\/(?:my)?account\/security(?:\/|$)/.test(path) ? 'yahoo' : null;
    case 'account.apple.com':
    case 'appleid.apple.com':
      return 'apple';
    case 'app.fastmail.com':
    case 'www.fastmail.com':
      return /^\/settings(?:\/|$)/.test(path) ? 'fastmail' : null;
    default:
      return ZOHO_ACCOUNT_HOSTS.has(url.hostname) ? 'zoho' : null;
  }
}
