import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToBase32, generateCode } from '../../../../lib/otp/index';
import {
  decodeMigrationLink,
  googleMigrationImporter,
  splitMigrationName,
} from '../../../../lib/transfer/import/formats/google-migration';
import { ImportError, importData, toImportInput } from '../../../../lib/transfer/import/index';
import { compareAccounts, importCases } from '../../../compat/corpus-cases';

/** A tiny protobuf writer for building migration payloads (peers.md §4.1), independent of the reader. */
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
const vField = (field: number, value: bigint | number) => [...tag(field, 0), ...varint(value)];
const bField = (field: number, data: ArrayLike<number> | string) => {
  const bytes = typeof data === 'string' ? Array.from(new TextEncoder().encode(data)) : Array.from(data);
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
};

interface Otp {
  secret: number[];
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: bigint | number;
  extra?: number[];
}

function otpParameters(p: Otp): number[] {
  return [
    ...bField(1, p.secret),
    ...(p.name === undefined ? [] : bField(2, p.name)),
    ...(p.issuer === undefined ? [] : bField(3, p.issuer)),
    ...(p.algorithm === undefined ? [] : vField(4, p.algorithm)),
    ...(p.digits === undefined ? [] : vField(5, p.digits)),
    ...vField(6, p.type ?? 2),
    ...(p.counter === undefined ? [] : vField(7, p.counter)),
    ...(p.extra ?? []),
  ];
}

