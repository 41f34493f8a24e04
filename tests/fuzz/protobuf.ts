/**
 * A protobuf writer (protobuf.dev "Encoding") for Google Authenticator's migration payload
 * (peers.md §4.1), written apart from lib/transfer/import/protobuf-reader.ts so the fuzz seeds do not
 * depend on the code under test, plus generators of well-formed messages with arbitrary field values.
 */
import fc from 'fast-check';

export type WireField =
  | { number: number; wireType: 0; value: bigint }
  | { number: number; wireType: 1 | 2 | 5; value: Uint8Array };

export function encodeVarint(value: bigint): Uint8Array {
  let rest = BigInt.asUintN(64, value);
  const out: number[] = [];
  do {
    const low = Number(rest & 0x7fn);
    rest >>= 7n;
    out.push(rest === 0n ? low : low | 0x80);
  } while (rest !== 0n);
  return Uint8Array.from(out);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function encodeField(field: WireField): Uint8Array {
  const tag = encodeVarint((BigInt(field.number) << 3n) | BigInt(field.wireType));
  if (field.wireType === 0) return concat([tag, encodeVarint(field.value)]);
  if (field.wireType === 2) return concat([tag, encodeVarint(BigInt(field.value.length)), field.value]);
  return concat([tag, field.value]);
}

export function encodeMessage(fields: readonly WireField[]): Uint8Array {
  return concat(fields.map(encodeField));
}

const text = (s: string) => new TextEncoder().encode(s);

export interface MigrationEntry {
  secret: Uint8Array;
  name: string;
  issuer: string;
  /** 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5. */
  algorithm: number;
  /** 1 six, 2 eight. */
  digits: number;
  /** 1 HOTP, 2 TOTP. */
  type: number;
  counter: bigint;
}

export function encodeEntry(e: MigrationEntry): Uint8Array {
  return encodeMessage([
    { number: 1, wireType: 2, value: e.secret },
    { number: 2, wireType: 2, value: text(e.name) },
    { number: 3, wireType: 2, value: text(e.issuer) },
    { number: 4, wireType: 0, value: BigInt(e.algorithm) },
    { number: 5, wireType: 0, value: BigInt(e.digits) },
    { number: 6, wireType: 0, value: BigInt(e.type) },
    { number: 7, wireType: 0, value: e.counter },
  ]);
}

export function encodePayload(
  entries: readonly MigrationEntry[],
  batch: { size: number; index: number; id: number } = { size: 1, index: 0, id: 0 },
): Uint8Array {
  return encodeMessage([
    ...entries.map((e): WireField => ({ number: 1, wireType: 2, value: encodeEntry(e) })),
    { number: 2, wireType: 0, value: 1n },
    { number: 3, wireType: 0, value: BigInt(batch.size) },
    { number: 4, wireType: 0, value: BigInt(batch.index) },
    { number: 5, wireType: 0, value: BigInt(batch.id) },
  ]);
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function migrationUri(payload: Uint8Array): string {
  return `otpauth-migration://offline?data=${encodeURIComponent(toBase64(payload))}`;
}

/** Varints as the payload's int32/int64 fields carry them, negatives sign-extended, plus any 64-bit value. */
const varintValue: fc.Arbitrary<bigint> = fc.oneof(
  fc.constantFrom(0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }).map((n) => BigInt.asUintN(64, BigInt(n))),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
);

const fieldNumber = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 8 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 ** 29 - 1 }) },
);

/** An OtpParameters-like message: the known field numbers with any value and wire type. */
export const otpParametersMessage: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      fc.record({ number: fieldNumber, wireType: fc.constant(0 as const), value: varintValue }),
      fc.record({
        number: fieldNumber,
        wireType: fc.constant(2 as const),
        value: fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.string({ maxLength: 20 }).map(text),
          fc.string({ unit: 'binary', maxLength: 20 }).map(text),
        ),
      }),
      fc.record({
        number: fieldNumber,
        wireType: fc.constant(5 as const),
        value: fc.uint8Array({ minLength: 4, maxLength: 4 }),
      }),
      fc.record({
        number: fieldNumber,
        wireType: fc.constant(1 as const),
        value: fc.uint8Array({ minLength: 8, maxLength: 8 }),
      }),
    ),
    { maxLength: 10 },
  )
  .map((fields) => encodeMessage(fields as WireField[]));

/** A MigrationPayload-like message: entries that are OtpParameters-like, and batch fields of any value. */
export const migrationPayloadMessage: fc.Arbitrary<Uint8Array> = fc
  .array(
    fc.oneof(
      {
        weight: 4,
        arbitrary: otpParametersMessage.map((value): WireField => ({ number: 1, wireType: 2, value })),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          number: fc.integer({ min: 2, max: 6 }),
          wireType: fc.constant(0 as const),
          value: varintValue,
        }) as fc.Arbitrary<WireField>,
      },
      {
        weight: 1,
        arbitrary: fc
          .record({
            number: fieldNumber,
            wireType: fc.constantFrom(1 as const, 2 as const, 5 as const),
            value: fc.uint8Array({ maxLength: 12 }),
          })
          .map((f): WireField => {
            const size = f.wireType === 1 ? 8 : f.wireType === 5 ? 4 : f.value.length;
            return { ...f, value: Uint8Array.from({ length: size }, (_, i) => f.value[i] ?? 0) };
          }),
      },
    ),
    { maxLength: 8 },
  )
  .map(encodeMessage);
