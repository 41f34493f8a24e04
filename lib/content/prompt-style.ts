/**
 * The in-page prompt's stylesheet, inside its shadow root so the page's CSS cannot reach it (and
 * ours cannot leak out). Light and dark follow the user's colour scheme.
 */
export const PROMPT_CSS = `
/* The reset lives here, not in the host's style attribute: an inline \`all: initial !important\`
   pins letter and word spacing so a user's text-spacing styles cannot change them (WCAG 1.4.12,
   axe avoid-inline-spacing). Important rules of a shadow root's own sheet still beat the page's
   rules on our tag, important ones included (CSS Cascade 4, encapsulation contexts). */
:host {
  all: initial !important;
  position: fixed !important;
  top: 16px !important;
  right: 16px !important;
  z-index: 2147483647 !important;
  display: block !important;
}
.box {
  box-sizing: border-box;
  width: min(360px, calc(100vw - 32px));
  padding: 14px 16px;
  border-radius: 10px;
  border: 1px solid #c8ccd2;
  background: #ffffff;
  color: #1b1f24;
  box-shadow: 0 6px 24px rgba(0, 0, 0, 0.25);
  font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.title { margin: 0 0 6px; font-weight: 600; font-size: 13px; color: #4a5562; }
.text { margin: 0 0 12px; overflow-wrap: anywhere; }
.text:empty { display: none; }
.status { margin: 0; font-weight: 600; }
.status:empty { display: none; }
.buttons { display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
.box[data-kind="status"] .buttons { margin-top: 10px; }
button {
  font: inherit;
  padding: 6px 12px;
  border-radius: 6px;
  border: 1px solid #8a939e;
  background: #f3f5f7;
  color: inherit;
  cursor: pointer;
}
button.primary { background: #0b63ce; border-color: #0b63ce; color: #ffffff; }
button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
.choices { display: flex; flex-direction: column; gap: 6px; margin-bottom: 10px; }
.choices button { text-align: start; }
@media (prefers-color-scheme: dark) {
  .box { background: #1f2329; color: #eef1f4; border-color: #4a525c; }
  .title { color: #b5bec8; }
  button { background: #2b3139; border-color: #6b7580; }
  button.primary { background: #3d8bfd; border-color: #3d8bfd; color: #0b0d10; }
}
`;

/**
 * Fixed top-right above the page; set inline with !important so page rules on the tag lose (also
 * before the shadow sheet applies). No text properties here: see the :host rule above.
 */
export const HOST_STYLE: ReadonlyArray<[string, string]> = [
  ['position', 'fixed'],
  ['top', '16px'],
  ['right', '16px'],
  ['z-index', '2147483647'],
  ['display', 'block'],
];
