/**
 * The background's request handling: validates every message, checks the sender, and runs the
 * vault and OTP code. The entrypoint only wires browser events to this; tests drive it directly
 * with in-memory storage and constructed senders.
 */
import * as v from 'valibot';
import { contentRequestSchema } from '../messaging/content-protocol';
import {
  type AccountView,
  type ErrorInfo,
  type Request,
  type RequestOf,
  type RequestType,
  type ResponseMap,
  type Result,
  requestSchema,
  type ScanResult,
  type Settings,
  type VaultStatus,
} from '../messaging/protocol';
import { draftFromManualEntry, OtpError, parseOtpauthUri } from '../otp';
import type { AccountDraft } from '../otp/types';
import { BindingError, defaultBindingsFor, normaliseBinding } from '../page/binding';
import { classifyQrPayload, decodeQr } from '../qr';
import { BackupError } from '../transfer/backup';
import { CsvExportError, imapMigrationCsv } from '../transfer/export/imap-csv';
import { VaultError } from '../vault';
import type { AppPasswordRecord, OtpAccountRecord, RecoveryCodeRecord, StorageArea } from '../vault/types';
import { compareAccounts, toAccountView } from './account-view';
import { normaliseAutoSubmitSites } from './auto-submit';
import { findDuplicate, titleOf } from './capture';
import { forgetCopied, rememberCopied } from './clipboard-check';
import {
  CLOCK_CHECK_EVERY_MS,
  type ClockReading,
  checkClock,
  clockLooksWrong,
  readClockCheck,
} from './clock';
import { type ContentDeps, contentFrame, createContentService } from './content-service';
import { BackgroundError, DuplicateAccountError, NotAnAccountError } from './errors';
import { loadQrImage, QrImageUnavailableError } from './qr-image';
import { isExtensionPage, type SenderLike } from './sender';
import { type SessionDeps, VaultSession } from './session';
import { codeTime, readSettings, writeSettings } from './settings';
import { createTransferHandlers } from './transfer';

export interface BackgroundDeps extends SessionDeps, Omit<ContentDeps, 'local' | 'now'> {
  /** Injects the content script into a tab, asks it to scan, returns what it offers in the page. */
  scanTab: (tabId: number) => Promise<number>;
  windowOfTab: (tabId: number) => Promise<number | undefined>;
  extensionId: string;
  /** e.g. `chrome-extension://<id>/`: only pages on this origin may use the popup protocol. */
  extensionOrigin: string;
  scheduleClipboardClear: (at: number) => void;
  /** One HEAD request to the clock source (lib/background/clock.ts), for its `Date` header. */
  readClock: () => Promise<ClockReading>;
}

type Handlers = { [K in RequestType]: (request: RequestOf<K>) => Promise<ResponseMap[K]> };

/** Requests a page sends by itself (on open, on refresh timers): they must not postpone auto-lock. */
function isPassive(request: Request): boolean {
  return (
    request.type === 'vault.status' ||
    request.type === 'settings.get' ||
    request.type === 'clock.status' ||
    (request.type === 'accounts.list' && request.auto === true)
  );
}

