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

/**
 * Microsoft's static CDN: the cross-origin QR variant of the setup page loads its image from here
 * (no CORS header), so the content script cannot read its pixels (microsoft-pages.md §3 point 4).
 */
export const MICROSOFT_CDN_HOSTS = ['acctcdn.msauth.net'];

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
 * Sites whose OTP fields the generic filler must handle (peers.md §2, "test with tables of real
 * sites"), plus synthetic ones on the reserved .test TLD: a React-like controlled input, a field in
 * an open shadow root, one in a same-origin iframe, and a shop with zip/coupon/captcha codes.
 */
export const GENERIC_OTP_HOSTS = [
  'signin.aws.amazon.com',
  'www.amazon.com',
  'acme.okta.com',
  'www.paypal.com',
  'store.steampowered.com',
  'www.dropbox.com',
  'acme.slack.com',
  'react-otp.test',
  'shadow-otp.test',
  'iframe-otp.test',
  'shop.test',
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

/**
 * Hosts that serve another host's fixture folder, byte for byte: each look-alike serves a copy of
 * the real sign-in pages it imitates (the server resolves files through this map).
 */
export const FIXTURE_ALIASES = {
  'login.live.com.evil.test': 'login.live.com',
  'login-live.com': 'login.live.com',
  [domainToASCII('l\u043egin-live.com')]: 'login.live.com',
  [domainToASCII('micr\u043esoft.com')]: 'login.microsoftonline.com',
};

export const FIXTURE_HOSTS = [
  ...MICROSOFT_HOSTS,
  ...MICROSOFT_CDN_HOSTS,
  ...OTHER_PROVIDER_HOSTS,
  ...GENERIC_OTP_HOSTS,
  ...LOOKALIKE_HOSTS,
];

/**
 * Requests the browsers make on their own despite the quiet flags (measured: Chromium 156 asks
 * update.googleapis.com for an on-demand component and clients2.google.com for the time; on pages
 * with forms its autofill asks content-autofill.googleapis.com for field types, and typing into a
 * text field fetches a spell-check dictionary from redirector.gvt1.com — those two become visible
 * once the browser-wide certificate trust (driver.trustFixtureCertificate) lets TLS finish).
 * Chromium's GCM client also checks in with android.clients.google.com/checkin some seconds into a
 * run (seen in settings-per-site, no extension code involved: TwoStep makes no network requests but
 * the clock check's HEAD to sign-in hosts).
 * They are refused locally like everything else; the runner does not count them against a story.
 */
export const BROWSER_NOISE_HOSTS = [
  'update.googleapis.com',
  'clients2.google.com',
  'content-autofill.googleapis.com',
  'redirector.gvt1.com',
  'android.clients.google.com',
];
