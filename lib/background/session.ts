/**
 * The unlocked state: the vault's data key in memory and in `storage.session`, auto-lock, and the
 * wrong-password delay.
 *
 * Why `storage.session`: Chromium stops an idle MV3 service worker after ~30 s, and Firefox
 * suspends the event page; keeping the raw data key there means the user is not asked for the
 * master password again every minute. The area lives in memory only, is cleared when the browser
 * closes, and is not readable by content scripts (its default access level is trusted contexts).
 */
import type { SaveResult } from '../messaging/content-protocol';
import type { VaultStatus } from '../messaging/protocol';
import { LOCAL_KEYS, SESSION_KEYS } from '../storage/keys';
import { base64ToBytes, bytesToBase64, type UnlockedVault, VaultStore, WrongPasswordError } from '../vault';
import type { DamagedRecord, NewRecord, StorageArea, VaultRecord } from '../vault/types';
import { findDuplicate, titleOf } from './capture';
import { LockedError, TooManyAttemptsError } from './errors';
import { clearInbox, ensureInboxKey, openInbox } from './inbox';
import { type FailureState, recordFailure, retryAfterMs } from './lockout';
import { readSettings } from './settings';

export interface SessionDeps {
  local: StorageArea;
  session: StorageArea;
  now: () => number;
  scheduleAutoLock: (at: number) => void;
  cancelAutoLock: () => void;
  /** Tells open pages that codes are available again (content scripts re-check their fields). */
  onUnlocked?: () => void;
  /** Tests lower the KDF cost; production keeps the vault's default. */
  vaultOptions?: ConstructorParameters<typeof VaultStore>[1];
}

interface Listing {
  records: VaultRecord[];
  damaged: DamagedRecord[];
}

export class VaultSession {
  private readonly store: VaultStore;
  private unlocked: UnlockedVault | null = null;
  private restoring: Promise<UnlockedVault | null> | null = null;
  private listing: Listing | null = null;

  constructor(private readonly deps: SessionDeps) {
    this.store = new VaultStore(deps.local, deps.vaultOptions);
  }

  async status(): Promise<VaultStatus> {
    const retry = retryAfterMs(await this.failures(), this.deps.now());
    if (await this.current()) return { state: 'unlocked', retryAfterMs: 0 };
    return { state: (await this.store.exists()) ? 'locked' : 'none', retryAfterMs: retry };
  }

  async create(password: string): Promise<VaultStatus> {
    await this.adopt(await this.store.create(password));
    return this.status();
  }

  async unlock(password: string): Promise<VaultStatus & { recoveredFromPrevious: boolean }> {
    const failures = await this.failures();
    const wait = retryAfterMs(failures, this.deps.now());
    if (wait > 0) throw new TooManyAttemptsError(wait);
    let vault: UnlockedVault;
    try {
      vault = await this.store.unlock(password);
    } catch (error) {
      if (error instanceof WrongPasswordError) {
        const next = recordFailure(failures, this.deps.now());
        await this.deps.local.set({ [LOCAL_KEYS.unlockFailures]: next });
        const retry = retryAfterMs(next, this.deps.now());
        if (retry > 0) Object.assign(error, { retryAfterMs: retry });
      }
      throw error;
    }
    await this.deps.local.remove([LOCAL_KEYS.unlockFailures]);
    await this.adopt(vault);
    return { ...(await this.status()), recoveredFromPrevious: vault.recoveredFromPrevious };
  }

  async lock(): Promise<void> {
    this.unlocked = null;
    this.listing = null;
    this.restoring = null;
    this.deps.cancelAutoLock();
    await this.deps.session.remove([SESSION_KEYS.dataKey, SESSION_KEYS.lastActivity]);
  }

  async isUnlocked(): Promise<boolean> {
    return (await this.current()) !== null;
  }

  /** Adds a record unless the same secret, code or password is already stored. */
  async saveOnce(record: NewRecord): Promise<SaveResult> {
    const vault = await this.requireUnlocked();
    const duplicate = findDuplicate((await this.records()).records, record);
    if (duplicate) return { status: 'duplicate', title: titleOf(duplicate) };
    const saved = await vault.add(record);
    this.remember(saved);
    if (saved.type === 'recoveryCode') await this.supersedeOlder(saved);
    return { status: 'saved', title: titleOf(saved) };
  }

  /** Marks the account's earlier recovery codes as superseded by `newer`; none is deleted. */
  private async supersedeOlder(newer: VaultRecord & { type: 'recoveryCode' }): Promise<void> {
    const vault = await this.requireUnlocked();
    const older = (await this.records()).records.filter(
      (r) =>
        r.type === 'recoveryCode' &&
        r.id !== newer.id &&
        r.supersededAt === undefined &&
        r.provider === newer.provider &&
        r.accountEmail === newer.accountEmail,
    );
    for (const record of older)
      this.remember(await vault.update(record.id, { supersededAt: newer.createdAt }));
  }

