/**
 * Text findings on setup pages → `CaptureItem`s: the manual secret key (microsoft-pages.md §2.1,
 * §2.2), a recovery code (§2.7), an app password (§2.8, §7), with the account they belong to. A
 * pattern alone never captures anything (§6): each needs its page, a label or a dialog around it.
 */
import type { CaptureItem } from '../messaging/content-protocol';
import {
  appPasswordProviderFor,
  recogniseAppPassword,
  recogniseRecoveryCode,
  recogniseSecretText,
} from '../page/recognise';
import { ACTIVATION_CODE, pageText, RECOVERY_HOST, SECRET_LABEL } from './capture-cues';
import { isVisible, openRoots, ownText, queryAll, type SearchRoot, squash } from './dom';
import { findShownValues, labelledValue, nearText } from './text-nodes';

/** §2.1: the consumer setup wizard, whose key is in the DOM (hidden) before "I can't scan". */
const MS_SETUP_PATH = /^\/proofs\/(?:enabletfa|add)(?:[/?#]|$)/i;
const MS_CAPTURE_HOSTS = new Set(['account.live.com', 'mysignins.microsoft.com']);
/** §2.8, §7: text near a shown app password. */
const APP_PW_LABEL = /\bapp(?:lication)?[- ](?:specific )?passwords?\b|\bapp ?passwords?\b/i;
const IN_DIALOG = '[role=dialog], [role=alertdialog], dialog, [aria-modal=true]';
const SECRET_CHARS = /^[a-z2-7=\s\u00a0-]{2,200}$/i;
const APP_PW_CHARS = /^[a-z0-9\s\u00a0-]{2,64}$/i;
/** A short text with one e-mail address in it ("Signed in as pat@outlook.example"). */
const ONE_AT = /^[^@]{0,80}@[^@]{3,80}$/;
const EMAIL = /[^\s@:,;()<>]{1,64}@[a-z0-9-]+(?:\.[a-z0-9-]+)+/i;

const isMsSetup = (url: URL): boolean =>
  url.hostname === 'account.live.com' && MS_SETUP_PATH.test(url.pathname);

/**
 * Whose secret or password it is: mysignins' "Account name" value (`Tenant: upn`, §2.2, kept as
 * shown; the background splits it, §4), the consumer "Account name:" line (§2.1), the identity
 * banner (§2.4), else the first visible e-mail address on the page.
 */
export function findAccountHint(roots: readonly SearchRoot[]): string | undefined {
  const labelled = labelledValue(roots, /account name/i);
  if (labelled) return labelled;
  const banner = queryAll(roots, '[data-testid=identityBanner]').find(isVisible);
  if (banner) return squash(ownText(banner)).slice(0, 256) || undefined;
  const email = findShownValues(roots, ONE_AT, (t) => EMAIL.exec(t)?.[0] ?? null).find((v) =>
    isVisible(v.el),
  );
  return email?.value.slice(0, 256);
}

function secretTexts(roots: readonly SearchRoot[], url: URL): string[] {
  const setup = isMsSetup(url);
  const shown = new Map<string, string>(); // canonical key → text as shown
  // §2.1: `<span class="dirltr bold">` inside #iActivationCode; hidden until toggled, yet valid.
  for (const el of queryAll(roots, `${ACTIVATION_CODE} .dirltr, ${ACTIVATION_CODE} .bold`)) {
    const text = squash(ownText(el));
    const key = recogniseSecretText(text);
    if (key && (setup || isVisible(el)) && !shown.has(key)) shown.set(key, text);
  }
  // Anywhere else (mysignins' <dd>, other sites): a recognised key next to a "Secret key" label.
  for (const v of findShownValues(roots, SECRET_CHARS, recogniseSecretText)) {
    if (shown.has(v.value) || !(setup || isVisible(v.el))) continue;
    if (v.el.closest(ACTIVATION_CODE) || nearText(v.el, SECRET_LABEL, 3, 1000)) shown.set(v.value, v.shown);
  }
  return [...shown.values()];
}

/** §2.7: the wizard's #RecoveryCode (older #NewRecoveryCode) or any dialog on account.live.com. */
function recoveryCodes(roots: readonly SearchRoot[], url: URL): string[] {
  if (url.hostname !== RECOVERY_HOST) return [];
  const codes = queryAll(roots, `#RecoveryCode, #NewRecoveryCode, ${IN_DIALOG}`)
    .filter(isVisible)
    .map((el) => recogniseRecoveryCode(el.textContent ?? ''));
  return [...new Set(codes.filter((c): c is string => c !== null))];
}

/** §2.8, §7: a visible value in the provider's format, in a dialog or next to "app password". */
function appPasswords(roots: readonly SearchRoot[], url: URL): CaptureItem[] {
  const provider = appPasswordProviderFor(url);
  if (!provider) return [];
  return findShownValues(roots, APP_PW_CHARS, (t) => recogniseAppPassword(t, provider))
    .filter((v) => isVisible(v.el) && (v.el.closest(IN_DIALOG) || nearText(v.el, APP_PW_LABEL, 5, 3000)))
    .map((v) => ({ kind: 'appPassword', password: v.value, provider }));
}

/** Every text finding on the page, each as the item `capture.inspect` takes. */
export function findTextCaptures(
  doc: Document,
  url: URL,
  roots: readonly SearchRoot[] = openRoots(doc),
  text: string = pageText(doc, roots),
): CaptureItem[] {
  const hasKeyCue = SECRET_LABEL.test(text) || queryAll(roots, ACTIVATION_CODE).length > 0;
  const issuerHint = MS_CAPTURE_HOSTS.has(url.hostname) ? 'Microsoft' : undefined;
  const items: CaptureItem[] = [
    ...(hasKeyCue ? secretTexts(roots, url) : []).map(
      (t): CaptureItem => ({ kind: 'secretText', text: t, ...(issuerHint && { issuerHint }) }),
    ),
    ...recoveryCodes(roots, url).map((code): CaptureItem => ({ kind: 'recoveryCode', code })),
    ...appPasswords(roots, url),
  ];
  if (items.length === 0) return items;
  const accountHint = findAccountHint(roots);
  return accountHint ? items.map((item) => ({ ...item, accountHint })) : items;
}
