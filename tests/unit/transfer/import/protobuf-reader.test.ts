import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesOf,
  ProtobufError,
  ProtobufReader,
  readMessage,
  stringOf,
  toInt32,
  toInt64,
  varintOf,
  WireType,
} from '../../../../lib/transfer/import/protobuf-reader';

/** A tiny protobuf writer (protobuf.dev "Encoding"), independent of the reader under test. */
function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}
const tag = (field: number, wire: number) => varint((BigInt(field) << 3n) | BigInt(wire));
const varintField = (field: number, value: bigint | number) => [...tag(field, 0), ...varint(value)];
const bytesField = (field: number, bytes: ArrayLike<number>) => [
  ...tag(field, 2),
  ...varint(bytes.length),
  ...Array.from(bytes),
];
const bytes = (...parts: number[][]) => Uint8Array.from(parts.flat());

function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`expected an item at index ${index}, got none`);
  return item;
}

function protobufError(fn: () => unknown): ProtobufError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtobufError);
    return error as ProtobufError;
  }
  throw new Error('expected a ProtobufError, got none');
}

describe('varints', () => {
  it.each([
    [[0x00], 0n],
    [[0x01], 1n],
    [[0x7f], 127n],
    [[0xac, 0x02], 300n], // protobuf.dev's own example
    [[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], 2n ** 64n - 1n],
  ])('%j → %s', (encoded, value) => {
    expect(new ProtobufReader(Uint8Array.from(encoded)).readVarint()).toBe(value);
  });

  it('reads a negative int32 from its 10-byte sign-extended form', () => {
    const encoded = varint(-1);
    expect(encoded).toHaveLength(10);
    const raw = new ProtobufReader(Uint8Array.from(encoded)).readVarint();
    expect(toInt32(raw)).toBe(-1);
    expect(toInt32(new ProtobufReader(Uint8Array.from(varint(-(2 ** 31)))).readVarint())).toBe(-(2 ** 31));
    expect(toInt32(new ProtobufReader(Uint8Array.from(varint(2 ** 31 - 1))).readVarint())).toBe(2 ** 31 - 1);
  });

  it('reads int64 as signed', () => {
    expect(toInt64(new ProtobufReader(Uint8Array.from(varint(-5n))).readVarint())).toBe(-5n);
    expect(toInt64(new ProtobufReader(Uint8Array.from(varint(2n ** 62n))).readVarint())).toBe(2n ** 62n);
  });

  it('rejects a truncated varint', () => {
    expect(protobufError(() => new ProtobufReader(Uint8Array.of(0xac)).readVarint()).message).toMatch(
      /rest of a varint at byte 0, got the end/,
    );
    expect(protobufError(() => new ProtobufReader(new Uint8Array(0)).readVarint()).message).toMatch(
      /expected a varint/,
    );
  });

  it('rejects a varint longer than 10 bytes or wider than 64 bits', () => {
    const eleven = Uint8Array.from([...Array(10).fill(0x80), 0x01]);
    expect(protobufError(() => new ProtobufReader(eleven).readVarint()).message).toMatch(/at most 64 bits/);
    const wide = Uint8Array.from([...Array(9).fill(0xff), 0x02]);
    expect(protobufError(() => new ProtobufReader(wide).readVarint()).message).toMatch(/at most 64 bits/);
  });
});

describe('fields', () => {
  it('reads varint, length-delimited, fixed64 and fixed32 fields in order', () => {
    const data = bytes(
      varintField(1, 150),
      bytesField(2, [0x74, 0x65, 0x73, 0x74]),
      [...tag(3, 1), 1, 2, 3, 4, 5, 6, 7, 8],
      [...tag(4, 5), 9, 9, 9, 9],
    );
    const fields = readMessage(data);
    expect(fields.map((f) => [f.number, f.wireType])).toEqual([
      [1, WireType.varint],
      [2, WireType.lengthDelimited],
      [3, WireType.fixed64],
      [4, WireType.fixed32],
    ]);
    expect(varintOf(nth(fields, 0))).toBe(150n);
    expect(stringOf(nth(fields, 1))).toBe('test');
    expect(Array.from(bytesOf(nth(fields, 1)))).toEqual([0x74, 0x65, 0x73, 0x74]);
  });

  it('reads large field numbers', () => {
    const [field] = readMessage(bytes(varintField(2 ** 29 - 1, 7)));
    expect(field?.number).toBe(2 ** 29 - 1);
  });

  it('rejects field number 0 and group / reserved wire types', () => {
    expect(protobufError(() => readMessage(bytes(varintField(0, 1)))).message).toMatch(/field number/);
    for (const wire of [3, 4, 6, 7]) {
      expect(protobufError(() => readMessage(bytes(tag(1, wire), [0]))).message).toMatch(
        new RegExp(`wire type 0, 1, 2 or 5 .* got ${wire}`),
      );
    }
  });

  it('rejects every field that runs past the end', () => {
    const cases = [
      bytes(tag(1, 2), varint(5), [1, 2]), // length-delimited, 2 of 5 bytes
      bytes(tag(1, 2), varint(2n ** 40n)), // absurd length
      bytes(tag(1, 2)), // no length at all
      bytes(tag(1, 1), [1, 2, 3]), // fixed64 with 3 bytes
      bytes(tag(1, 5), [1]), // fixed32 with 1 byte
      bytes(tag(1, 0)), // varint field without its value
    ];
    for (const data of cases) {
      const error = protobufError(() => readMessage(data));
      expect(error.offset).toBeTypeOf('number');
    }
  });

  it('checks the wire type a caller expects', () => {
    const fields = readMessage(bytes(varintField(1, 1), bytesField(2, [0xff])));
    const v = nth(fields, 0);
    const b = nth(fields, 1);
    expect(protobufError(() => bytesOf(v)).message).toMatch(
      /field 1 to be length-delimited .* got wire type 0/,
    );
    expect(protobufError(() => varintOf(b)).message).toMatch(/field 2 to be a varint/);
    expect(protobufError(() => stringOf(b)).message).toMatch(/field 2 to be UTF-8 text/);
  });

  it('reads what the writer wrote (property)', () => {
    const fieldArb = fc.oneof(
      fc.record({
        n: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
        v: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
      }),
      fc.record({ n: fc.integer({ min: 1, max: 1000 }), b: fc.uint8Array({ maxLength: 40 }) }),
    );
    fc.assert(
      fc.property(fc.array(fieldArb, { maxLength: 10 }), (fields) => {
        const data = bytes(...fields.map((f) => ('v' in f ? varintField(f.n, f.v) : bytesField(f.n, f.b))));
        const read = readMessage(data);
        expect(read).toHaveLength(fields.length);
        read.forEach((field, i) => {
          const want = fields[i];
          expect(field.number).toBe(want?.n);
          if (want !== undefined && 'v' in want) expect(varintOf(field)).toBe(want.v);
          else expect(Array.from(bytesOf(field))).toEqual(Array.from(want?.b ?? []));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('throws only ProtobufError on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (data) => {
        try {
          for (const field of readMessage(data)) {
            if (field.wireType === WireType.lengthDelimited) {
              try {
                readMessage(field.value);
              } catch (error) {
                if (!(error instanceof ProtobufError)) throw error;
              }
            }
          }
        } catch (error) {
          if (!(error instanceof ProtobufError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});
