// Host names the fixture server answers for. Browsers reach them through the local server only
// (Chromium: --host-resolver-rules; Firefox: the CONNECT proxy), so a page really is
// https://login.live.com/ to the browser and the extension's match patterns apply as in production.
import { domainToASCII } from 'node:url';

/** Microsoft sign-in surfaces, the first target of the extension. */
export const MICROSOFT_HOSTS = [
  'login.live.com',
  'account.live.com',
  'login.microsoftonline.com',
  'login.microsoft.com',
  'mysignins.microsoft.com',
  'account.microsoft.com',
];

/** Other providers, for later stories. */
export const OTHER_PROVIDER_HOSTS = [
  'accounts.google.com',
  'myaccount.google.com',
  'login.yahoo.com',
  'appleid.apple.com',
  'account.apple.com',
  'app.fastmail.com',
  'accounts.zoho.com',
  'github.com',
  'example.com',
];

/**
 * Look-alikes that must never get a code filled: a suffix trick, a hyphen trick and a homograph
 * ("lоgin-live.com" with a Cyrillic "о"). Browsers show and send IDNs in punycode, so the server
 * and the certificate use the ASCII form.
 */
export const LOOKALIKE_HOSTS = [
  'login.live.com.evil.test',
  'login-live.com',
  domainToASCII('l\u043egin-live.com'), // xn--lgin-live-02h.com
  domainToASCII('micr\u043esoft.com'), // xn--micrsoft-qbh.com
];

export const FIXTURE_HOSTS = [...MICROSOFT_HOSTS, ...OTHER_PROVIDER_HOSTS, ...LOOKALIKE_HOSTS];

/**
 * Requests the browsers make on their own despite the quiet flags (measured: Chromium 156 asks
 * update.googleapis.com for an on-demand component and clients2.google.com for the time). They
 * are refused locally like everything else; the runner does not count them against a story.
 */
export const BROWSER_NOISE_HOSTS = ['update.googleapis.com', 'clients2.google.com'];