function payload(entries: Otp[], batch?: { id: number; index: number; size: number }): Uint8Array {
  const out = entries.flatMap((e) => bField(1, otpParameters(e)));
  out.push(...vField(2, 1));
  if (batch !== undefined)
    out.push(...vField(3, batch.size), ...vField(4, batch.index), ...vField(5, batch.id));
  return Uint8Array.from(out);
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

function link(bytes: Uint8Array, style: 'percent' | 'raw' | 'url-safe' | 'unpadded' = 'percent'): string {
  const b64 = base64(bytes);
  const data =
    style === 'percent'
      ? encodeURIComponent(b64)
      : style === 'url-safe'
        ? b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
        : style === 'unpadded'
          ? b64.replace(/=+$/, '')
          : b64;
  return `otpauth-migration://offline?data=${data}`;
}

const SECRET = Array.from({ length: 10 }, (_, i) => 0x48 + i);
const SECRET_B32 = bytesToBase32(Uint8Array.from(SECRET));

async function read(text: string) {
  const input = toImportInput(text);
  expect(googleMigrationImporter.detect(input)).toBe(true);
  return googleMigrationImporter.read(input);
}

async function rejection(text: string): Promise<ImportError> {
  const error = await googleMigrationImporter.read(toImportInput(text)).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('Google Authenticator export', () => {
  it('decodes the peers.md §4.1 vector and computes its code', async () => {
    const result = await read(
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC',
    );
    expect(result.format).toBe('google-migration');
    expect(result.batch).toBeUndefined();
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map((a) => a.draft)).toStrictEqual([
      {
        kind: 'totp',
        secret: 'JBSWY3DPEHPK3PXP',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        issuer: 'Example',
        label: 'alice@google.com',
      },
    ]);
    const draft = result.accounts[0]?.draft;
    if (draft === undefined) throw new Error('expected one account');
    expect(generateCode(draft, 1257894000 * 1000)).toBe('528064');
  });

  it('reads algorithms, digits, HOTP counters and UTF-8 names', async () => {
    const result = await read(
      link(
        payload([
          { secret: SECRET, name: 'Ünïcødé:名前 ✓', issuer: 'Ünïcødé', algorithm: 2, digits: 2 },
          { secret: SECRET, name: 'counter', issuer: 'Bank', algorithm: 3, digits: 1, type: 1, counter: 41 },
          { secret: SECRET, name: 'big', type: 1, counter: 2n ** 40n },
        ]),
      ),
    );
    expect(result.skipped).toEqual([]);
    expect(result.accounts.map(({ draft }) => draft)).toStrictEqual([
      {
        kind: 'totp',
        secret: SECRET_B32,
        algorithm: 'SHA256',
        digits: 8,
        period: 30,
        counter: 0,
        issuer: 'Ünïcødé',
        label: '名前 ✓',
      },
      {
        kind: 'hotp',
        secret: SECRET_B32,
        algorithm: 'SHA512',
        digits: 6,
        period: 30,
        counter: 41,
        issuer: 'Bank',
        label: 'counter',
      },
      {
        kind: 'hotp',
        secret: SECRET_B32,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 2 ** 40,
        issuer: '',
        label: 'big',
      },
    ]);
  });

  it('splits the name like an otpauth label', () => {
    expect(splitMigrationName('Issuer:acc', '')).toEqual({ issuer: 'Issuer', account: 'acc' });
    expect(splitMigrationName('Issuer: acc', 'Issuer')).toEqual({ issuer: 'Issuer', account: 'acc' });
    expect(splitMigrationName('issuer:acc', 'Issuer')).toEqual({ issuer: 'Issuer', account: 'acc' });
    expect(splitMigrationName('A:B:acc', 'A:B')).toEqual({ issuer: 'A:B', account: 'acc' });
    expect(splitMigrationName('acc', 'Issuer')).toEqual({ issuer: 'Issuer', account: 'acc' });
    expect(splitMigrationName('Contoso:pat@contoso.example', 'Microsoft')).toEqual({
      issuer: 'Microsoft',
      account: 'pat@contoso.example',
      organisation: 'Contoso',
    });
    expect(splitMigrationName('', '')).toEqual({ issuer: '', account: '' });
  });

  it('reports the batch of a multi-QR part, with a negative int32 batch id', async () => {
    const id = -1_234_567_890;
    expect(varint(id)).toHaveLength(10);
    const result = await read(link(payload([{ secret: SECRET, name: 'a' }], { id, index: 1, size: 3 })));
    expect(result.batch).toEqual({ id, index: 1, size: 3 });
    expect(result.accounts).toHaveLength(1);
  });

  it('merges several links, one per line, counting a repeated code once', async () => {
    const batch = (index: number) => ({ id: -5, index, size: 3 });
    const parts = [0, 1, 2].map((i) => link(payload([{ secret: SECRET, name: `user${i}` }], batch(i))));
    const all = await read(['# exported', parts[2], '', `  ${parts[0]}  `, parts[1], parts[0]].join('\r\n'));
    expect(all.accounts.map((a) => a.draft.label)).toEqual(['user0', 'user1', 'user2']);
    expect(all.batch).toBeUndefined();

    const some = await read([parts[0], parts[2]].join('\n'));
    expect(some.accounts.map((a) => a.draft.label)).toEqual(['user0', 'user2']);
    expect(some.batch).toEqual({ id: -5, index: 0, size: 3 });

    const conflicting = link(payload([{ secret: SECRET, name: 'x' }], { id: -5, index: 1, size: 4 }));
    const error = await rejection([parts[0], conflicting].join('\n'));
    expect(error.code).toBe('IMPORT_DAMAGED');
    expect(error.message).toMatch(/^Line 2: .*3 QR codes.*4/);
  });

  it('reads the data percent-encoded, raw, URL-safe and unpadded, never turning + into a space', async () => {
    // Find a secret whose base64 payload holds '+', '/' and padding, so every spelling is exercised.
    let data: Uint8Array | undefined;
    for (let seed = 0; data === undefined; seed++) {
      const secret = Array.from({ length: 10 }, (_, i) => (seed * 97 + i * 131 + 251) & 0xff);
      const candidate = payload([{ secret, name: 'plus', issuer: 'Slash' }]);
      const b64 = base64(candidate);
      if (b64.includes('+') && b64.includes('/') && b64.endsWith('=')) data = candidate;
    }
    const want = (await read(link(data, 'percent'))).accounts;
    for (const style of ['raw', 'url-safe', 'unpadded'] as const) {
      expect((await read(link(data, style))).accounts).toStrictEqual(want);
    }
    const mangled = link(data, 'raw').replace(/\+/g, ' ');
    expect((await rejection(mangled)).message).toMatch(/contains a space/);
  });

  it('accepts upper-case scheme and host, a trailing slash and other parameters', async () => {
    const data = encodeURIComponent(base64(payload([{ secret: SECRET, name: 'x' }])));
    const result = await read(`OTPAUTH-MIGRATION://OFFLINE/?foo=1&data=${data}&bar=2`);
    expect(result.accounts).toHaveLength(1);
  });

  it('skips unknown fields of every wire type', async () => {
    const unknown = [
      ...vField(20, 5),
      ...tag(21, 1),
      1,
      2,
      3,
      4,
      5,
      6,
      7,
      8,
      ...bField(22, [1, 2]),
      ...tag(23, 5),
      9,
      9,
      9,
      9,
    ];
    const bytes = Uint8Array.from([
      ...unknown,
      ...payload([{ secret: SECRET, name: 'x', extra: unknown }]),
      ...unknown,
    ]);
    const result = await read(link(bytes));
    expect(result.accounts.map((a) => a.draft.secret)).toEqual([SECRET_B32]);
  });

  it('skips entries TwoStep cannot compute, with a reason', async () => {
    const result = await read(
      link(
        payload([
          { secret: SECRET, name: 'Old:md5', algorithm: 4 },
          { secret: SECRET, name: 'Odd:algo', algorithm: 9 },
          { secret: SECRET, name: 'Odd:digits', digits: 7 },
          { secret: SECRET, name: 'No:type', type: 0 },
          { secret: SECRET, name: 'Odd:type', type: 3 },
          { secret: [], name: 'Empty:secret' },
          { secret: [1, 2, 3], name: 'Short:secret' }, // short keys from an export are kept (otp/fields.ts)
          { secret: SECRET, name: 'Neg:counter', type: 1, counter: -1 },
          { secret: SECRET, name: 'Fine:one' },
        ]),
      ),
    );
    expect(result.accounts.map((a) => a.draft.issuer)).toEqual(['Short', 'Fine']);
    expect(result.skipped.map((s) => s.name)).toEqual([
      'Old (md5)',
      'Odd (algo)',
      'Odd (digits)',
      'No (type)',
      'Odd (type)',
      'Empty (secret)',
      'Neg (counter)',
    ]);
    expect(result.skipped[0]?.reason).toMatch(/MD5 codes are not supported/);
    expect(result.skipped[3]?.reason).toMatch(/does not say whether .*TOTP.*HOTP/);
    for (const s of result.skipped) expect(s.reason).not.toContain(SECRET_B32);
  });

  it.each([
    ['no data parameter', 'otpauth-migration://offline', /no data parameter/],
    ['no data parameter (other parameters)', 'otpauth-migration://offline?x=1', /no data parameter/],
    ['an empty data parameter', 'otpauth-migration://offline?data=', /empty data parameter/],
    ['another host', 'otpauth-migration://online?data=CgA', /got host 'online'/],
    ['a path after the host', 'otpauth-migration://offline/x?data=CgA', /got another shape/],
    ['a malformed escape', 'otpauth-migration://offline?data=Cg%ZZ', /malformed %-escape/],
    ['a character outside base64', 'otpauth-migration://offline?data=Cg!A', /contains '!'/],
    ['an impossible base64 length', 'otpauth-migration://offline?data=CgAAA', /impossible/],
    ['a payload without accounts', link(Uint8Array.from([...vField(2, 1), ...vField(3, 1)])), /got none/],
    ['an empty payload', 'otpauth-migration://offline?data=%3D%3D%3D%3D', /empty data parameter|got none/],
    [
      'a truncated protobuf',
      link(payload([{ secret: SECRET, name: 'x' }]).slice(0, 12)),
      /damaged or cut short/,
    ],
    ['a group wire type', link(Uint8Array.from([...tag(1, 3)])), /damaged or cut short/],
    [
      'invalid UTF-8 in a name',
      link(Uint8Array.from(bField(1, [...bField(1, SECRET), ...bField(2, [0xff])]))),
      /UTF-8/,
    ],
    ['a known field with the wrong wire type', link(Uint8Array.from(vField(1, 3))), /length-delimited/],
    [
      'a line that is not a migration link',
      `${link(payload([{ secret: SECRET }]))}\notpauth://totp/x?secret=${SECRET_B32}`,
      /^Line 2: .*'otpauth:'/,
    ],
  ])('rejects %s as damaged', async (_what, text, message) => {
    const error = await rejection(text);
    expect(error.code).toBe('IMPORT_DAMAGED');
    expect(error.format).toBe('google-migration');
    expect(error.message).toMatch(message);
  });

  it('decodes one link on its own (for a scanned QR code)', () => {
    const part = decodeMigrationLink(
      link(payload([{ secret: SECRET, name: 'x' }], { id: 1, index: 0, size: 2 })),
    );
    expect(part.batch).toEqual({ id: 1, index: 0, size: 2 });
    expect(part.accounts).toHaveLength(1);
  });

  it('detects only migration links and never asks for a password', async () => {
    const vector = link(payload([{ secret: SECRET }]));
    expect(googleMigrationImporter.detect(toImportInput(`\n# comment\n${vector}`))).toBe(true);
    expect(googleMigrationImporter.detect(toImportInput(`otpauth://totp/x?secret=${SECRET_B32}`))).toBe(
      false,
    );
    expect(googleMigrationImporter.detect(toImportInput('{"data": "otpauth-migration://offline"}'))).toBe(
      false,
    );
    expect(googleMigrationImporter.detect(toImportInput(Uint8Array.of(0xff, 0xfe, 0x00)))).toBe(false);
    expect(googleMigrationImporter.needsPassword(toImportInput(vector))).toBe(false);
    // Not encrypted: a password given by mistake changes nothing.
    const withPassword = await googleMigrationImporter.read(toImportInput(vector), 'secret');
    expect(withPassword).toStrictEqual(await googleMigrationImporter.read(toImportInput(vector)));
    const fromIndex = await importData(vector, { password: 'ignored' });
    expect(fromIndex.label).toBe('Google Authenticator export');
  });

  it('rejects random bytes and empty text', async () => {
    expect((await rejection('')).code).toBe('IMPORT_DAMAGED');
    const error = await googleMigrationImporter
      .read(toImportInput(Uint8Array.of(0x80, 0x81, 0xff)))
      .catch((e) => e);
    expect(error).toBeInstanceOf(ImportError);
  });

  it('gives a result or an ImportError for any data, mutated payloads and any text (property)', async () => {
    const valid = payload(
      [
        { secret: SECRET, name: 'Issuer:acc', issuer: 'Issuer', algorithm: 2, digits: 2 },
        { secret: SECRET, name: 'h', type: 1, counter: 3 },
      ],
      { id: -9, index: 0, size: 2 },
    );
    const outcome = async (text: string) => {
      try {
        const result = await googleMigrationImporter.read(toImportInput(text));
        expect(result.accounts.length + result.skipped.length).toBeGreaterThan(0);
      } catch (error) {
        expect(error).toBeInstanceOf(ImportError);
      }
    };
    const mutation = fc.record({
      cut: fc.nat({ max: valid.length }),
      flips: fc.array(
        fc.record({ at: fc.nat({ max: valid.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }),
        {
          maxLength: 4,
        },
      ),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ cut, flips }) => {
        const bytes = valid.slice(0, cut);
        for (const { at, value } of flips) if (at < bytes.length) bytes[at] = value;
        await outcome(link(bytes));
      }),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 120 }), async (bytes) => outcome(link(bytes, 'raw'))),
      { numRuns: 300 },
    );
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (tail) => outcome(`otpauth-migration://${tail}`)),
      { numRuns: 200 },
    );
  });
});

const cases = importCases(['google-migration']);

describe.skipIf(cases.length === 0)('corpus: google-migration', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    if (c.expect.error === true) {
      await expect(importData(c.data, { password: c.password })).rejects.toBeInstanceOf(ImportError);
      return;
    }
    const result = await importData(c.data, { password: c.password });
    expect(result.format).toBe('google-migration');
    expect(compareAccounts(result.accounts, c.expect.accounts ?? [])).toEqual([]);
  });
});
