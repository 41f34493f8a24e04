/**
 * The background's request handling: validates every message, checks the sender, and runs the
 * vault and OTP code. The entrypoint only wires browser events to this; tests drive it directly
 * with in-memory storage and constructed senders.
 */
import * as v from 'valibot';
import {
  type AccountView,
  type ErrorInfo,
  type Request,
  type RequestOf,
  type RequestType,
  type ResponseMap,
  type Result,
  requestSchema,
  type Settings,
  type VaultStatus,
} from '../messaging/protocol';
import { draftFromManualEntry, OtpError, parseOtpauthUri } from '../otp';
import type { AccountDraft } from '../otp/types';
import { VaultError } from '../vault';
import type { OtpAccountRecord, StorageArea } from '../vault/types';
import { compareAccounts, toAccountView } from './account-view';
import { BackgroundError, DuplicateAccountError, NotAnAccountError } from './errors';
import { isExtensionPage, type SenderLike } from './sender';
import { type SessionDeps, VaultSession } from './session';
import { readSettings, writeSettings } from './settings';

export interface BackgroundDeps extends SessionDeps {
  extensionId: string;
  /** e.g. `chrome-extension://<id>/`: only pages on this origin may use the popup protocol. */
  extensionOrigin: string;
  scheduleClipboardClear: (at: number) => void;
}

type Handlers = { [K in RequestType]: (request: RequestOf<K>) => Promise<ResponseMap[K]> };

/** Requests a page sends by itself (on open, on refresh timers): they must not postpone auto-lock. */
function isPassive(request: Request): boolean {
  return (
    request.type === 'vault.status' ||
    request.type === 'settings.get' ||
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

  async function accountById(id: string): Promise<OtpAccountRecord> {
    const found = (await accountRecords()).find((r) => r.id === id);
    if (!found) throw new NotAnAccountError(id);
    return found;
  }

  async function addAccount(draft: AccountDraft): Promise<AccountView> {
    const vault = await session.requireUnlocked();
    const existing = (await accountRecords()).find((r) => r.secret === draft.secret && r.kind === draft.kind);
    if (existing) throw new DuplicateAccountError(existing.issuer, existing.label);
    const record = await vault.add({ type: 'account', ...draft, sites: [] });
    session.remember(record);
    return toAccountView(record as OtpAccountRecord, deps.now());
  }

  const handlers: Handlers = {
    'vault.status': status,
    'vault.create': async ({ password }) => session.create(password),
    'vault.unlock': async ({ password }) => session.unlock(password),
    'vault.lock': async () => {
      await session.lock();
      return status();
    },
    'accounts.list': async () => {
      const { records, damaged } = await session.records();
      const now = deps.now();
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
      return toAccountView(updated as OtpAccountRecord, deps.now());
    },
    'accounts.delete': async ({ id }) => {
      const vault = await session.requireUnlocked();
      await accountById(id);
      await vault.remove(id);
      session.forget(id);
      return { id };
    },
    'accounts.hotpNext': async ({ id }) => {
      const vault = await session.requireUnlocked();
      const account = await accountById(id);
      if (account.kind !== 'hotp')
        throw new NotAnAccountError(id, 'it is not a counter-based (HOTP) account');
      // RFC 4226 §7.2: the counter moves forward only; persist it before showing the code.
      const updated = await vault.update(id, { counter: account.counter + 1 });
      session.remember(updated);
      return toAccountView(updated as OtpAccountRecord, deps.now());
    },
    'settings.get': async () => readSettings(deps.local),
    'settings.set': async ({ type: _, ...settings }) => {
      const saved: Settings = await writeSettings(deps.local, settings);
      await session.touch();
      return saved;
    },
    'clipboard.copied': async () => {
      const { clipboardClearSeconds } = await readSettings(deps.local);
      if (clipboardClearSeconds === 0) return { clearAt: null };
      const clearAt = deps.now() + clipboardClearSeconds * 1000;
      deps.scheduleClipboardClear(clearAt);
      return { clearAt };
    },
  };

  async function dispatch<K extends RequestType>(request: RequestOf<K>): Promise<ResponseMap[K]> {
    const handler = handlers[request.type] as (r: RequestOf<K>) => Promise<ResponseMap[K]>;
    return handler(request);
  }

  /** Entry point for `runtime.onMessage`: always resolves to a plain result object. */
  async function handle(message: unknown, sender: SenderLike): Promise<Result<unknown>> {
    if (!isExtensionPage(sender, deps.extensionId, deps.extensionOrigin)) {
      return fail({ code: 'forbidden', message: 'This request is only accepted from TwoStep’s own pages.' });
    }
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

function fail(error: ErrorInfo): Result<never> {
  return { ok: false, error };
}

/** Known errors keep their code and message; anything else is reported without internals. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof VaultError || error instanceof OtpError || error instanceof BackgroundError) {
    const info: ErrorInfo = { code: error.code, message: error.message };
    const retry = (error as { retryAfterMs?: unknown }).retryAfterMs;
    if (typeof retry === 'number') info.retryAfterMs = retry;
    return info;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Something went wrong in TwoStep: ${detail}` };
}

export type { StorageArea };
