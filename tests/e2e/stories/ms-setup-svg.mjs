// Consumer authenticator setup, QR as an inline <svg> (paths, viewBox, crispEdges).
// Page facts covered (microsoft-pages.md): §2.1 /proofs/Add shape (verify input without
// maxlength, id idTxtBx_TotpCode); §3 point 2 inline svg (serialise and rasterise); §4 consumer
// URI with the label's @ percent-encoded (Microsoft:pat%40outlook.example).
//
// Flow (stories/_lib/ms-setup.mjs): the page without its key text must still give the prompt (so
// this QR rendering itself was decoded) → the real page → prompt "account" naming Microsoft and
// pat@outlook.example → trusted Save → "Saved" → the verify input gets the reference TOTP code →
// the popup lists Microsoft / pat@outlook.example with the same code.
import { consumerSetupStory } from './_lib/ms-setup.mjs';

export default {
  name: 'ms-setup-svg',
  browsers: ['chromium', 'firefox'],
  timeout: 90_000,
  run: (ctx) => consumerSetupStory(ctx, 'svg', { story: 'ms-setup-svg' }),
};
