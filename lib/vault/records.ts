/**
 * Per-record encryption. Each record is its own AES-GCM ciphertext under the data key, with
 * associated data `twostep/record/v1/<id>/<type>`: a ciphertext copied or swapped onto another
 * record fails authentication instead of showing one account's secret under another's name.
 */
import { AuthenticationError, MalformedCiphertextError, seal, unseal, utf8 } from './crypto';
import { type RecordEntry, recordAad } from './envelope';
import { validateRecord } from './schemas';
import type { DamagedRecord, VaultRecord } from './types';

export async function sealRecord(key: CryptoKey, record: VaultRecord): Promise<RecordEntry> {
  const sealed = await seal(key, utf8(JSON.stringify(record)), recordAad(record.id, record.type));
  return { id: record.id, type: record.type, iv: sealed.iv, data: sealed.data };
}

export type OpenedRecord = { ok: true; record: VaultRecord } | { ok: false; damaged: DamagedRecord };

/** Never throws for bad stored data: a record that cannot be trusted comes back as `damaged`. */
export async function openRecord(key: CryptoKey, entry: RecordEntry): Promise<OpenedRecord> {
  const damaged = (reason: string): OpenedRecord => ({
    ok: false,
    damaged: { id: entry.id, type: entry.type, reason },
  });
  let plain: Uint8Array;
  try {
    plain = await unseal(key, entry, recordAad(entry.id, entry.type));
  } catch (cause) {
    if (cause instanceof MalformedCiphertextError) return damaged(cause.message);
    if (cause instanceof AuthenticationError) {
      return damaged('failed authentication: its ciphertext was altered or belongs to another record');
    }
    throw cause;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    return damaged('decrypted, but the content is not JSON');
  }
  const result = validateRecord(parsed);
  if (!result.ok) return damaged(`decrypted, but invalid: ${result.detail}`);
  // The associated data already binds id and type; this guards against a writer bug.
  if (result.record.id !== entry.id || result.record.type !== entry.type) {
    return damaged('decrypted, but its id or type differs from the stored entry');
  }
  return { ok: true, record: result.record };
}
