/**
 * The cheap signs that a page may hold something to capture. The content script checks them on
 * every pass and loads the capture tools (page-tools.ts: QR pixels, key-text recognisers, the
 * prompt) only when one holds; capture-flow.ts and capture-text.ts use the same cues, so a page
 * these reject has no finding those would make (tests/unit/content/capture-cues.test.ts).
 */
import { appPasswordProviderFor } from '../page/recognise';
import type { SearchRoot } from './dom';

/** §1, §2.1, §2.2: the setup pages, where even stylesheet backgrounds are searched for a QR. */
export const SETUP_PAGE = /^(?:account\.live\.com\/proofs\/|mysignins\.microsoft\.com\/)/i;
/**
 * Elsewhere QR candidates are read only when the page talks about setting up an authenticator
 * (§3.1 limits the search to setup pages): a photo gallery's square thumbnails are never sent.
 */
export const SETUP_TEXT =
  /authenticator|two[- ]?(?:factor|step)|\b2fa\b|\bmfa\b|\bqr\b|scan (?:the|this) (?:code|image|bar ?code)|(?:secret|setup) key/i;
/** §8 text cues around a manual key ("Secret key", "I can't scan the bar code", "setup key"). */
export const SECRET_LABEL =
  /\bsecret\b|\b(?:setup|manual|activation|text|your|this) key\b|\bkey\s*:|can['’]?t scan|cannot scan/i;
/** §2.1: the consumer wizard's key container, in the DOM (hidden) before "I can't scan". */
export const ACTIVATION_CODE = '#iActivationCode';
/** §2.7: recovery codes are looked for on this host only. */
export const RECOVERY_HOST = 'account.live.com';

export const isSetupPage = (url: URL): boolean => SETUP_PAGE.test(`${url.host}${url.pathname}`);

/** All text of the document and its open shadow roots, for cheap "is there any cue" checks. */
export function pageText(doc: Document, roots: readonly SearchRoot[]): string {
  const shadows = roots.filter((r) => r !== doc).map((r) => r.textContent ?? '');
  return [doc.documentElement?.textContent ?? '', ...shadows].join('\n');
}

/**
 * Whether a pass could find anything: a QR is looked for on setup pages or pages that talk about
 * authenticators, a key next to its label, a recovery code on its host, an app password on its
 * provider's page. `text` is `pageText` of the same roots.
 */
export function mayHoldCapture(url: URL, roots: readonly SearchRoot[], text: string): boolean {
  return (
    isSetupPage(url) ||
    SETUP_TEXT.test(text) ||
    SECRET_LABEL.test(text) ||
    url.hostname === RECOVERY_HOST ||
    appPasswordProviderFor(url) !== null ||
    roots.some((root) => root.querySelector(ACTIVATION_CODE) !== null)
  );
}
