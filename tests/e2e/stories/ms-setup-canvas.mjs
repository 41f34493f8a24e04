// Consumer authenticator setup, QR drawn module by module on a <canvas> (as JS QR libraries do).
// Page facts covered (microsoft-pages.md): §2.1 /proofs/Add shape (verify input type=text,
// placeholder "Code", maxlength 8); §3 point 2 canvas; §4 consumer URI.
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-canvas',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'canvas', { story: 'ms-setup-canvas' }),
};
