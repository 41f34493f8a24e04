/**
 * Named text patterns from microsoft-pages.md §6. A pattern alone never justifies a capture: callers
 * also need the right host/path and context (a heading or label, a node that just appeared, a user
 * gesture), as §6 says. Where a constant differs from §6 the comment says why.
 *
 * Separators: page text read from the DOM carries NBSP (U+00A0) wherever the markup says `&nbsp;`
 * (the consumer key is `abcd&nbsp;efgh&nbsp;…`, §2.1), so every "space" below also accepts NBSP.
 */

/** Manual TOTP key as shown by Microsoft: 4 groups of 4, space or NBSP between (§2.1, §2.2). high */
export const MS_SECRET_TEXT = /^[a-z2-7]{4}(?:[ \u00a0][a-z2-7]{4}){3}$/i;

/** The same key inside raw HTML, where the NBSP is still the entity (§6). */
export const MS_SECRET_HTML = /[a-z2-7]{4}(?:&nbsp;[a-z2-7]{4}){3}/i;

/** Any other site's manual key after removing spaces, NBSP, `-` and `=` (§6). */
export const BASE32_CLEAN = /^[A-Z2-7]{16,128}$/;

/**
 * A key shown in groups of 2–8 characters (§6 "optional groups of 2–8") with one separator between
 * groups and optional `=` padding. Group *uniformity* is checked in code (`recognise.ts`), since a
 * regex cannot say "all groups the same length".
 */
export const BASE32_GROUPED = /^[a-z2-7]{2,8}(?:[ \u00a0-][a-z2-7]{2,8})+=*$/i;

/** One unbroken base32 token, optionally padded; length is checked after cleanup (`BASE32_CLEAN`). */
export const BASE32_TOKEN = /^[a-z2-7]+=*$/i;

/** A Microsoft authenticator code: 6 digits (§2.3, §4 "no digits parameter"). */
export const TOTP_CODE = /^\d{6}$/;

/** Microsoft email/SMS codes, which are **not** TOTP (§2.6): 6–8 digits. */
export const SENT_CODE = /^\d{6,8}$/;

/**
 * Microsoft recovery code: 5 groups of 5 (§2.7, high). §6 writes `\b…\b`, but `-` is a non-word
 * character, so `\b` would accept the first 25 characters of a 6-group string; the look-arounds
 * refuse any letter, digit or `-` touching either end. Upper case only, as shown (§2.7).
 */
export const MS_RECOVERY = /(?<![A-Za-z0-9-])[A-Z0-9]{5}(?:-[A-Z0-9]{5}){4}(?![A-Za-z0-9-])/;

/** Microsoft consumer app password: 16 characters (medium), lowercase letters (low) (§2.8, §7). */
export const MS_APP_PW = /^[a-z]{16}$/;

/**
 * Google app password: 16 lowercase letters in 4 groups of 4 (§7: high for length and grouping,
 * medium-high for the charset). Also accepted ungrouped, as a copy button would give it.
 */
export const GOOGLE_APP_PW = /^[a-z]{4}(?:[ \u00a0]?[a-z]{4}){3}$/;

/** Apple app-specific password: `xxxx-xxxx-xxxx-xxxx`, pasted with its hyphens (§7, medium-high). */
export const APPLE_APP_PW = /^[a-z]{4}(?:-[a-z]{4}){3}$/;

/** Yahoo app password: 16 letters (§7: medium for length, grouping unknown, case per §6). */
export const YAHOO_APP_PW = /^[a-z]{4}(?:[ \u00a0]?[a-z]{4}){3}$/;

/**
 * Zoho app password: 12 characters per Zoho's help, 16 per one third-party guide (§7: medium for
 * length, unknown charset), so both lengths are accepted. §6 has only the 12-character form.
 */
export const ZOHO_APP_PW = /^[a-z0-9]{4}(?:[ \u00a0]?[a-z0-9]{4}){2,3}$/i;

/**
 * Fastmail app password: format unknown (§7). A token of letters/digits, optionally in groups split
 * by one space, NBSP or `-`; length (12–32) and group uniformity are checked in code.
 */
export const FASTMAIL_APP_PW = /^[a-z0-9]{2,32}(?:[ \u00a0-][a-z0-9]{2,32})*$/i;

/**
 * Zoho's regional account hosts (§7 lists `.com`, `.eu`, `.in`, `.com.au`, "…"; the rest are Zoho's
 * data-centre domains as we know them, medium). An explicit list, not "accounts.zoho.<any suffix>":
 * `zoho.<cheap TLD>` may belong to anyone, so an unknown region fails closed.
 */
export const ZOHO_ACCOUNT_HOSTS: ReadonlySet<string> = new Set(
  ['com', 'eu', 'in', 'com.au', 'jp', 'com.cn', 'sa', 'uk']
    .map((suffix) => `accounts.zoho.${suffix}`)
    .concat('accounts.zohocloud.ca'),
);

/** Where an app password comes from; each has its own page and IMAP server (§7). */
export type AppPasswordProvider = 'microsoft' | 'google' | 'yahoo' | 'apple' | 'fastmail' | 'zoho';

/** How far the format facts behind each provider's pattern go (§7, confidence table at the top). */
export const APP_PASSWORD_CONFIDENCE: Readonly<
  Record<AppPasswordProvider, 'high' | 'medium-high' | 'medium' | 'low' | 'unknown'>
> = {
  google: 'high',
  apple: 'medium-high',
  yahoo: 'medium',
  zoho: 'medium',
  microsoft: 'low',
  fastmail: 'unknown',
};