export function createBackgroundService(deps: BackgroundDeps) {
  const session = new VaultSession(deps);

  async function status(): Promise<VaultStatus> {
    return session.status();
  }

  async function accountRecords(): Promise<OtpAccountRecord[]> {
    const { records } = await session.records();
    return records.filter((r): r is OtpAccountRecord => r.type === 'account');
  }

  type Secret = AppPasswordRecord | RecoveryCodeRecord;
  async function secretById(id: string): Promise<Secret> {
    const { records } = await session.records();
    const found = records.find((r): r is Secret => r.id === id && r.type !== 'account');
    if (!found) throw new NotAnAccountError(id, 'no such app password or recovery code');
    return found;
  }

  async function accountById(id: string): Promise<OtpAccountRecord> {
    const found = (await accountRecords()).find((r) => r.id === id);
    if (!found) throw new NotAnAccountError(id);
    return found;
  }

  /** The time codes are computed for: this computer's clock plus the user's correction. */
  function codeNow(): Promise<number> {
    return codeTime(deps.local, deps.now());
  }

  async function addAccount(draft: AccountDraft): Promise<AccountView> {
    const vault = await session.requireUnlocked();
    const candidate = { type: 'account' as const, ...draft, sites: defaultBindingsFor(draft) };
    const existing = findDuplicate(await accountRecords(), candidate);
    if (existing?.type === 'account') throw new DuplicateAccountError(existing.issuer, existing.label);
    const record = await vault.add(candidate);
    session.remember(record);
    return toAccountView(record as OtpAccountRecord, await codeNow());
  }

  /**
   * The last picture of a tab in which "Scan this page" found no code: kept in memory only, for two
   * minutes, and handed out once (the user selects the code on it in the import page).
   */
  let lastCapture: { dataUrl: string; at: number } | null = null;
  const CAPTURE_KEPT_MS = 2 * 60_000;

  const handlers: Handlers = {
    ...createTransferHandlers(session, deps.now),
    'vault.status': status,
    'vault.create': async ({ password }) => session.create(password),
    'vault.unlock': async ({ password }) => session.unlock(password),
    'vault.changePassword': async ({ oldPassword, newPassword }) => {
      const vault = await session.requireUnlocked();
      await vault.changePassword(oldPassword, newPassword);
      return status();
    },
    'vault.lock': async () => {
      await session.lock();
      return status();
    },
    'accounts.list': async () => {
      const { records, damaged } = await session.records();
      const now = await codeNow();
      const accounts = records
        .filter((r): r is OtpAccountRecord => r.type === 'account')
        .sort(compareAccounts)
        .map((r) => toAccountView(r, now));
      return { accounts, damaged, now };
    },
    'accounts.addUri': async ({ uri }) => addAccount(parseOtpauthUri(uri)),
    'accounts.addManual': async ({ type: _, ...fields }) => addAccount(draftFromManualEntry(fields)),
    'accounts.rename': async ({ id, issuer, label }) => {
      const vault = await session.requireUnlocked();
      await accountById(id);
      const updated = await vault.update(id, { issuer: issuer.trim(), label: label.trim() });
      session.remember(updated);
      return toAccountView(updated as OtpAccountRecord, await codeNow());
    },
    'accounts.delete': async ({ id }) => {
      const vault = await session.requireUnlocked();
      await accountById(id);
      await vault.remove(id);
      session.forget(id);
      return { id };
    },
    'accounts.setSites': async ({ id, sites }) => {
      const vault = await session.requireUnlocked();
      await accountById(id);
      // Each entry is checked and made canonical; a bad one fails the whole edit with its reason.
      const canonical = [
        ...new Set(
          sites
            .map((s) => s.trim())
            .filter(Boolean)
            .map(normaliseBinding),
        ),
      ];
      const updated = await vault.update(id, { sites: canonical });
      session.remember(updated);
      return toAccountView(updated as OtpAccountRecord, await codeNow());
    },
    'secrets.list': async () => {
      const { records } = await session.records();
      const secrets = records
        .filter((r): r is Secret => r.type !== 'account')
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((r) => ({
          id: r.id,
          type: r.type,
          provider: r.provider,
          accountEmail: r.accountEmail,
          site: r.site,
          title: titleOf(r),
          createdAt: r.createdAt,
          length: r.type === 'appPassword' ? r.password.length : r.code.length,
          ...(r.type === 'recoveryCode' && r.supersededAt !== undefined && { supersededAt: r.supersededAt }),
        }));
      return { secrets };
    },
    'secrets.reveal': async ({ id }) => {
      const secret = await secretById(id);
      return { value: secret.type === 'appPassword' ? secret.password : secret.code };
    },
    'secrets.delete': async ({ id }) => {
      const vault = await session.requireUnlocked();
      await secretById(id);
      await vault.remove(id);
      session.forget(id);
      return { id };
    },
    'export.imapCsv': async ({ ids, destination }) => {
      const chosen = await Promise.all(ids.map(secretById));
      const passwords = chosen.filter((r): r is AppPasswordRecord => r.type === 'appPassword');
      if (passwords.length !== chosen.length)
        throw new BackgroundError(
          'not-app-password',
          'Only app passwords go into the IMAP migration file, not recovery codes.',
        );
      const providers = new Set(passwords.map((p) => p.provider));
      // microsoft-pages.md §7.1: one migration endpoint is one IMAP server, so one file per provider.
      if (providers.size > 1)
        throw new BackgroundError(
          'mixed-providers',
          `Choose app passwords of one provider per file (found ${[...providers].join(', ')}): each migration batch reads one IMAP server.`,
        );
      const csv = imapMigrationCsv(
        passwords.map((p) => ({
          emailAddress: destination.trim(),
          userName: p.accountEmail,
          password: p.password,
        })),
      );
      return { csv, filename: `imap-migration-${[...providers][0]}.csv`, rows: passwords.length };
    },
    'accounts.hotpNext': async ({ id }) => {
      const vault = await session.requireUnlocked();
      const account = await accountById(id);
      if (account.kind !== 'hotp')
        throw new NotAnAccountError(id, 'it is not a counter-based (HOTP) account');
      // RFC 4226 §7.2: the counter moves forward only; persist it before showing the code.
      const updated = await vault.update(id, { counter: account.counter + 1 });
      session.remember(updated);
      return toAccountView(updated as OtpAccountRecord, await codeNow());
    },
    'settings.get': async () => readSettings(deps.local),
    'settings.set': async ({ type: _, autoSubmitSites, ...settings }) => {
      // Typed sites are checked and made canonical first: a bad entry fails the save with its reason.
      const sites =
        autoSubmitSites === undefined ? {} : { autoSubmitSites: normaliseAutoSubmitSites(autoSubmitSites) };
      const saved: Settings = await writeSettings(deps.local, { ...settings, ...sites });
      await session.touch();
      return saved;
    },
    'page.scan': async ({ tabId }) => {
      const inPage = await deps.scanTab(tabId).catch(() => 0);
      if (inPage > 0) return { inPage, screenshot: null };
      // microsoft-pages.md §3.4: when the page's pixels cannot be read, a capture of the visible tab can.
      const windowId = await deps.windowOfTab(tabId).catch(() => undefined);
      const dataUrl = await deps.tab.captureVisibleTab(windowId);
      const screenshot = await readScreenshot(dataUrl);
      if (screenshot?.kind === 'nothing') {
        lastCapture = { dataUrl, at: deps.now() };
        return { inPage, screenshot: { ...screenshot, selectable: true } };
      }
      return { inPage, screenshot };
    },
    'page.takeCapture': async () => {
      const capture = lastCapture;
      lastCapture = null;
      if (capture === null || deps.now() - capture.at > CAPTURE_KEPT_MS)
        throw new BackgroundError(
          'no-capture',
          'The picture of the page is gone: use “Scan this page” again.',
        );
      return { dataUrl: capture.dataUrl };
    },
    'clock.status': async ({ check }) => {
      const { timeOffsetSeconds } = await readSettings(deps.local);
      let last = await readClockCheck(deps.local);
      // Asked for, or the last check is old: ask the server (a failure keeps the last answer).
      if (check === true || last === null || deps.now() - last.checkedAt > CLOCK_CHECK_EVERY_MS)
        last = (await checkClock(deps.local, deps.readClock, deps.now())) ?? last;
      return {
        skewSeconds: last?.skewSeconds ?? null,
        checkedAt: last?.checkedAt ?? null,
        offsetSeconds: timeOffsetSeconds,
        wrong: clockLooksWrong(last, timeOffsetSeconds),
      };
    },
    'clipboard.copied': async ({ text }) => {
      const { clipboardClearSeconds } = await readSettings(deps.local);
      if (clipboardClearSeconds === 0) {
        await forgetCopied(deps.session); // "never": an earlier copy's clearing must not take this one
        return { clearAt: null };
      }
      const clearAt = deps.now() + clipboardClearSeconds * 1000;
      await rememberCopied(deps.session, text ?? null, clearAt);
      deps.scheduleClipboardClear(clearAt);
      return { clearAt };
    },
  };

  const handleContent = createContentService(session, deps);

  async function dispatch<K extends RequestType>(request: RequestOf<K>): Promise<ResponseMap[K]> {
    const handler = handlers[request.type] as (r: RequestOf<K>) => Promise<ResponseMap[K]>;
    return handler(request);
  }

  /** Entry point for `runtime.onMessage`: always resolves to a plain result object. */
  /** Content scripts: their own, smaller protocol, answered for the sender's frame only. */
  async function handleFromPage(message: unknown, sender: SenderLike): Promise<Result<unknown>> {
    const frame = sender.id === deps.extensionId ? contentFrame(sender) : null;
    if (!frame)
      return fail({ code: 'forbidden', message: 'This request is only accepted from TwoStep’s own pages.' });
    const parsed = v.safeParse(contentRequestSchema, message);
    if (!parsed.success) return fail({ code: 'bad-request', message: 'Malformed request from a page.' });
    try {
      return { ok: true, value: await handleContent(parsed.output, frame) };
    } catch (error) {
      return fail(toErrorInfo(error));
    }
  }

  async function handle(message: unknown, sender: SenderLike): Promise<Result<unknown>> {
    if (!isExtensionPage(sender, deps.extensionId, deps.extensionOrigin))
      return handleFromPage(message, sender);
    const parsed = v.safeParse(requestSchema, message);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue?.path?.map((p) => String(p.key)).join('.') || 'message';
      return fail({
        code: 'bad-request',
        message: `Malformed request (${where}: ${issue?.message ?? 'invalid'}).`,
      });
    }
    const request: Request = parsed.output;
    try {
      if (!isPassive(request)) await session.touchIfUnlocked();
      return { ok: true, value: await dispatch(request) };
    } catch (error) {
      return fail(toErrorInfo(error));
    }
  }

  return {
    handle,
    lock: () => session.lock(),
    onAutoLockAlarm: () => session.onAutoLockAlarm(),
    onBrowserStartup: () => session.lock(),
  };
}

