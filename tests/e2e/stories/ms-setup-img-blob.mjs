// Consumer authenticator setup, QR as <img src="blob:…"> (an object URL of the fetched PNG).
// Page facts covered (microsoft-pages.md): §2.1 /proofs/Add shape (verify input type=text,
// inputmode numeric); §3 point 2 blob: image; §4 consumer URI.
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-img-blob',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'img-blob', { story: 'ms-setup-img-blob' }),
};
