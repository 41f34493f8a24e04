/**
 * A minimal protobuf wire-format reader (protobuf.dev "Encoding"), just enough for Google
 * Authenticator's migration payload (peers.md §4.1). Hand-written rather than a protobuf library:
 * the payload has a dozen fields, and a small reader that checks every bound is easier to trust with
 * hostile QR codes than a generated decoder.
 *
 * Every malformed input (truncated varint or field, a length past the end, an unsupported wire type)
 * is a `ProtobufError`; nothing else is thrown.
 */

/** Wire types this reader understands; groups (3, 4) are deprecated and never used by the payload. */
export const WireType = {
  varint: 0,
  fixed64: 1,
  lengthDelimited: 2,
  fixed32: 5,
} as const;
export type WireType = (typeof WireType)[keyof typeof WireType];

/**
 * The bytes are not a well-formed protobuf message. `offset` is where reading failed, when the
 * problem is in the encoding itself (not in a field's interpretation).
 */
export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
  constructor(
    message: string,
    readonly offset?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** One field as it appears on the wire; the caller interprets it by its number. */
export type ProtobufField =
  | { number: number; wireType: typeof WireType.varint; value: bigint }
  | {
      number: number;
      wireType: typeof WireType.fixed64 | typeof WireType.fixed32 | typeof WireType.lengthDelimited;
      value: Uint8Array;
    };

/** A varint carries 7 bits per byte, so a 64-bit value takes at most 10 bytes. */
const MAX_VARINT_BYTES = 10;
/** Field numbers are 29-bit (protobuf.dev "Field numbers"); 0 is reserved. */
const MAX_FIELD_NUMBER = 2 ** 29 - 1;

const UTF8 = new TextDecoder('utf-8', { fatal: true });

export class ProtobufReader {
  private offset = 0;

  constructor(private readonly bytes: Uint8Array) {}

  get atEnd(): boolean {
    return this.offset >= this.bytes.length;
  }

  /**
   * Reads an unsigned varint of up to 64 bits. Negative `int32` values are sign-extended to 64 bits
   * on the wire, so they take the full 10 bytes: use `toInt32` on the result.
   */
  readVarint(): bigint {
    const start = this.offset;
    let value = 0n;
    for (let i = 0; i < MAX_VARINT_BYTES; i++) {
      const byte = this.bytes[this.offset];
      if (byte === undefined) {
        throw new ProtobufError(
          `expected ${i === 0 ? 'a varint' : 'the rest of a varint'} at byte ${start}, got the end of the data`,
          this.offset,
        );
      }
      this.offset += 1;
      // The 10th byte may only hold the 64th bit: anything more does not fit in 64 bits.
      if (i === MAX_VARINT_BYTES - 1 && byte > 1) {
        throw new ProtobufError(`expected a varint of at most 64 bits at byte ${start}, got more`, start);
      }
      value |= BigInt(byte & 0x7f) << BigInt(7 * i);
      if ((byte & 0x80) === 0) return value;
    }
    throw new ProtobufError(
      `expected a varint of at most ${MAX_VARINT_BYTES} bytes at byte ${start}, got a longer one`,
      start,
    );
  }

  private take(length: number, what: string): Uint8Array {
    const left = this.bytes.length - this.offset;
    if (length > left) {
      throw new ProtobufError(
        `expected ${length} bytes of ${what} at byte ${this.offset}, got only ${left}`,
        this.offset,
      );
    }
    const out = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  /** Reads the next field (tag and value); unknown fields are returned too, so the caller can skip them. */
  readField(): ProtobufField {
    const at = this.offset;
    const tag = this.readVarint();
    const fieldNumber = tag >> 3n;
    const wireType = Number(tag & 7n);
    if (fieldNumber === 0n || fieldNumber > BigInt(MAX_FIELD_NUMBER)) {
      throw new ProtobufError(
        `expected a field number 1–${MAX_FIELD_NUMBER} at byte ${at}, got ${fieldNumber}`,
        at,
      );
    }
    const number = Number(fieldNumber);
    switch (wireType) {
      case WireType.varint:
        return { number, wireType, value: this.readVarint() };
      case WireType.fixed64:
        return { number, wireType, value: this.take(8, `field ${number}`) };
      case WireType.fixed32:
        return { number, wireType, value: this.take(4, `field ${number}`) };
      case WireType.lengthDelimited: {
        const length = this.readVarint();
        const left = this.bytes.length - this.offset;
        if (length > BigInt(left)) {
          throw new ProtobufError(
            `expected ${length} bytes of field ${number} at byte ${this.offset}, got only ${left}`,
            this.offset,
          );
        }
        return { number, wireType, value: this.take(Number(length), `field ${number}`) };
      }
      default:
        throw new ProtobufError(
          `expected wire type 0, 1, 2 or 5 for field ${number} at byte ${at}, got ${wireType}`,
          at,
        );
    }
  }

  /** Reads every field up to the end of the data. */
  readAll(): ProtobufField[] {
    const fields: ProtobufField[] = [];
    while (!this.atEnd) fields.push(this.readField());
    return fields;
  }
}

/** Reads a whole message: all its fields, in wire order. */
export function readMessage(bytes: Uint8Array): ProtobufField[] {
  return new ProtobufReader(bytes).readAll();
}

/** `int32` semantics: the low 32 bits, signed (a negative value arrives sign-extended to 64 bits). */
export function toInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** `int64` semantics: the 64 bits, signed. */
export function toInt64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** The field's varint value, or a `ProtobufError` if the field arrived with another wire type. */
export function varintOf(field: ProtobufField): bigint {
  if (field.wireType !== WireType.varint) {
    throw new ProtobufError(
      `expected field ${field.number} to be a varint (wire type 0), got wire type ${field.wireType}`,
    );
  }
  return field.value;
}

/** The field's bytes, or a `ProtobufError` if the field is not length-delimited. */
export function bytesOf(field: ProtobufField): Uint8Array {
  if (field.wireType !== WireType.lengthDelimited) {
    throw new ProtobufError(
      `expected field ${field.number} to be length-delimited (wire type 2), got wire type ${field.wireType}`,
    );
  }
  return field.value;
}

/** The field as a protobuf `string`, which must be valid UTF-8. */
export function stringOf(field: ProtobufField): string {
  try {
    return UTF8.decode(bytesOf(field));
  } catch (error) {
    if (error instanceof ProtobufError) throw error;
    throw new ProtobufError(`expected field ${field.number} to be UTF-8 text, got other bytes`, undefined, {
      cause: error,
    });
  }
}
