/**
 * Mutators for seeds: a list of edits, drawn by fast-check and applied deterministically, so a
 * failing input shrinks to the fewest and smallest edits of a valid file. Three levels: JSON
 * structure (replace, delete, insert, duplicate nodes), text (splice characters and tokens) and
 * bytes (flip, set, splice, truncate).
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Strings that steer a value into the branches parsers care about (types, schemes, encodings). */
export const INTERESTING_STRINGS: readonly string[] = [
  '',
  ' ',
  'TOTP',
  'totp',
  'HOTP',
  'hotp',
  'STEAM',
  'steam',
  'MOTP',
  'motp',
  'yandex',
  'battle',
  'hex',
  'hhex',
  'Totp',
  'Steam',
  'SHA1',
  'sha256',
  'SHA-512',
  'MD5',
  'GOST',
  'Key',
  'EncOTPStorage',
  'OTPStorage',
  'JBSWY3DPEHPK3PXP',
  'jbsw y3dp ehpk 3pxp',
  'JBSWY3DPEHPK3PX=',
  'A',
  'AAA',
  'AB======',
  '0',
  '1',
  '-1',
  '6',
  '30',
  '1e3',
  '99999999999999999999',
  'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP',
  'otpauth://hotp/a?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/Steam:a?secret=JBSWY3DPEHPK3PXP&issuer=Steam',
  'steam://JBSWY3DPEHPK3PXP',
  'otpauth-migration://offline?data=',
  'https://example.com/',
  'example.com',
  'blz-JBSWY3DPEHPK3PXP',
  'stm-JBSWY3DPEHPK3PXP',
  'deadbeef',
  '$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
  '2.AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAA==|AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
  'U2FsdGVkX18AAAAAAAAAAA==',
  'AAAA:AAAA:AAAA',
  '\u0000',
  '\uD800',
  '\uFEFF',
  '\u00A0',
  '%',
  '%zz',
  '"',
  '\\',
  '\n',
  'x'.repeat(300),
];

/** Numbers at the edges of every range the formats use. */
export const INTERESTING_NUMBERS: readonly number[] = [
  0,
  -0,
  1,
  -1,
  2,
  4,
  5,
  6,
  7,
  8,
  10,
  11,
  15,
  16,
  30,
  31,
  60,
  255,
  256,
  1000,
  65535,
  2 ** 31 - 1,
  2 ** 31,
  2 ** 32,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  0.5,
  1.5,
  1e21,
  -1e21,
  1e308,
  Number.MIN_VALUE,
];

/** Fragments that turn random text into almost-valid text of the formats. */
export const TEXT_TOKENS: readonly string[] = [
  'otpauth://',
  'otpauth-migration://offline?data=',
  'steam://',
  'totp/',
  'hotp/',
  '?',
  '&',
  '=',
  ':',
  '%3A',
  '%',
  '#',
  '+',
  '/',
  '"',
  ',',
  '""',
  '\r\n',
  '\n',
  '\r',
  '{',
  '}',
  '[',
  ']',
  'null',
  'secret=',
  'issuer=',
  'digits=',
  'period=',
  'counter=',
  'algorithm=',
  'JBSWY3DPEHPK3PXP',
  '\uD800',
  '\uFEFF',
  '\u0000',
  '0',
  '-1',
  'login_totp',
];

export interface TextEdit {
  at: number;
  remove: number;
  insert: string;
}

export const textEdit: fc.Arbitrary<TextEdit> = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.nat({ max: 4 }), fc.nat({ max: 64 })),
  insert: fc.oneof(
    fc.constantFrom(...TEXT_TOKENS),
    fc.string({ unit: 'binary', maxLength: 4 }),
    fc.string({ maxLength: 4 }),
    fc.constant(''),
  ),
});

export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  for (const { at, remove, insert } of edits) {
    const i = at % (out.length + 1);
    out = out.slice(0, i) + insert + out.slice(i + remove);
  }
  return out;
}

const leaf: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...INTERESTING_STRINGS),
  fc.constantFrom<Json>(...INTERESTING_NUMBERS),
  fc.constantFrom<Json>(null, true, false, [], {}),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A replacement value: mostly a leaf, sometimes a small tree. */
export const jsonReplacement: fc.Arbitrary<Json> = fc.oneof(
  { weight: 5, arbitrary: leaf },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> },
);

