/**
 * Keeps key derivation cheap when a mutated file is opened with a password. The formats let a file
 * name its own KDF cost, and the importers accept what the apps themselves allow: PBKDF2 up to
 * 10,000,000 iterations (~2 s), scrypt up to 256 MiB, Argon2id up to 1 GiB and t = 10 (a minute in
 * JS), and the Authenticator extension's default Argon2 (19 MiB, 0.2 s) whenever a key has no
 * readable `hash`. Those costs are by design, bounded, and covered by the importers' unit tests;
 * here they would turn 100,000 runs into days and report allowed costs as hangs. So, before an input
 * is read with a password, a cost field inside the accepted range but above the tiny seed values is
 * set back to the seed's; values outside the range are left alone (they are refused before any
 * derivation, which is worth fuzzing). Inputs opened without a password never derive a key.
 */
import { parsePhcArgon2id } from '../../lib/transfer/import/formats/authenticator-extension-crypto';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const within = (value: unknown, low: number, high: number): value is number =>
  typeof value === 'number' && value > low && value <= high;

/** The tiny PHC hash that replaces an unreadable or costly one: m = 8 KiB, t = 1. */
export const CHEAP_PHC =
  '$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

function cheapArgon(hash: unknown): boolean {
  if (typeof hash !== 'string') return false;
  try {
    const phc = parsePhcArgon2id(hash);
    return phc !== undefined && phc.params.m <= 64 && phc.params.t <= 2 && phc.params.p <= 2;
  } catch {
    return true; // over the importer's limits: refused before deriving
  }
}

/** Returns true when it changed something (in place). */
function steerObject(json: JsonObject): boolean {
  let changed = false;
  const set = (target: JsonObject, key: string, value: unknown) => {
    target[key] = value;
    changed = true;
  };
  // Aegis password slots (scrypt N, r, p).
  const header = json.header;
  if (isObject(header) && Array.isArray(header.slots)) {
    for (const slot of header.slots) {
      if (!isObject(slot)) continue;
      if (within(slot.n, 16, 2 ** 20)) set(slot, 'n', 2);
      if (within(slot.r, 4, 32)) set(slot, 'r', 1);
      if (within(slot.p, 4, 16)) set(slot, 'p', 1);
    }
  }
  // Bitwarden (PBKDF2 iterations; Argon2id iterations, MiB, lanes).
  if ('kdfIterations' in json || 'kdfMemory' in json || 'kdfType' in json) {
    if (within(json.kdfIterations, 1000, 10_000_000) && (json.kdfType ?? 0) === 0)
      set(json, 'kdfIterations', 1);
    if (within(json.kdfIterations, 2, 10) && json.kdfType === 1) set(json, 'kdfIterations', 1);
    if (within(json.kdfMemory, 4, 1024)) set(json, 'kdfMemory', 1);
    if (within(json.kdfParallelism, 2, 16)) set(json, 'kdfParallelism', 1);
  }
  // The Authenticator extension's keys (Argon2id from the PHC `hash`, or 19 MiB without one).
  for (const value of Object.values(json)) {
    if (isObject(value) && value.dataType === 'Key' && !cheapArgon(value.hash)) set(value, 'hash', CHEAP_PHC);
  }
  // TwoStep's own backup (PBKDF2 iterations, 1,000–10,000,000).
  if (isObject(json.kdf) && within(json.kdf.iterations, 5_000, 10_000_000))
    set(json.kdf, 'iterations', 1_000);
  return changed;
}

/** A copy of `json` with costly KDF fields set back to tiny values (unchanged when there are none). */
export function steerJson(json: unknown): unknown {
  if (!isObject(json)) return json;
  const copy = structuredClone(json);
  return steerObject(copy) ? copy : json;
}

/** The same for a text: only a text that parses as such a JSON object is rewritten. */
export function steerText(text: string): string {
  // importData drops a BOM before parsing, so the steering must look past it too.
  const body = text.replace(/^\uFEFF/, '');
  if (!/^\s*\{/.test(body)) return text;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return text;
  }
  const steered = steerJson(json);
  return steered === json ? text : JSON.stringify(steered);
}

/**
 * andOTP's current layout starts with a big-endian iteration count (up to 10,000,000 accepted):
 * a mutated header asking for more than 1,000 gets a first byte that puts it above the bound, so
 * the file is read as the old layout (SHA-256 key) instead.
 */
export function steerBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 44) return bytes;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, false);
  if (iterations <= 1000 || iterations > 10_000_000) return bytes;
  const copy = Uint8Array.from(bytes);
  copy[0] = 0x80;
  return copy;
}

/**
 * Steers whatever a target is about to import with a password. A text is steered as JSON, and also
 * as andOTP's binary layout: with a `.aes` or `.bin` name, a text that is neither JSON nor a URI
 * list is read as one, its first four UTF-8 bytes as the iteration count.
 */
export function steerData(data: string | Uint8Array): string | Uint8Array {
  if (typeof data !== 'string') return steerBytes(steerTextBytes(data));
  const text = steerText(data);
  if (text !== data) return text;
  const bytes = new TextEncoder().encode(data);
  const steered = steerBytes(bytes);
  return steered === bytes ? data : steered;
}

/** Bytes that are UTF-8 JSON are steered as text (a file picked as bytes). */
function steerTextBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length === 0 || bytes[0] === undefined) return bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes;
  }
  const steered = steerText(text);
  return steered === text ? bytes : new TextEncoder().encode(steered);
}
