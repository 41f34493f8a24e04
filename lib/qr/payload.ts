/**
 * What a decoded QR code holds, and what to tell the user when it is not a TOTP secret
 * (microsoft-pages.md §5). Pure and total: every string gets a classification, nothing throws.
 */
import { type AccountDraft, OtpError, parseOtpauthUri } from '../otp/index';

export type MicrosoftAppVariant = 'work-school' | 'personal';

export type QrPayload =
  | { kind: 'otpauth'; draft: AccountDraft }
  | { kind: 'migration'; uri: string }
  | { kind: 'microsoft-app'; variant: MicrosoftAppVariant; advice: string }
  | { kind: 'invalid-otpauth'; error: string }
  | { kind: 'other'; advice: string };

/**
 * The link text to choose instead of Microsoft Authenticator, per variant (§2.1 consumer, §2.2
 * work/school). Exported so a page module can find and highlight the link (§5).
 */
export const DIFFERENT_APP_LINK_TEXT: Readonly<Record<MicrosoftAppVariant, string>> = {
  personal: 'Set up a different Authenticator app',
  'work-school': 'I want to use a different authenticator app',
};

export const MICROSOFT_APP_ADVICE: Readonly<Record<MicrosoftAppVariant, string>> = {
  personal:
    'This code is for the Microsoft Authenticator phone app. Choose ' +
    `"${DIFFERENT_APP_LINK_TEXT.personal}" on the page, then scan the code it shows.`,
  'work-school':
    'This code is for the Microsoft Authenticator phone app. Choose ' +
    `"${DIFFERENT_APP_LINK_TEXT['work-school']}" on the page, then scan the code it shows.`,
};

export const NOT_A_SECRET_ADVICE = "This QR code doesn't contain an authenticator secret.";

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Microsoft Authenticator's own activation payloads (§5), matched by scheme, host and path only:
 * parameter order and encoding (`%3a` vs `%3A`) vary, and we never need the parameters.
 * - `phonefactor://activate_account?code=…&url=…`: work/school default path (§5).
 * - `https://login.microsoftonline.com/authenticatorApp/activateAccount?…&accountType=msa…`:
 *   personal accounts, 2025–26 (§5). Path compared case-insensitively, with or without a final `/`.
 */
function microsoftAppVariant(text: string, scheme: string): MicrosoftAppVariant | null {
  if (scheme === 'phonefactor') {
    return /^phonefactor:\/\/activate_account\/?(?:[?#]|$)/i.test(text) ? 'work-school' : null;
  }
  if (scheme !== 'https') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null; // an unparseable https: text is just "other"
  }
  const path = url.pathname.toLowerCase().replace(/\/$/, '');
  return url.hostname === 'login.microsoftonline.com' && path === '/authenticatorapp/activateaccount'
    ? 'personal'
    : null;
}

/**
 * Classifies decoded QR text. Order matters: Microsoft's app payloads and Google's migration export
 * are recognised before the key-URI parser sees them, so the user gets advice instead of a parse
 * error. `otpauth://` and `steam://` go to `parseOtpauthUri`; its typed errors become
 * `invalid-otpauth` with the parser's message (which never echoes the secret); a `steam://` text
 * that is not a secret is a Steam client link and counts as `other`.
 */
export function classifyQrPayload(text: string): QrPayload {
  const trimmed = text.trim();
  const scheme = SCHEME.exec(trimmed)?.[1]?.toLowerCase() ?? '';
  const variant = microsoftAppVariant(trimmed, scheme);
  if (variant !== null) return { kind: 'microsoft-app', variant, advice: MICROSOFT_APP_ADVICE[variant] };
  if (scheme === 'otpauth-migration') return { kind: 'migration', uri: trimmed };
  if (scheme === 'otpauth' || scheme === 'steam') {
    try {
      return { kind: 'otpauth', draft: parseOtpauthUri(trimmed) };
    } catch (error) {
      if (!(error instanceof OtpError)) throw error; // a parser bug, not a property of the input
      // `steam://run/440` and friends are Steam client links, not secrets: say "no secret" then.
      if (scheme === 'steam') return { kind: 'other', advice: NOT_A_SECRET_ADVICE };
      return { kind: 'invalid-otpauth', error: error.message };
    }
  }
  return { kind: 'other', advice: NOT_A_SECRET_ADVICE };
}
