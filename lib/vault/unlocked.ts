import type { Bytes } from './crypto';
import type { Envelope } from './envelope';
import {
  type CorruptVaultError,
  InvalidRecordError,
  RecordDamagedError,
  RecordNotFoundError,
  type VaultError,
} from './errors';
import { assertPasswordLength, type Header, unwrapDataKey, verifyKey, wrapDataKey } from './keys';
import { openRecord, sealRecord } from './records';
import { validateRecord } from './schemas';
import { commit, loadSnapshot } from './snapshot';
import type { DamagedRecord, NewRecord, StorageArea, VaultRecord } from './types';

/** What `VaultStore` shares with the vaults it opens: storage, clock, ids and its one write queue. */
export interface VaultContext {
  area: StorageArea;
  iterations: number;
  now: () => number;
  randomId: () => string;
  enqueue<T>(task: () => Promise<T>): Promise<T>;
}

/** Things the UI should tell the user after an unlock or open. */
export type VaultNotice =
  | { kind: 'recovered-from-previous'; error: CorruptVaultError }
  | { kind: 'kdf-upgraded'; from: number; to: number }
  | { kind: 'kdf-upgrade-failed'; error: VaultError };

export interface VaultListing {
  records: VaultRecord[];
  /** Records that failed authentication or validation. They stay in storage untouched. */
  damaged: DamagedRecord[];
}

type Fixed = 'id' | 'type' | 'createdAt' | 'updatedAt';
/** Fields to change; `id`, `type` and `createdAt` cannot change, `updatedAt` is set by the vault. */
export type RecordPatch =
  | Partial<Omit<Extract<VaultRecord, { type: 'account' }>, Fixed>>
  | Partial<Omit<Extract<VaultRecord, { type: 'appPassword' }>, Fixed>>
  | Partial<Omit<Extract<VaultRecord, { type: 'recoveryCode' }>, Fixed>>;

/**
 * Runs one serialised write: re-reads the envelope (another context may have written), proves the
 * key still belongs to it, applies `change`, and commits `{ vault, vault.previous }` in one `set`.
 * `change` returning `next: null` means nothing to write.
 */
export function transact<T>(
  ctx: VaultContext,
  key: CryptoKey,
  change: (base: Envelope, now: number) => Promise<{ next: Envelope | null; result: T }>,
): Promise<T> {
  return ctx.enqueue(async () => {
    const snapshot = await loadSnapshot(ctx.area);
    await verifyKey(key, snapshot.envelope);
    const now = ctx.now();
    const { next, result } = await change(snapshot.envelope, now);
    if (next) await commit(ctx.area, snapshot, next, now);
    return result;
  });
}

function checked(candidate: unknown, label: string): VaultRecord {
  const result = validateRecord(candidate);
  if (!result.ok) throw new InvalidRecordError(label ? `${label}: ${result.detail}` : result.detail);
  return result.record;
}

/** An open vault. Obtain one from `VaultStore.create`, `unlock` or `open`. */
export class UnlockedVault {
  readonly #ctx: VaultContext;
  readonly #raw: Bytes;
  readonly #key: CryptoKey;

  constructor(
    ctx: VaultContext,
    raw: Bytes,
    key: CryptoKey,
    readonly notices: readonly VaultNotice[] = [],
  ) {
    this.#ctx = ctx;
    this.#raw = new Uint8Array(raw);
    this.#key = key;
  }

  /** True when `vault` was unreadable and this vault was opened from `vault.previous` (show it). */
  get recoveredFromPrevious(): boolean {
    return this.notices.some((notice) => notice.kind === 'recovered-from-previous');
  }

