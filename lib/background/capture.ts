/**
 * What a page finding becomes: an offer for the in-page prompt (names only) and, on Save, a vault
 * record. Everything is re-derived here from the finding and the browser's `sender` URL: the content
 * script's classification is a hint, never trusted (an app-password provider is taken from the
 * frame's URL, not from the message).
 */
import type { CaptureItem, Offer } from '../messaging/content-protocol';
import { draftFromManualEntry } from '../otp';
import type { AccountDraft } from '../otp/types';
import { defaultBindingsFor, MICROSOFT_HOSTS } from '../page/binding';
import { appPasswordProviderFor, recogniseAppPassword, recogniseRecoveryCode } from '../page/recognise';
import { classifyQrPayload, DIFFERENT_APP_LINK_TEXT, decodeQr, type RgbaImage } from '../qr';
import type { NewRecord, VaultRecord } from '../vault/types';

/** An offer for the prompt, and the record Save would store when there is something to store. */
export interface Finding {
  offer: Offer;
  record?: NewRecord;
}

const PROVIDER_NAMES: Record<string, string> = {
  microsoft: 'Microsoft',
  google: 'Google',
  yahoo: 'Yahoo',
  apple: 'Apple',
  fastmail: 'Fastmail',
  zoho: 'Zoho',
};

const MIGRATION_ADVICE =
  'This QR code is a Google Authenticator export, which can hold many accounts: nothing was saved from the page. Save a screenshot and add it in TwoStep under “Import from a picture, a file or another app”.';

function isMicrosoftHost(url: URL): boolean {
  return (MICROSOFT_HOSTS as readonly string[]).includes(url.hostname);
}

/** mysignins shows "Account name: Contoso: pat@contoso.example" (microsoft-pages.md §2.2, §4). */
function splitAccountHint(hint: string): { organisation?: string; label: string } {
  const match = /^([^:@]{1,100}):\s*(\S+@\S+)$/.exec(hint.trim());
  return match?.[1] && match[2] ? { organisation: match[1].trim(), label: match[2] } : { label: hint.trim() };
}

function accountRecord(draft: AccountDraft, page: URL): NewRecord {
  return { type: 'account', ...draft, sites: defaultBindingsFor(draft, page) };
}

function accountFinding(draft: AccountDraft, page: URL): Finding {
  const offer: Offer = { kind: 'account', issuer: draft.issuer, label: draft.label, alreadySaved: false };
  if (draft.organisation) offer.organisation = draft.organisation;
  return { offer, record: accountRecord(draft, page) };
}

/** Interprets one finding for the frame at `page`; `decode` turns a QR image into RGBA pixels. */
export async function interpret(
  item: CaptureItem,
  page: URL,
  decode: () => Promise<RgbaImage>,
): Promise<Finding> {
  switch (item.kind) {
    case 'qr': {
      const text = decodeQr(await decode());
      if (text === null)
        return { offer: { kind: 'nothing', reason: 'No QR code could be read in this image.' } };
      const payload = classifyQrPayload(text);
      if (payload.kind === 'otpauth') {
        const draft = { ...payload.draft };
        if (!draft.label && item.accountHint) draft.label = splitAccountHint(item.accountHint).label;
        return accountFinding(draft, page);
      }
      if (payload.kind === 'microsoft-app')
        return {
          offer: {
            kind: 'microsoft-app',
            advice: payload.advice,
            link: DIFFERENT_APP_LINK_TEXT[payload.variant],
          },
        };
      if (payload.kind === 'migration') return { offer: { kind: 'migration', advice: MIGRATION_ADVICE } };
      if (payload.kind === 'invalid-otpauth') return { offer: { kind: 'nothing', reason: payload.error } };
      return { offer: { kind: 'nothing', reason: payload.advice } };
    }
    case 'secretText': {
      const hint = splitAccountHint(item.accountHint ?? '');
      const issuer = item.issuerHint?.trim() || (isMicrosoftHost(page) ? 'Microsoft' : page.hostname);
      const entry = {
        issuer,
        label: hint.label,
        secret: item.text,
        ...(hint.organisation && { organisation: hint.organisation }),
      };
      return accountFinding(draftFromManualEntry(entry), page);
    }
    case 'recoveryCode': {
      const code = recogniseRecoveryCode(item.code);
      if (!code || !isMicrosoftHost(page)) {
        return {
          offer: { kind: 'nothing', reason: 'This is not a Microsoft recovery code on a Microsoft page.' },
        };
      }
      const accountEmail = item.accountHint?.trim() ?? '';
      return {
        offer: { kind: 'recoveryCode', accountHint: accountEmail, alreadySaved: false },
        record: { type: 'recoveryCode', provider: 'microsoft', accountEmail, code, site: page.hostname },
      };
    }
    case 'appPassword': {
      const provider = appPasswordProviderFor(page);
      const password = provider ? recogniseAppPassword(item.password, provider) : null;
      if (!provider || !password) {
        return { offer: { kind: 'nothing', reason: 'This page is not an app-password page TwoStep knows.' } };
      }
      const accountEmail = item.accountHint?.trim() ?? '';
      return {
        offer: { kind: 'appPassword', provider, accountHint: accountEmail, alreadySaved: false },
        record: { type: 'appPassword', provider, accountEmail, password, site: page.hostname },
      };
    }
  }
}

/** The stored record that holds the same secret, code or password, if any: saving twice is a no-op. */
export function findDuplicate(records: VaultRecord[], candidate: NewRecord): VaultRecord | undefined {
  return records.find((r) => {
    if (r.type === 'account' && candidate.type === 'account')
      return r.secret === candidate.secret && r.kind === candidate.kind;
    if (r.type === 'recoveryCode' && candidate.type === 'recoveryCode') return r.code === candidate.code;
    if (r.type === 'appPassword' && candidate.type === 'appPassword')
      return r.password === candidate.password;
    return false;
  });
}

/** How the prompt and the popup name a record. */
export function titleOf(record: NewRecord | VaultRecord): string {
  if (record.type === 'account')
    return [record.issuer, record.label].filter(Boolean).join(' – ') || 'an account';
  const provider = PROVIDER_NAMES[record.provider] ?? record.provider;
  const what = record.type === 'appPassword' ? 'app password' : 'recovery code';
  return `${provider} ${what}${record.accountEmail ? ` for ${record.accountEmail}` : ''}`;
}