export type JsonEdit =
  | { op: 'replace'; at: number; value: Json }
  | { op: 'delete'; at: number }
  | { op: 'insert'; at: number; key: string; value: Json }
  | { op: 'duplicate'; at: number }
  | { op: 'string'; at: number; edits: TextEdit[] }
  | { op: 'number'; at: number; value: number };

export const jsonEdit: fc.Arbitrary<JsonEdit> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: jsonReplacement }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('insert' as const),
      at: fc.nat(),
      key: fc.oneof(
        fc.constantFrom('type', 'secret', 'encrypted', 'version', 'data', '__proto__'),
        fc.string(),
      ),
      value: jsonReplacement,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('string' as const),
      at: fc.nat(),
      edits: fc.array(textEdit, { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('number' as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(...INTERESTING_NUMBERS), fc.integer()),
    }),
  },
);

interface Slot {
  parent: Json[] | { [key: string]: Json } | null;
  key: string | number;
  value: Json;
}

/** Every node of the tree (the root first), with where it sits. */
function slots(root: Json): Slot[] {
  const out: Slot[] = [{ parent: null, key: '', value: root }];
  for (let i = 0; i < out.length; i++) {
    const value = (out[i] as Slot).value;
    if (Array.isArray(value)) {
      value.forEach((child, index) => {
        out.push({ parent: value, key: index, value: child });
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) out.push({ parent: value, key, value: child });
    }
  }
  return out;
}

function put(slot: Slot, value: Json, root: Json): Json {
  if (slot.parent === null) return value;
  (slot.parent as Record<string | number, Json>)[slot.key] = value;
  return root;
}

/** Applies the edits to a deep copy of `seed` (never changes it). */
export function applyJsonEdits(seed: unknown, edits: readonly JsonEdit[]): unknown {
  let root = structuredClone(seed) as Json;
  for (const edit of edits) {
    const all = slots(root);
    const slot = all[edit.at % all.length] as Slot;
    switch (edit.op) {
      case 'replace':
        root = put(slot, structuredClone(edit.value), root);
        break;
      case 'delete':
        if (Array.isArray(slot.parent)) slot.parent.splice(slot.key as number, 1);
        else if (slot.parent !== null) delete slot.parent[slot.key as string];
        break;
      case 'insert':
        if (Array.isArray(slot.value)) slot.value.splice(edit.at % (slot.value.length + 1), 0, edit.value);
        else if (slot.value !== null && typeof slot.value === 'object') {
          Object.defineProperty(slot.value, edit.key, {
            value: structuredClone(edit.value),
            enumerable: true,
            configurable: true,
            writable: true,
          });
        }
        break;
      case 'duplicate':
        if (Array.isArray(slot.parent))
          slot.parent.splice(slot.key as number, 0, structuredClone(slot.value));
        break;
      case 'string':
        if (typeof slot.value === 'string') root = put(slot, applyTextEdits(slot.value, edit.edits), root);
        break;
      case 'number':
        if (typeof slot.value === 'number') root = put(slot, edit.value, root);
        break;
    }
  }
  return root;
}

export type ByteEdit =
  | { op: 'flip'; at: number; bit: number }
  | { op: 'set'; at: number; value: number }
  | { op: 'splice'; at: number; remove: number; insert: Uint8Array }
  | { op: 'truncate'; at: number };

export const byteEdit: fc.Arbitrary<ByteEdit> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('flip' as const), at: fc.nat(), bit: fc.nat({ max: 7 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('set' as const),
      at: fc.nat(),
      value: fc.oneof(fc.constantFrom(0, 1, 0x7f, 0x80, 0xff), fc.nat({ max: 255 })),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('splice' as const),
      at: fc.nat(),
      remove: fc.nat({ max: 16 }),
      insert: fc.uint8Array({ maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }) },
);

export function applyByteEdits(bytes: Uint8Array, edits: readonly ByteEdit[]): Uint8Array {
  let out = Uint8Array.from(bytes);
  for (const edit of edits) {
    const i = edit.at % (out.length + 1);
    switch (edit.op) {
      case 'flip':
        if (i < out.length) out[i] = (out[i] as number) ^ (1 << edit.bit);
        break;
      case 'set':
        if (i < out.length) out[i] = edit.value;
        break;
      case 'splice': {
        const next = new Uint8Array(out.length - Math.min(edit.remove, out.length - i) + edit.insert.length);
        next.set(out.subarray(0, i));
        next.set(edit.insert, i);
        next.set(out.subarray(i + edit.remove), i + edit.insert.length);
        out = next;
        break;
      }
      case 'truncate':
        out = out.slice(0, i);
        break;
    }
  }
  return out;
}
