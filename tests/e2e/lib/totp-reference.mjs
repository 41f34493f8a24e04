// An independent RFC 4226 / RFC 6238 reference, so the stories check the extension's codes against
// something that shares no code with it: node:crypto's HMAC and a ten-line base32 decoder. Do not
// import anything from the project's lib/ here.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 → bytes. Tolerates lower case, spaces, hyphens and '=' padding, like users type. */
export function base32Decode(text) {
  const clean = String(text)
    .toUpperCase()
    .replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${JSON.stringify(ch)} in ${JSON.stringify(text)}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP. `secret` is base32 text or raw bytes; `algorithm` SHA1 | SHA256 | SHA512. */
export function hotp(secret, counter, { digits = 6, algorithm = 'SHA1' } = {}) {
  const key = typeof secret === 'string' ? base32Decode(secret) : Buffer.from(secret);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), key).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step for a moment (ms since epoch). */
export function stepAt(timeMs = Date.now(), period = 30) {
  return Math.floor(timeMs / 1000 / period);
}

/** RFC 6238 TOTP at `time` (ms since epoch, default now). */
export function totp(secret, { time = Date.now(), period = 30, digits = 6, algorithm = 'SHA1' } = {}) {
  return hotp(secret, stepAt(time, period), { digits, algorithm });
}

/** Checks the reference itself against the RFC 6238 appendix B vectors; throws if it is wrong. */
export function selfTest() {
  const seeds = {
    SHA1: Buffer.from('12345678901234567890'),
    SHA256: Buffer.from('12345678901234567890123456789012'),
    SHA512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
  };
  const vectors = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [2000000000, '69279037', '90698825', '38618901'],
  ];
  for (const [t, ...codes] of vectors) {
    ['SHA1', 'SHA256', 'SHA512'].forEach((algorithm, i) => {
      const got = hotp(seeds[algorithm], stepAt(t * 1000), { digits: 8, algorithm });
      if (got !== codes[i])
        throw new Error(`TOTP reference broken: ${algorithm} t=${t} ${got} ≠ ${codes[i]}`);
    });
  }
  // RFC 4226 appendix D, plus the base32 path.
  if (hotp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1) !== '287082') throw new Error('HOTP reference broken');
  return true;
}

/** bytes → RFC 4648 base32, upper case, no padding (for generating test secrets). */
export function base32Encode(bytes) {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}
