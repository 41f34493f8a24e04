// Consumer authenticator setup, QR as a CROSS-ORIGIN <img src="https://acctcdn.msauth.net/…"> sent
// without CORS headers, so the page's pixels are unreadable to the content script (tainted).
// Page facts covered (microsoft-pages.md): §2.1 /proofs/Add shape (verify input wrapped in its
// <label>); §3 point 2 (CORS-unreadable img) and point 4 (fall back to the background fetching the
// URL or a cropped visible-tab capture); §4 consumer URI.
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-img-cross-origin',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'img-cross-origin', { story: 'ms-setup-img-cross-origin' }),
};
