// Consumer authenticator setup with NO QR at all: only the "can't scan" key text, shown, lowercase,
// 4 groups of 4 joined by NBSP, with the "Account name:" line.
// Page facts covered (microsoft-pages.md): §2.1 (#iActivationCode, span.dirltr.bold, NBSP groups,
// "Account name:" next to the key, identity banner); §4 "Building a URI from the manual key"
// (issuer Microsoft, account from the banner / Account name line); §6 MS_SECRET_TEXT pattern.
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-secret-only',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'none', { story: 'ms-setup-secret-only' }),
};