  /** A copy of the 32-byte data key, for `storage.session` so a worker restart can `open()` again. */
  rawKey(): Bytes {
    return new Uint8Array(this.#raw);
  }

  /** Reads through the queue too, so a list issued after an add sees it. Storage order is kept. */
  list(): Promise<VaultListing> {
    return this.#ctx.enqueue(async () => {
      const { envelope } = await loadSnapshot(this.#ctx.area);
      await verifyKey(this.#key, envelope);
      const opened = await Promise.all(envelope.records.map((entry) => openRecord(this.#key, entry)));
      const listing: VaultListing = { records: [], damaged: [] };
      for (const item of opened) {
        if (item.ok) listing.records.push(item.record);
        else listing.damaged.push(item.damaged);
      }
      return listing;
    });
  }

  async get(id: string): Promise<VaultRecord> {
    const { records, damaged } = await this.list();
    const found = records.find((record) => record.id === id);
    if (found) return found;
    const broken = damaged.find((record) => record.id === id);
    throw broken ? new RecordDamagedError(id, broken.reason) : new RecordNotFoundError(id);
  }

  async add(record: NewRecord): Promise<VaultRecord> {
    const [added] = await this.addMany([record]);
    if (!added) throw new Error('addMany returned no record for one input');
    return added;
  }

  /** All or nothing: one invalid record rejects the whole batch before anything is written. */
  addMany(records: readonly NewRecord[]): Promise<VaultRecord[]> {
    return transact(this.#ctx, this.#key, async (base, now) => {
      const taken = new Set(base.records.map((entry) => entry.id));
      const built = records.map((record, index) => {
        const id = this.#ctx.randomId();
        const label = records.length > 1 ? `record ${index + 1} of ${records.length}` : '';
        if (taken.has(id))
          throw new InvalidRecordError(`${label || 'record'}: generated id "${id}" is already in use`);
        taken.add(id);
        return checked({ ...record, id, createdAt: now, updatedAt: now }, label);
      });
      const entries = await Promise.all(built.map((record) => sealRecord(this.#key, record)));
      return { next: { ...base, records: [...base.records, ...entries], updatedAt: now }, result: built };
    });
  }

  update(id: string, patch: RecordPatch): Promise<VaultRecord> {
    return transact(this.#ctx, this.#key, async (base, now) => {
      const index = base.records.findIndex((entry) => entry.id === id);
      const entry = base.records[index];
      if (!entry) throw new RecordNotFoundError(id);
      const opened = await openRecord(this.#key, entry);
      if (!opened.ok) throw new RecordDamagedError(id, opened.damaged.reason);
      const current = opened.record;
      const changes = patch as Record<string, unknown>;
      for (const field of ['id', 'type', 'createdAt'] as const) {
        if (field in changes && changes[field] !== current[field]) {
          throw new InvalidRecordError(
            `${field} cannot be changed (it is ${JSON.stringify(current[field])})`,
          );
        }
      }
      const record = checked({ ...current, ...patch, updatedAt: now }, '');
      const sealed = await sealRecord(this.#key, record);
      const records = base.records.map((old, i) => (i === index ? sealed : old));
      return { next: { ...base, records, updatedAt: now }, result: record };
    });
  }

  /** Removes one record, damaged or not (an explicit user action); `vault.previous` still holds it. */
  remove(id: string): Promise<void> {
    return transact(this.#ctx, this.#key, async (base, now) => {
      if (!base.records.some((entry) => entry.id === id)) throw new RecordNotFoundError(id);
      const records = base.records.filter((entry) => entry.id !== id);
      return { next: { ...base, records, updatedAt: now }, result: undefined };
    });
  }

  /**
   * Re-wraps the data key under the new password; records are untouched. The KDF never gets weaker:
   * it uses the store's iterations or the vault's, whichever is higher. The two slow derivations run
   * before the queued write, which re-reads storage as every write does.
   */
  async changePassword(oldPassword: string, newPassword: string): Promise<void> {
    assertPasswordLength(newPassword);
    const { envelope } = await loadSnapshot(this.#ctx.area);
    await unwrapDataKey(oldPassword, envelope);
    const iterations = Math.max(this.#ctx.iterations, envelope.kdf.iterations);
    const header: Header = await wrapDataKey(newPassword, this.#raw, iterations);
    await transact(this.#ctx, this.#key, async (base, now) => ({
      next: { ...base, ...header, updatedAt: now },
      result: undefined,
    }));
  }
}
