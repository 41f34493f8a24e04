/**
 * The one message protocol between extension pages (popup, options) and the background.
 *
 * Every request is validated at run time in the background with these schemas before any handler
 * sees it; anything unknown or malformed gets `{ ok: false, error: { code: 'bad-request' } }`.
 * Trust is decided from the browser's `sender`, never from a field in the message (see
 * lib/background/sender.ts).
 */
import * as v from 'valibot';
import { LANGUAGE_SETTINGS, type LanguageSetting } from '../i18n/languages';
import type { HashAlgorithm, OtpKind } from '../otp/types';
import type { DamagedRecord } from '../vault/types';

// Bounds keep a hostile or buggy caller from making the background do unbounded work.
const password = v.pipe(v.string(), v.maxLength(1024));
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const shortText = v.pipe(v.string(), v.maxLength(256));

/** One account from an import preview: the same fields as the manual form, re-validated on commit. */
const importEntry = v.strictObject({
  issuer: shortText,
  label: shortText,
  organisation: v.optional(shortText),
  secret: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
  kind: v.picklist(['totp', 'hotp', 'steam']),
  algorithm: v.picklist(['SHA1', 'SHA256', 'SHA512']),
  digits: v.pipe(v.number(), v.integer()),
  period: v.pipe(v.number(), v.integer()),
  counter: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** Sites the source file names (Bitwarden `login.uris`); turned into bindings by the background. */
  sites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(2048))), v.maxLength(50))),
});
/** Far above any real collection; bounds one message's work. */
const MAX_IMPORT_ENTRIES = 5000;
const importEntries = v.pipe(v.array(importEntry), v.minLength(1), v.maxLength(MAX_IMPORT_ENTRIES));
/** A backup of 5000 accounts is ~2 MB; 32 MB leaves room without letting a page exhaust memory. */
const backupText = v.pipe(v.string(), v.minLength(1), v.maxLength(32 * 1024 * 1024));

export const requestSchema = v.variant('type', [
  v.strictObject({ type: v.literal('vault.status') }),
  v.strictObject({ type: v.literal('vault.create'), password }),
  v.strictObject({ type: v.literal('vault.unlock'), password }),
  v.strictObject({ type: v.literal('vault.lock') }),
  // Re-wraps the data key under a new master password (typed only into TwoStep's own pages).
  v.strictObject({ type: v.literal('vault.changePassword'), oldPassword: password, newPassword: password }),
  // `auto`: a refresh the page made by itself (a code expired), which must not postpone auto-lock.
  v.strictObject({ type: v.literal('accounts.list'), auto: v.optional(v.boolean()) }),
  v.strictObject({ type: v.literal('accounts.addUri'), uri: v.pipe(v.string(), v.maxLength(4096)) }),
  v.strictObject({
    type: v.literal('accounts.addManual'),
    issuer: shortText,
    label: shortText,
    secret: v.pipe(v.string(), v.maxLength(1024)),
    kind: v.optional(v.picklist(['totp', 'hotp', 'steam'])),
    algorithm: v.optional(v.picklist(['SHA1', 'SHA256', 'SHA512'])),
    digits: v.optional(v.pipe(v.number(), v.integer())),
    period: v.optional(v.pipe(v.number(), v.integer())),
    counter: v.optional(v.pipe(v.number(), v.integer())),
  }),
  v.strictObject({ type: v.literal('accounts.rename'), id, issuer: shortText, label: shortText }),
  v.strictObject({ type: v.literal('accounts.delete'), id }),
  v.strictObject({
    type: v.literal('accounts.setSites'),
    id,
    sites: v.pipe(v.array(v.pipe(v.string(), v.maxLength(2048))), v.maxLength(50)),
  }),
  v.strictObject({ type: v.literal('secrets.list') }),
  v.strictObject({ type: v.literal('secrets.reveal'), id }),
  v.strictObject({ type: v.literal('secrets.delete'), id }),
  v.strictObject({
    type: v.literal('export.imapCsv'),
    ids: v.pipe(v.array(id), v.minLength(1), v.maxLength(50_000)),
    destination: shortText,
  }),
  v.strictObject({ type: v.literal('accounts.hotpNext'), id }),
  v.strictObject({ type: v.literal('settings.get') }),
  // Any subset: a field left out keeps its stored value.
  v.strictObject({
    type: v.literal('settings.set'),
    autoLockMinutes: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(24 * 60))),
    clipboardClearSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600))),
    autoSubmitEverywhere: v.optional(v.boolean()),
    // What the user typed, one site per item; the background validates and normalises each
    // (lib/background/auto-submit.ts), with its own, clearer limit below this bound.
    autoSubmitSites: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(2048))), v.maxLength(1000))),
    autoFill: v.optional(v.boolean()),
    theme: v.optional(v.picklist(['system', 'light', 'dark'])),
    language: v.optional(v.picklist(LANGUAGE_SETTINGS)),
    timeOffsetSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(-86_400), v.maxValue(86_400))),
  }),
  // `text`: what was copied, so that clearing can leave a clipboard the user has changed since
  // (only a hash of it is kept, in storage.session; lib/background/clipboard.ts).
  v.strictObject({
    type: v.literal('clipboard.copied'),
    text: v.optional(v.pipe(v.string(), v.maxLength(4096))),
  }),
  // Is this computer's clock right? `check`: ask the server now rather than report the last check.
  v.strictObject({ type: v.literal('clock.status'), check: v.optional(v.boolean()) }),
  // "Scan this page": the popup's active tab (the popup is an extension page, so it may name it).
  v.strictObject({ type: v.literal('page.scan'), tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  // The picture of the tab that "Scan this page" found no code on, once, for selecting it by hand.
  v.strictObject({ type: v.literal('page.takeCapture') }),
  // Moving in and out (issue 4). Files are read and parsed in the extension page; only validated
  // entries reach the background, which checks duplicates and stores them in one write.
  v.strictObject({ type: v.literal('import.check'), accounts: importEntries }),
  v.strictObject({ type: v.literal('import.commit'), accounts: importEntries }),
  v.strictObject({ type: v.literal('backup.export'), password }),
  v.strictObject({ type: v.literal('backup.restore'), text: backupText, password }),
  v.strictObject({ type: v.literal('export.otpauthList') }),
  v.strictObject({ type: v.literal('accounts.exportUri'), id }),
]);

