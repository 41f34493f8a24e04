/**
 * Reading and writing the stored envelope. Every write stores the new envelope and the one it
 * replaces in ONE `area.set` call (a single storage transaction in Chrome and Firefox), so a failed
 * or interrupted write leaves either the old state or the new one, and the state before the latest
 * write is always kept in `vault.previous` (peers.md §7, data loss: never delete, snapshot first).
 */
import { DAMAGED_KEY, type Envelope, PREVIOUS_KEY, readEnvelope, VAULT_KEY } from './envelope';
import { CorruptVaultError, NoVaultError, StorageWriteError } from './errors';
import type { StorageArea } from './types';

export interface Snapshot {
  /** The stored values exactly as read, to carry forward untouched. */
  raw: Record<string, unknown>;
  /** The envelope to work from: `vault`, or `vault.previous` when `vault` is unreadable. */
  envelope: Envelope;
  source: 'vault' | 'previous';
  /** Why `vault` could not be used, when `source` is `previous`. */
  latestError?: CorruptVaultError;
}

export async function hasVault(area: StorageArea): Promise<boolean> {
  const raw = await area.get([VAULT_KEY, PREVIOUS_KEY]);
  return raw[VAULT_KEY] !== undefined || raw[PREVIOUS_KEY] !== undefined;
}

/**
 * Throws `NoVaultError`, `UnsupportedVaultVersionError` (never falls back past a newer format: that
 * would show stale data and then overwrite the newer vault) or `CorruptVaultError` when neither copy
 * is readable.
 */
export async function loadSnapshot(area: StorageArea): Promise<Snapshot> {
  const raw = await area.get([VAULT_KEY, PREVIOUS_KEY, DAMAGED_KEY]);
  if (raw[VAULT_KEY] === undefined && raw[PREVIOUS_KEY] === undefined) throw new NoVaultError();
  try {
    return { raw, envelope: readEnvelope(raw[VAULT_KEY]), source: 'vault' };
  } catch (error) {
    if (!(error instanceof CorruptVaultError) || raw[PREVIOUS_KEY] === undefined) throw error;
    let previous: Envelope;
    try {
      previous = readEnvelope(raw[PREVIOUS_KEY]);
    } catch (previousError) {
      if (!(previousError instanceof CorruptVaultError)) throw previousError;
      throw new CorruptVaultError(
        `${error.detail}; the previous copy is unreadable too (${previousError.detail})`,
        {
          cause: error,
        },
      );
    }
    return { raw, envelope: previous, source: 'previous', latestError: error };
  }
}

/**
 * Writes `next` with the snapshot's current value as `vault.previous`. When the snapshot came from
 * `vault.previous`, the good previous copy stays and the unreadable `vault` value is appended to
 * `vault.damaged` for later inspection or support, instead of being overwritten.
 */
export async function commit(
  area: StorageArea,
  snapshot: Snapshot,
  next: Envelope,
  now: number,
): Promise<void> {
  const items: Record<string, unknown> = { [VAULT_KEY]: next };
  if (snapshot.source === 'vault') {
    items[PREVIOUS_KEY] = snapshot.raw[VAULT_KEY];
  } else {
    items[PREVIOUS_KEY] = snapshot.raw[PREVIOUS_KEY];
    const kept = snapshot.raw[DAMAGED_KEY];
    const list = Array.isArray(kept) ? kept : kept === undefined ? [] : [kept];
    if (snapshot.raw[VAULT_KEY] !== undefined) {
      items[DAMAGED_KEY] = [...list, { savedAt: now, value: snapshot.raw[VAULT_KEY] }];
    }
  }
  try {
    await area.set(items);
  } catch (cause) {
    throw new StorageWriteError({ cause });
  }
}

/** The first write of a new vault: there is nothing to keep as `vault.previous`. */
export async function commitNew(area: StorageArea, envelope: Envelope): Promise<void> {
  try {
    await area.set({ [VAULT_KEY]: envelope });
  } catch (cause) {
    throw new StorageWriteError({ cause });
  }
}
