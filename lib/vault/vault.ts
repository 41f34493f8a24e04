/**
 * The vault the background worker uses: create, unlock with the password, or re-open with the raw
 * data key kept in `storage.session` after an MV3 service-worker restart.
 */
import { type Bytes, DEFAULT_KDF_ITERATIONS, generateDataKey, importDataKey } from './crypto';
import { CURRENT_VERSION, type Envelope, MAX_KDF_ITERATIONS, VAULT_FORMAT } from './envelope';
import { CorruptVaultError, VaultError, VaultExistsError, WrongKeyError } from './errors';
import {
  assertPasswordLength,
  importVerifiedKey,
  makeKeyCheck,
  unwrapDataKey,
  verifyKey,
  wrapDataKey,
} from './keys';
import { commitNew, hasVault, loadSnapshot, type Snapshot } from './snapshot';
import type { StorageArea } from './types';
import { transact, UnlockedVault, type VaultContext, type VaultNotice } from './unlocked';

export interface VaultStoreOptions {
  /** PBKDF2 iterations for new wraps; default `DEFAULT_KDF_ITERATIONS`. Tests pass ~1,000 for speed. */
  iterations?: number;
  now?: () => number;
  randomId?: () => string;
}

export class VaultStore {
  readonly #ctx: VaultContext;
  /** Tail of the write queue: every write of every vault opened from this store runs after it. */
  #tail: Promise<unknown> = Promise.resolve();

  constructor(area: StorageArea, options: VaultStoreOptions = {}) {
    const iterations = options.iterations ?? DEFAULT_KDF_ITERATIONS;
    if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_KDF_ITERATIONS) {
      throw new RangeError(
        `iterations must be a whole number from 1 to ${MAX_KDF_ITERATIONS}, got ${iterations}`,
      );
    }
    this.#ctx = {
      area,
      iterations,
      now: options.now ?? Date.now,
      randomId: options.randomId ?? (() => globalThis.crypto.randomUUID()),
      enqueue: (task) => this.#enqueue(task),
    };
  }

  /** True when either copy (`vault` or `vault.previous`) is stored, readable or not. */
  exists(): Promise<boolean> {
    return hasVault(this.#ctx.area);
  }

  /** Throws `PasswordTooShortError`, or `VaultExistsError` (an existing vault is never overwritten). */
  async create(password: string): Promise<UnlockedVault> {
    assertPasswordLength(password);
    const ctx = this.#ctx;
    const raw = await generateDataKey();
    const key = await importDataKey(raw);
    const header = await wrapDataKey(password, raw, ctx.iterations);
    const envelope: Envelope = {
      format: VAULT_FORMAT,
      version: CURRENT_VERSION,
      ...header,
      keyCheck: await makeKeyCheck(key),
      records: [],
      updatedAt: ctx.now(),
    };
    // The existence check and the write share one queue slot, so two creates cannot both succeed.
    return this.#enqueue(async () => {
      if (await hasVault(ctx.area)) throw new VaultExistsError();
      await commitNew(ctx.area, envelope);
      return new UnlockedVault(ctx, raw, key);
    });
  }

  /**
   * Throws `WrongPasswordError`, `CorruptVaultError`, `UnsupportedVaultVersionError`, `NoVaultError`.
   * If `vault` is unreadable but `vault.previous` is good, unlocks from it and reports a
   * `recovered-from-previous` notice; nothing is deleted. A vault whose KDF is weaker than this
   * store's is re-wrapped with the current parameters (header only; records untouched).
   */
  async unlock(password: string): Promise<UnlockedVault> {
    const snapshot = await loadSnapshot(this.#ctx.area);
    const raw = await unwrapDataKey(password, snapshot.envelope);
    const key = await importDataKey(raw);
    try {
      await verifyKey(key, snapshot.envelope);
    } catch (cause) {
      if (!(cause instanceof WrongKeyError)) throw cause;
      throw new CorruptVaultError('the key check value does not match the data key the password unwrapped', {
        cause,
      });
    }
    const notices: VaultNotice[] = [];
    if (snapshot.latestError) {
      notices.push({ kind: 'recovered-from-previous', error: snapshot.latestError });
    } else if (snapshot.envelope.kdf.iterations < this.#ctx.iterations) {
      const notice = await this.#upgradeKdf(snapshot, password, raw, key);
      if (notice) notices.push(notice);
    }
    return new UnlockedVault(this.#ctx, raw, key, notices);
  }

  /** Re-opens with a raw data key from `storage.session`; `WrongKeyError` if it is not this vault's. */
  async open(rawKey: Uint8Array): Promise<UnlockedVault> {
    const snapshot = await loadSnapshot(this.#ctx.area);
    const raw: Bytes = new Uint8Array(rawKey);
    const key = await importVerifiedKey(raw, snapshot.envelope);
    const notices: VaultNotice[] = snapshot.latestError
      ? [{ kind: 'recovered-from-previous', error: snapshot.latestError }]
      : [];
    return new UnlockedVault(this.#ctx, raw, key, notices);
  }

  /**
   * OWASP raises its PBKDF2 minimum over time (310,000 in 2021, 600,000 since 2023); only an unlock
   * has the password to re-wrap with. The write is skipped if the header changed meanwhile (another
   * context changed the password or upgraded first). A failed write does not fail the unlock.
   */
  async #upgradeKdf(
    snapshot: Snapshot,
    password: string,
    raw: Bytes,
    key: CryptoKey,
  ): Promise<VaultNotice | null> {
    const old = snapshot.envelope;
    const to = this.#ctx.iterations;
    try {
      const header = await wrapDataKey(password, raw, to);
      const written = await transact(this.#ctx, key, async (base, now) => {
        const unchanged = base.kdf.salt === old.kdf.salt && base.wrappedKey.data === old.wrappedKey.data;
        return unchanged
          ? { next: { ...base, ...header, updatedAt: now }, result: true }
          : { next: null, result: false };
      });
      return written ? { kind: 'kdf-upgraded', from: old.kdf.iterations, to } : null;
    } catch (error) {
      if (error instanceof VaultError) return { kind: 'kdf-upgrade-failed', error };
      throw error;
    }
  }

  #enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