export type ImportEntry = v.InferOutput<typeof importEntry>;

export type Request = v.InferOutput<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

export type VaultState = 'none' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Milliseconds until another unlock attempt is accepted (growing delay after failures). */
  retryAfterMs: number;
}

/** What the popup may know about an account: never the secret. */
export interface AccountView {
  id: string;
  issuer: string;
  label: string;
  organisation?: string;
  kind: OtpKind;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  /** HOTP only: the counter the shown code was computed for. */
  counter?: number;
  code: string;
  /** TOTP/Steam: epoch ms when the code changes; HOTP: null (changes only on "next code"). */
  validUntil: number | null;
  /** Where this account's code may be filled: `host:<name>` or `domain:<registrable domain>`. */
  sites: string[];
}

/** An app password or recovery code as listed: the value itself only on an explicit reveal. */
export interface SecretView {
  id: string;
  type: 'appPassword' | 'recoveryCode';
  provider: string;
  accountEmail: string;
  site: string;
  title: string;
  createdAt: number;
  /** Length of the value, so the masked form looks right. */
  length: number;
  /** Recovery codes: when a newer code for the same account replaced this one. */
  supersededAt?: number;
}

export interface AccountList {
  accounts: AccountView[];
  /** Stored records that failed authentication or validation: shown, never silently dropped. */
  damaged: DamagedRecord[];
  /** The background's clock, so the popup's countdown agrees with the codes. */
  now: number;
}

/** What "Scan this page" found: prompts shown in the page, or a code read from a screenshot. */
export interface ScanResult {
  /** QR codes and key texts the page's own content script found and is offering in the page. */
  inPage: number;
  /** When the page route found nothing: what a capture of the visible tab showed. */
  screenshot:
    | { kind: 'account'; issuer: string; label: string; uri: string }
    | { kind: 'advice'; advice: string }
    /** `selectable`: the picture is kept briefly for `page.takeCapture` (select the code by hand). */
    | { kind: 'nothing'; reason: string; selectable?: boolean }
    | null;
}

export interface Settings {
  autoLockMinutes: number;
  clipboardClearSeconds: number;
  /**
   * Press the page's Verify/Next after filling a code on every site (microsoft-pages.md §8: off by
   * default). What TwoStep before per-site auto-submit called `autoSubmit: true` (see
   * lib/background/auto-submit.ts `migrateStoredSettings`).
   */
  autoSubmitEverywhere: boolean;
  /** Press it only on these sites: `host:<name>` / `domain:<name>`, matched like account bindings. */
  autoSubmitSites: string[];
  /** Fill codes as soon as a code field appears; off: only on the shortcut or context menu. */
  autoFill: boolean;
  /** Light, dark, or whatever the system prefers. */
  theme: 'system' | 'light' | 'dark';
  /** The extension pages' language: the browser's, or one chosen here (lib/i18n). */
  language: LanguageSetting;
  /** Added to this computer's clock when computing codes, when the user corrected a wrong clock. */
  timeOffsetSeconds: number;
}

/** The clock check (lib/background/clock.ts): what the popup needs to warn and to offer a fix. */
export interface ClockStatus {
  /** Server minus local time at the last check, seconds; null: never checked or unreachable. */
  skewSeconds: number | null;
  checkedAt: number | null;
  offsetSeconds: number;
  /** The codes in use are off by more than a server accepts. */
  wrong: boolean;
}

export interface ResponseMap {
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': VaultStatus & { recoveredFromPrevious: boolean };
  'vault.lock': VaultStatus;
  'vault.changePassword': VaultStatus;
  'accounts.list': AccountList;
  'accounts.addUri': AccountView;
  'accounts.addManual': AccountView;
  'accounts.rename': AccountView;
  'accounts.delete': { id: string };
  'accounts.setSites': AccountView;
  'secrets.list': { secrets: SecretView[] };
  'secrets.reveal': { value: string };
  'secrets.delete': { id: string };
  'export.imapCsv': { csv: string; filename: string; rows: number };
  'accounts.hotpNext': AccountView;
  'settings.get': Settings;
  'settings.set': Settings;
  'clipboard.copied': { clearAt: number | null };
  'clock.status': ClockStatus;
  'page.scan': ScanResult;
  'page.takeCapture': { dataUrl: string };
  /** Per entry, in order: already in the vault, or an earlier entry of the same import. */
  'import.check': { duplicates: boolean[] };
  'import.commit': { added: number; duplicates: number };
  'backup.export': { text: string; filename: string; accounts: number; secrets: number };
  'backup.restore': { added: number; duplicates: number; countersRaised: number };
  'export.otpauthList': { text: string; filename: string; count: number };
  'accounts.exportUri': { uri: string };
}

/** Errors cross the boundary as data, never as thrown exceptions. */
export interface ErrorInfo {
  code: string;
  message: string;
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export type ResponseOf<T extends RequestType> = Result<ResponseMap[T]>;

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  clipboardClearSeconds: 30,
  autoSubmitEverywhere: false,
  autoSubmitSites: [],
  autoFill: true,
  theme: 'system',
  language: 'browser',
  timeOffsetSeconds: 0,
};
