// Looks for secrets in a storage dump, in every encoding a careless implementation might use.
// Two passes: the plain text of the dump, then the bytes behind every base64/hex-looking string
// and byte array in it (catches "encoded, not encrypted", whatever the alignment or framing).
import { base32Decode } from './totp-reference.mjs';

/** The text forms a secret could be stored in. `typed` is the text as entered (spaces, case). */
export function secretForms(base32, typed) {
  const raw = base32Decode(base32);
  const b32 = base32.toUpperCase().replace(/[\s=-]/g, '');
  const std = raw.toString('base64');
  const url = raw.toString('base64url');
  const forms = {
    'base32 upper': b32,
    'base32 lower': b32.toLowerCase(),
    'hex lower': raw.toString('hex'),
    'hex upper': raw.toString('hex').toUpperCase(),
    'base64 padded': std,
    'base64 unpadded': std.replace(/=+$/, ''),
    'base64url unpadded': url,
    'base64url padded': url + '='.repeat((4 - (url.length % 4)) % 4),
  };
  if (typed && typed !== b32) forms['as typed'] = typed;
  return { raw, forms };
}

/**
 * @param {unknown} dump `{ local, session, sync }`
 * @param {{ secrets: Array<{ name: string, base32: string, typed?: string }>, passwords?: string[] }} needles
 * @returns {string[]} one line per finding; empty when clean
 */
export function findLeaks(dump, { secrets, passwords = [] }) {
  const text = JSON.stringify(dump);
  const findings = [];
  const byteNeedles = [];
  for (const s of secrets) {
    const { raw, forms } = secretForms(s.base32, s.typed);
    for (const [encoding, form] of Object.entries(forms)) {
      if (text.includes(form)) findings.push(`secret ${s.name} as ${encoding}: ${form}`);
    }
    byteNeedles.push([`secret ${s.name} (raw bytes)`, raw]);
    byteNeedles.push([`secret ${s.name} (base32 text)`, Buffer.from(forms['base32 upper'])]);
  }
  for (const p of passwords) {
    if (text.includes(p) || text.includes(JSON.stringify(p).slice(1, -1)))
      findings.push('the master password');
    byteNeedles.push(['the master password (bytes)', Buffer.from(p)]);
  }
  for (const [where, bytes] of decodedBlobs(dump)) {
    for (const [what, needle] of byteNeedles) {
      if (bytes.includes(needle)) findings.push(`${what} inside a decoded value at ${where}`);
    }
  }
  return [...new Set(findings)];
}

/** Yields [path, Buffer] for each string that decodes as base64/base64url/hex, and each byte array. */
function* decodedBlobs(value, where = '$') {
  if (typeof value === 'string') {
    if (value.length >= 16 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
      yield [where, Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64')];
    }
    if (value.length >= 16 && value.length % 2 === 0 && /^[0-9a-fA-F]+$/.test(value)) {
      yield [where, Buffer.from(value, 'hex')];
    }
    return;
  }
  if (!value || typeof value !== 'object') return;
  // A Uint8Array that went through JSON becomes [1,2,…] or {"0":1,"1":2,…}.
  const numbers = Object.values(value);
  if (numbers.length >= 8 && numbers.every((n) => Number.isInteger(n) && n >= 0 && n <= 255)) {
    yield [where, Buffer.from(numbers)];
    return;
  }
  for (const [key, child] of Object.entries(value)) yield* decodedBlobs(child, `${where}.${key}`);
}
