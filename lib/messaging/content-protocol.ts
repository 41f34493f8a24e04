/**
 * The protocol between content scripts and the background.
 *
 * Content scripts are blind: they report what they found on their page (a QR image, the "can't
 * scan" key text, a recovery code, an app password) and ask for a code for *their own frame*. They
 * never receive a secret or the account list. The background decides everything from the browser's
 * `sender` (tab, frame id, frame URL), never from fields in these messages.
 */
import * as v from 'valibot';

const hint = v.optional(v.pipe(v.string(), v.maxLength(256)));

const rect = v.strictObject({
  x: v.number(),
  y: v.number(),
  width: v.pipe(v.number(), v.minValue(1), v.maxValue(10_000)),
  height: v.pipe(v.number(), v.minValue(1), v.maxValue(10_000)),
});

/** Where the background can get the QR's pixels: the page sends what it can read itself. */
export const qrImageSchema = v.variant('source', [
  // A PNG the content script drew from an img/canvas/svg it could read (≤ 8 MB as a data URL).
  v.strictObject({
    source: v.literal('dataUrl'),
    dataUrl: v.pipe(v.string(), v.maxLength(8_000_000), v.startsWith('data:image/')),
  }),
  // A cross-origin image the page could not read: the background fetches it with its own rights.
  // `fallback`: the element's rectangle, captured from the visible tab when the fetch is refused.
  v.strictObject({
    source: v.literal('url'),
    url: v.pipe(v.string(), v.maxLength(4096), v.url()),
    fallback: v.optional(
      v.strictObject({ rect, devicePixelRatio: v.pipe(v.number(), v.minValue(0.25), v.maxValue(8)) }),
    ),
  }),
  // Nothing readable (tainted canvas, closed shadow root): crop a capture of the visible tab.
  v.strictObject({
    source: v.literal('tab'),
    rect,
    devicePixelRatio: v.pipe(v.number(), v.minValue(0.25), v.maxValue(8)),
  }),
]);

export const appPasswordProviders = ['microsoft', 'google', 'yahoo', 'apple', 'fastmail', 'zoho'] as const;

export const captureItemSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('qr'), image: qrImageSchema, accountHint: hint }),
  v.strictObject({
    kind: v.literal('secretText'),
    text: v.pipe(v.string(), v.maxLength(512)),
    accountHint: hint,
    issuerHint: hint,
  }),
  v.strictObject({
    kind: v.literal('recoveryCode'),
    code: v.pipe(v.string(), v.maxLength(64)),
    accountHint: hint,
  }),
  v.strictObject({
    kind: v.literal('appPassword'),
    password: v.pipe(v.string(), v.maxLength(128)),
    provider: v.picklist(appPasswordProviders),
    accountHint: hint,
  }),
]);

export const contentRequestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('capture.inspect'), item: captureItemSchema }),
  // Sent only after a trusted click on the in-page prompt (event.isTrusted).
  v.strictObject({ type: v.literal('capture.save'), item: captureItemSchema }),
  v.strictObject({ type: v.literal('code.request'), trigger: v.picklist(['auto', 'user']) }),
  v.strictObject({
    type: v.literal('code.choose'),
    accountId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  }),
  // The capture flow and the prompt, injected into the sender's own frame (lib/content/page-tools.ts).
  v.strictObject({ type: v.literal('tools.load') }),
]);

export type QrImage = v.InferOutput<typeof qrImageSchema>;
export type CaptureItem = v.InferOutput<typeof captureItemSchema>;
export type AppPasswordProviderName = (typeof appPasswordProviders)[number];
export type ContentRequest = v.InferOutput<typeof contentRequestSchema>;
export type ContentRequestType = ContentRequest['type'];

/** What the in-page prompt may say about a finding: names only, never the secret. */
export type Offer =
  | { kind: 'account'; issuer: string; label: string; organisation?: string; alreadySaved: boolean }
  /**
   * `advice`: the English text (microsoft-pages.md §5); `link`: the page's link to choose instead,
   * quoted as Microsoft writes it, so the prompt can say the same in the browser's language.
   */
  | { kind: 'microsoft-app'; advice: string; link: string }
  | { kind: 'migration'; advice: string }
  | { kind: 'recoveryCode'; accountHint: string; alreadySaved: boolean }
  | { kind: 'appPassword'; provider: AppPasswordProviderName; accountHint: string; alreadySaved: boolean }
  | { kind: 'nothing'; reason: string };

export type SaveResult =
  | { status: 'saved'; title: string }
  | { status: 'duplicate'; title: string }
  /** The vault is locked: the finding is sealed into the inbox and saved at the next unlock. */
  | { status: 'queued'; title: string };

export type CodeReply =
  | { status: 'code'; code: string; title: string; validUntil: number | null; autoSubmit: boolean }
  | { status: 'choose'; choices: Array<{ accountId: string; title: string }> }
  | { status: 'locked' }
  | { status: 'none' };

export interface ContentResponseMap {
  'capture.inspect': { offer: Offer };
  'capture.save': SaveResult;
  'code.request': CodeReply;
  'code.choose': CodeReply;
  'tools.load': { loaded: true };
}

/** Messages the background sends to a tab's content scripts (tabs.sendMessage). */
export type BackgroundToContent =
  | { type: 'twostep.fillFocused' }
  | { type: 'twostep.vaultUnlocked' }
  | { type: 'twostep.scan' };