  async requireUnlocked(): Promise<UnlockedVault> {
    const vault = await this.current();
    if (!vault) throw new LockedError();
    return vault;
  }

  /** Decrypted records, cached in memory while unlocked (500 accounts are decrypted once, not per refresh). */
  async records(): Promise<Listing> {
    const vault = await this.requireUnlocked();
    this.listing ??= await vault.list();
    return this.listing;
  }

  /** Keeps the decrypted cache in step with a write this session just made (no re-decrypt of all). */
  remember(record: VaultRecord): void {
    if (!this.listing) return;
    const others = this.listing.records.filter((r) => r.id !== record.id);
    this.listing = { ...this.listing, records: [...others, record] };
  }

  forget(id: string): void {
    if (!this.listing) return;
    this.listing = { ...this.listing, records: this.listing.records.filter((r) => r.id !== id) };
  }

  /** Any deliberate use of TwoStep postpones auto-lock by the configured idle time. */
  async touch(): Promise<void> {
    const now = this.deps.now();
    const { autoLockMinutes } = await readSettings(this.deps.local);
    await this.deps.session.set({ [SESSION_KEYS.lastActivity]: now });
    this.deps.scheduleAutoLock(now + autoLockMinutes * 60_000);
  }

  async touchIfUnlocked(): Promise<void> {
    if (await this.current()) await this.touch();
  }

  /** The alarm may fire late or after activity moved the deadline: decide from the stored time. */
  async onAutoLockAlarm(): Promise<void> {
    const deadline = await this.lockDeadline();
    if (deadline === null || this.deps.now() >= deadline) await this.lock();
    else this.deps.scheduleAutoLock(deadline);
  }

  private async adopt(vault: UnlockedVault): Promise<void> {
    this.unlocked = vault;
    this.listing = null;
    await this.deps.session.set({ [SESSION_KEYS.dataKey]: bytesToBase64(vault.rawKey()) });
    await this.touch();
    await ensureInboxKey(this.deps.local, vault.rawKey());
    await this.drainInbox(vault);
    this.deps.onUnlocked?.();
  }

  /** Saves what was captured while locked; an entry leaves the inbox only once it is in the vault. */
  private async drainInbox(vault: UnlockedVault): Promise<void> {
    const { items } = await openInbox(this.deps.local, vault.rawKey());
    const done: string[] = [];
    for (const { id, item } of items) {
      try {
        await this.saveOnce(item as NewRecord);
        done.push(id);
      } catch {
        // Invalid or unwritable: left in the inbox, never dropped silently.
      }
    }
    if (done.length) await clearInbox(this.deps.local, done);
  }

  /** The unlocked vault, re-opened from `storage.session` after a background restart if needed. */
  private async current(): Promise<UnlockedVault | null> {
    if (this.unlocked) return this.unlocked;
    this.restoring ??= this.restore().finally(() => {
      this.restoring = null;
    });
    return this.restoring;
  }

  private async restore(): Promise<UnlockedVault | null> {
    const stored = await this.deps.session.get([SESSION_KEYS.dataKey]);
    const key = stored[SESSION_KEYS.dataKey];
    if (typeof key !== 'string') return null;
    // The worker may have slept through the auto-lock alarm's deadline.
    if (await this.isIdleTooLong()) {
      await this.lock();
      return null;
    }
    try {
      this.unlocked = await this.store.open(base64ToBytes(key));
      return this.unlocked;
    } catch {
      // A key that no longer opens the vault (vault replaced elsewhere): forget it, ask for the password.
      await this.lock();
      return null;
    }
  }

  /** When auto-lock is due: the last use plus the idle time; null when no use is recorded. */
  private async lockDeadline(): Promise<number | null> {
    const stored = await this.deps.session.get([SESSION_KEYS.lastActivity]);
    const last = stored[SESSION_KEYS.lastActivity];
    if (typeof last !== 'number') return null;
    const { autoLockMinutes } = await readSettings(this.deps.local);
    return last + autoLockMinutes * 60_000;
  }

  private async isIdleTooLong(): Promise<boolean> {
    const deadline = await this.lockDeadline();
    return deadline === null || this.deps.now() >= deadline;
  }

  private async failures(): Promise<FailureState | undefined> {
    const stored = (await this.deps.local.get([LOCAL_KEYS.unlockFailures]))[LOCAL_KEYS.unlockFailures];
    return stored && typeof stored === 'object' ? (stored as FailureState) : undefined;
  }
}
