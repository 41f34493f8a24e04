/**
 * The capture inbox: what the user saves from a page while TwoStep is locked.
 *
 * A locked vault cannot encrypt (the data key is gone), yet a setup QR is shown once and must not be
 * lost, and no storage area may hold a plaintext secret. So the vault has an inbox key pair: the
 * ECDH P-256 public key is stored in the clear, the private key sealed under the data key. A capture
 * made while locked is encrypted to the public key (ephemeral ECDH → HKDF-SHA256 → AES-256-GCM, the
 * ECIES shape of SEC 1 §5.1) and stored in `storage.local`; the next unlock opens and saves it.
 */
import { type Bytes, importDataKey, seal, unseal, utf8 } from '../vault/crypto';
import type { StorageArea } from '../vault/types';

export const INBOX_KEY = 'inbox.key';
export const INBOX_ITEMS = 'inbox.items';
const PRIVATE_AAD = 'twostep/inbox/private-key/v1';
const ITEM_AAD = 'twostep/inbox/item/v1';
const ECDH = { name: 'ECDH', namedCurve: 'P-256' } as const;
/** A bound on what a page can make us store while locked. */
const MAX_ITEMS = 50;

interface StoredKey {
  publicKey: JsonWebKey;
  privateKey: { iv: string; data: string };
}
interface SealedItem {
  id: string;
  ephemeral: JsonWebKey;
  iv: string;
  data: string;
  at: number;
}

const subtle = () => globalThis.crypto.subtle;

/** Creates the inbox key pair once per vault (at creation or the first unlock without one). */
export async function ensureInboxKey(local: StorageArea, dataKey: Bytes): Promise<void> {
  if ((await local.get([INBOX_KEY]))[INBOX_KEY]) return;
  const pair = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  const stored: StoredKey = {
    publicKey: await subtle().exportKey('jwk', pair.publicKey),
    privateKey: await seal(await importDataKey(dataKey), pkcs8, PRIVATE_AAD),
  };
  await local.set({ [INBOX_KEY]: stored });
}

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  const shared = await subtle().deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await subtle().importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: utf8(ITEM_AAD) },
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Seals one capture for the next unlock. Returns false when the vault has no inbox key. */
export async function putInInbox(local: StorageArea, item: unknown, now: number): Promise<boolean> {
  const stored = (await local.get([INBOX_KEY, INBOX_ITEMS])) as Record<string, unknown>;
  const key = stored[INBOX_KEY] as StoredKey | undefined;
  if (!key) return false;
  const recipient = await subtle().importKey('jwk', key.publicKey, ECDH, false, []);
  const ephemeral = await subtle().generateKey(ECDH, true, ['deriveBits']);
  const sealed = await seal(
    await aesKey(ephemeral.privateKey, recipient, 'encrypt'),
    utf8(JSON.stringify(item)),
    ITEM_AAD,
  );
  const entry: SealedItem = {
    id: crypto.randomUUID(),
    ephemeral: await subtle().exportKey('jwk', ephemeral.publicKey),
    ...sealed,
    at: now,
  };
  const items = Array.isArray(stored[INBOX_ITEMS]) ? (stored[INBOX_ITEMS] as SealedItem[]) : [];
  await local.set({ [INBOX_ITEMS]: [...items, entry].slice(-MAX_ITEMS) });
  return true;
}

/**
 * Opens every sealed capture with the unlocked data key. Entries that fail authentication are
 * counted as `damaged` and left in place; opened ones are returned with their id so the caller removes them only after they are safely in the vault.
 */
export async function openInbox(
  local: StorageArea,
  dataKey: Bytes,
): Promise<{ items: Array<{ id: string; item: unknown }>; damaged: number }> {
  const stored = (await local.get([INBOX_KEY, INBOX_ITEMS])) as Record<string, unknown>;
  const key = stored[INBOX_KEY] as StoredKey | undefined;
  const entries = Array.isArray(stored[INBOX_ITEMS]) ? (stored[INBOX_ITEMS] as SealedItem[]) : [];
  if (!key || entries.length === 0) return { items: [], damaged: 0 };
  const pkcs8 = await unseal(await importDataKey(dataKey), key.privateKey, PRIVATE_AAD);
  const privateKey = await subtle().importKey('pkcs8', pkcs8, ECDH, false, ['deriveBits']);
  const items: Array<{ id: string; item: unknown }> = [];
  let damaged = 0;
  for (const entry of entries) {
    try {
      const sender = await subtle().importKey('jwk', entry.ephemeral, ECDH, false, []);
      const plain = await unseal(await aesKey(privateKey, sender, 'decrypt'), entry, ITEM_AAD);
      items.push({ id: entry.id, item: JSON.parse(new TextDecoder().decode(plain)) });
    } catch {
      damaged += 1;
    }
  }
  return { items, damaged };
}

/** Drops the entries that were opened (damaged ones stay for a later look). */
export async function clearInbox(local: StorageArea, openedIds: string[]): Promise<void> {
  const stored = (await local.get([INBOX_ITEMS]))[INBOX_ITEMS];
  const entries = Array.isArray(stored) ? (stored as SealedItem[]) : [];
  const done = new Set(openedIds);
  await local.set({ [INBOX_ITEMS]: entries.filter((e) => !done.has(e.id)) });
}
