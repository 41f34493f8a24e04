// Consumer authenticator setup, QR as <img src="data:image/png;base64,…">.
// Page facts covered (microsoft-pages.md): §2.1 account.live.com/proofs/Add?apt=3 renders late;
// #iActivationCode holds the key (lowercase, 4×4 joined by NBSP) hidden until #iShowPlainLink;
// #ProofId hidden input; verify input id unknown (here #iTotpCode, tel, maxlength 6). §3 point 2
// data: URL image. §4 consumer URI otpauth://totp/Microsoft:pat@outlook.example?secret=…&issuer=
// Microsoft, no digits/period/algorithm, 16-character (80-bit) secret. README: the prompt acts only
// on trusted clicks (an untrusted .click() on Save must be ignored).
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-img-data',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'img-data', { story: 'ms-setup-img-data', untrustedCheck: true }),
};