export type BackgroundService = ReturnType<typeof createBackgroundService>;

async function readScreenshot(dataUrl: string): Promise<ScanResult['screenshot']> {
  const pixels = await loadQrImage({ source: 'dataUrl', dataUrl }, undefined, {
    captureVisibleTab: () => Promise.reject(),
  });
  const text = decodeQr(pixels);
  if (text === null) return { kind: 'nothing', reason: 'No QR code is visible on this page.' };
  const payload = classifyQrPayload(text);
  if (payload.kind === 'otpauth')
    return { kind: 'account', issuer: payload.draft.issuer, label: payload.draft.label, uri: text };
  if (payload.kind === 'microsoft-app') return { kind: 'advice', advice: payload.advice };
  if (payload.kind === 'invalid-otpauth') return { kind: 'nothing', reason: payload.error };
  if (payload.kind === 'migration')
    return {
      kind: 'nothing',
      reason:
        'This is a Google Authenticator export: save a screenshot of it and add it under “Import from a picture, a file or another app”.',
    };
  return { kind: 'nothing', reason: payload.advice };
}

function fail(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

/** Known errors keep their code and message; anything else is reported without internals. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (
    error instanceof VaultError ||
    error instanceof OtpError ||
    error instanceof BackgroundError ||
    error instanceof BindingError ||
    error instanceof CsvExportError ||
    error instanceof BackupError ||
    error instanceof QrImageUnavailableError
  ) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    const retry = (error as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof retry === 'number') info.retryAfterMs = retry;
    return info;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong in TwoStep: ${detail}` };
}

export type { StorageArea };
