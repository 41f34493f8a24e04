// Consumer authenticator setup, QR as <img src="/__qr.png?…"> on the page's own origin.
// Page facts covered (microsoft-pages.md): §2.1 /proofs/Add shape (late render, hidden key text,
// verify input without id, aria-label only); §3 point 2 same-origin image; §4 consumer URI.
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-img-same-origin',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'img-same-origin', { story: 'ms-setup-img-same-origin' }),
};
