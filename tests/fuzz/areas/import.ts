/**
 * Imports (lib/transfer/import): `importData` on strings, bytes, JSON values, mutated valid files of
 * every format and Google migration links with arbitrary protobuf; each importer's `read` directly
 * (importData wraps an importer's unexpected exception as IMPORT_DAMAGED, which would hide it); the
 * CSV and protobuf readers; and the collector of multi-code Google exports.
 */
import fc from 'fast-check';
import type { AccountDraft } from '../../../lib/otp/index';
import { CsvSyntaxError, parseCsv } from '../../../lib/transfer/import/csv';
import {
  IMPORTERS,
  ImportError,
  type Importer,
  importData,
  toImportInput,
} from '../../../lib/transfer/import/index';
import {
  MigrationBatchCollector,
  MigrationBatchError,
  type MigrationPart,
} from '../../../lib/transfer/import/migration-batches';
import {
  bytesOf,
  ProtobufError,
  readMessage,
  stringOf,
  toInt32,
  toInt64,
  varintOf,
  WireType,
} from '../../../lib/transfer/import/protobuf-reader';
import { anyText, tokenText } from '../arbitraries';
import { ContractBreak, check, checkImportResult, type FuzzTarget, target } from '../contract';
import { steerData } from '../kdf-cost';
import { checkResultShowsNoSecret, unmarkedText, withoutLeak } from '../leak-check';
import {
  applyByteEdits,
  applyJsonEdits,
  applyTextEdits,
  byteEdit,
  jsonEdit,
  jsonReplacement,
  TEXT_TOKENS,
  textEdit,
} from '../mutate';
import {
  concat,
  encodeMessage,
  encodePayload,
  migrationPayloadMessage,
  otpParametersMessage,
  toBase64,
  type WireField,
} from '../protobuf';
import { SAMPLE_PASSWORD, type Sample } from '../samples';

/** What one import gets: the file and, maybe, a password and the file's name. */
export interface ImportCase {
  data: string | Uint8Array;
  password?: string | undefined;
  fileName?: string | undefined;
}

const IMPORTER_LABELS = new Set(IMPORTERS.map((importer) => importer.label));

/**
 * An `ImportError` the importer threw itself. `importData` turns any other exception of a reader
 * into IMPORT_DAMAGED "This <label> file is damaged or incomplete." with the original as `cause`:
 * that is a safety net for the UI, and here it marks a reader bug.
 */
export function isCleanImportError(error: unknown): boolean {
  if (!(error instanceof ImportError)) return false;
  const wrapped = /^This (.+) file is damaged or incomplete\.$/.exec(error.message);
  return wrapped === null || !IMPORTER_LABELS.has(wrapped[1] ?? '');
}

async function importCase(c: ImportCase): Promise<string> {
  // Without a password no key is derived; with one, allowed-but-costly KDF fields are set back.
  const data = c.password === undefined ? c.data : steerData(c.data);
  const text = unmarkedText(data);
  const result = await withoutLeak(text, () =>
    importData(data, { password: c.password, fileName: c.fileName }),
  );
  checkImportResult(result, 'importData');
  checkResultShowsNoSecret(result, data, text);
  return `${result.format} ${result.accounts.length > 0 ? 'accounts' : 'none'}`;
}

// --- generators -------------------------------------------------------------------------------------

const password = fc.oneof(
  { weight: 3, arbitrary: fc.constant(undefined) },
  { weight: 2, arbitrary: fc.constant(SAMPLE_PASSWORD) },
  { weight: 1, arbitrary: fc.constantFrom('', 'wrong password') },
  { weight: 1, arbitrary: anyText(40) },
);
const fileName = fc.option(
  fc.constantFrom(
    'export.json',
    'otp_accounts.json.aes',
    'backup.bin',
    'raivo-otp-export.zip',
    'x.2fas',
    'list.txt',
  ),
  { nil: undefined },
);

const textCase: fc.Arbitrary<ImportCase> = fc.record({
  data: fc.oneof(anyText(400), tokenText(TEXT_TOKENS, 40)),
  password,
  fileName,
});

const ZIP_HEADER = Uint8Array.from([0x50, 0x4b, 0x03, 0x04]);
const bytes = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
  // A ZIP local header (Raivo's archive) with an encryption flag and a name of any length.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.uint8Array({ minLength: 26, maxLength: 26 }),
        fc.string({ maxLength: 30 }),
        fc.uint8Array({ maxLength: 64 }),
      )
      .map(([header, name, rest]) =>
        concat([ZIP_HEADER, header, new TextEncoder().encode(`raivo-${name}`), rest]),
      ),
  },
  // andOTP's current layout: a small iteration count, then salt, nonce and ciphertext.
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.uint8Array({ minLength: 16, maxLength: 200 }))
      .map(([iterations, rest]) => concat([Uint8Array.of(0, 0, iterations >> 8, iterations & 0xff), rest])),
  },
  // Text in UTF-16 or with a BOM: not what any format writes, but what an editor may save.
  {
    weight: 1,
    arbitrary: anyText(100).map((t) =>
      concat([Uint8Array.of(0xef, 0xbb, 0xbf, 0xff, 0xfe), new TextEncoder().encode(t)]),
    ),
  },
);
const bytesCase: fc.Arbitrary<ImportCase> = fc.record({ data: bytes, password, fileName });

/** Keys each JSON format looks for, so random objects reach past the detectors. */
const FORMAT_KEYS = [
  'version',
  'header',
  'slots',
  'params',
  'db',
  'entries',
  'services',
  'servicesEncrypted',
  'schemaVersion',
  'reference',
  'encrypted',
  'passwordProtected',
  'items',
  'data',
  'salt',
  'kdfType',
  'kdfIterations',
  'encKeyValidation_DO_NOT_EDIT',
  'tokens',
  'tokenOrder',
  'content',
  'key',
  'UserSettings',
];
const ENTRY_KEYS = [
  'type',
  'kind',
  'secret',
  'issuer',
  'name',
  'label',
  'account',
  'info',
  'otp',
  'login',
  'totp',
  'digits',
  'period',
  'timer',
  'counter',
  'algorithm',
  'algo',
  'tokenType',
  'dataType',
  'keyId',
  'index',
  'uri',
  'entry_type',
  'iconType',
  'issuerExt',
  'encrypted',
];
const entryObject = fc.dictionary(fc.constantFrom(...ENTRY_KEYS), jsonReplacement, { maxKeys: 8 });
const shapedValue = fc.oneof(
  jsonReplacement,
  fc.array(entryObject, { maxLength: 4 }),
  entryObject,
  fc.dictionary(fc.string({ maxLength: 6 }), entryObject, { maxKeys: 3 }),
);
const shapedJson = fc.oneof(
  fc.dictionary(fc.constantFrom(...FORMAT_KEYS), shapedValue, { maxKeys: 6 }),
  fc.array(entryObject, { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), entryObject, { maxKeys: 4 }),
);
const jsonCase: fc.Arbitrary<ImportCase> = fc.record({
  data: fc
    .tuple(fc.oneof(fc.jsonValue({ maxDepth: 4 }), shapedJson), fc.boolean())
    .map(([json, pretty]) => (pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json)) ?? 'null'),
  password,
  fileName,
});

/** Edits to one seed: structure first (JSON seeds), then text or bytes, then how it is handed over. */
interface SampleEdits {
  index: number;
  json: Parameters<typeof applyJsonEdits>[1];
  text: Parameters<typeof applyTextEdits>[1];
  /** Edits of a text seed (an otpauth list, a CSV, a migration link), which has no JSON structure. */
  seedText: Parameters<typeof applyTextEdits>[1];
  bytes: Parameters<typeof applyByteEdits>[1];
  pretty: boolean;
  asBytes: boolean;
  password: number;
  otherPassword: string;
  fileName: number;
}

const sampleEdits: fc.Arbitrary<SampleEdits> = fc.record({
  index: fc.nat(),
  json: fc.array(jsonEdit, { maxLength: 4 }),
  text: fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(textEdit, { minLength: 1, maxLength: 3 }) },
  ),
  seedText: fc.array(textEdit, { maxLength: 4 }),
  bytes: fc.array(byteEdit, { maxLength: 3 }),
  pretty: fc.boolean(),
  asBytes: fc.boolean(),
  password: fc.nat({ max: 9 }),
  otherPassword: anyText(30),
  fileName: fc.nat({ max: 3 }),
});

/** A seed with its edits applied: mostly opened with its own password, so mutations reach the content. */
function editedSample(sample: Sample, e: SampleEdits): ImportCase {
  let data: string | Uint8Array;
  if (sample.json !== undefined) {
    const json = applyJsonEdits(sample.json, e.json);
    data = applyTextEdits(
      (e.pretty ? JSON.stringify(json, null, 2) : JSON.stringify(json)) ?? 'null',
      e.text,
    );
  } else if (typeof sample.data === 'string') {
    data = applyTextEdits(sample.data, e.seedText);
    if (e.seedText.length === 0 && e.bytes.length > 0)
      data = applyByteEdits(new TextEncoder().encode(data), e.bytes);
  } else {
    data = applyByteEdits(sample.data, e.bytes);
  }
  if (e.asBytes && typeof data === 'string') data = new TextEncoder().encode(data);
  const passwords = [
    sample.password,
    sample.password,
    sample.password,
    sample.password,
    sample.password,
    sample.password,
    undefined,
    'wrong password',
    e.otherPassword,
    '',
  ];
  const names = [sample.fileName, sample.fileName, undefined, 'raivo-export.zip'];
  return { data, password: passwords[e.password], fileName: names[e.fileName] };
}

function sampleCase(list: readonly Sample[]): fc.Arbitrary<ImportCase> {
  return sampleEdits.map((e) => editedSample(list[e.index % list.length] as Sample, e));
}

// --- Google migration links -------------------------------------------------------------------------

const anyNumber = fc.oneof(
  fc.integer({ min: -3, max: 10 }),
  fc.integer(),
  fc.constantFrom(1000, 1001, 2 ** 31 - 1, -(2 ** 31)),
);
/** A MigrationPayload of entries with arbitrary values, encoded correctly. */
const arbitraryPayload = fc
  .record({
    entries: fc.array(
      fc.record({
        secret: fc.oneof(
          fc.uint8Array({ maxLength: 40 }),
          fc.uint8Array({ minLength: 1020, maxLength: 1030 }),
        ),
        name: anyText(30),
        issuer: anyText(20),
        algorithm: anyNumber,
        digits: anyNumber,
        type: anyNumber,
        counter: fc.oneof(
          fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }),
          fc.constantFrom(0n, 2n ** 53n, 2n ** 53n + 1n),
        ),
      }),
      { maxLength: 4 },
    ),
    batch: fc.record({ size: anyNumber, index: anyNumber, id: anyNumber }),
  })
  .map(({ entries, batch }) => encodePayload(entries, batch));

const payloadBytes = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  { weight: 3, arbitrary: migrationPayloadMessage },
  { weight: 3, arbitrary: arbitraryPayload },
  {
    weight: 2,
    arbitrary: fc
      .tuple(arbitraryPayload, fc.array(byteEdit, { minLength: 1, maxLength: 3 }))
      .map(([p, e]) => applyByteEdits(p, e)),
  },
);

const migrationLine = fc
  .record({
    payload: payloadBytes,
    encoding: fc.constantFrom('standard', 'url-safe', 'unpadded', 'raw'),
    shape: fc.constantFrom(
      'plain',
      'extra-before',
      'extra-after',
      'fragment',
      'upper',
      'no-data',
      'empty-data',
      'host',
    ),
    edits: fc.oneof(
      { weight: 4, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.array(textEdit, { maxLength: 2 }) },
    ),
  })
  .map(({ payload, encoding, shape, edits }) => {
    const standard = toBase64(payload);
    const base64 =
      encoding === 'url-safe'
        ? standard.replace(/\+/g, '-').replace(/\//g, '_')
        : encoding === 'unpadded'
          ? standard.replace(/=+$/, '')
          : standard;
    const data = encoding === 'raw' ? base64 : encodeURIComponent(base64);
    const line = {
      plain: `otpauth-migration://offline?data=${data}`,
      'extra-before': `otpauth-migration://offline?v=1&data=${data}`,
      'extra-after': `otpauth-migration://offline/?data=${data}&x=%zz`,
      fragment: `otpauth-migration://offline?data=${data}#part`,
      upper: `OTPAUTH-MIGRATION://OFFLINE?DATA=${data}`,
      'no-data': 'otpauth-migration://offline?other=1',
      'empty-data': 'otpauth-migration://offline?data=',
      host: `otpauth-migration://online?data=${data}`,
    }[shape];
    return applyTextEdits(line, edits);
  });

const migrationCase: fc.Arbitrary<ImportCase> = fc
  .record({
    lines: fc.array(migrationLine, { minLength: 1, maxLength: 3 }),
    comment: fc.boolean(),
    separator: fc.constantFrom('\n', '\r\n', '\r', '\n\n  '),
  })
  .map(({ lines, comment, separator }) => ({
    data: [...(comment ? ['# Google Authenticator export'] : []), ...lines].join(separator),
  }));

// --- targets ----------------------------------------------------------------------------------------

function importDataTarget(name: string, arbitrary: fc.Arbitrary<ImportCase>, ciRuns: number): FuzzTarget {
  return target<ImportCase>({ name, arbitrary, ciRuns, accept: isCleanImportError, run: importCase });
}

/**
 * One importer's `read` called directly, on its own seeds mostly (so its detector says yes), on other
 * formats' seeds and on random input; `detect` and `needsPassword` must answer a boolean for all.
 */
function readTarget(
  importer: Importer,
  own: readonly Sample[],
  all: readonly Sample[],
  ciRuns: number,
): FuzzTarget {
  const arbitrary = fc.oneof(
    { weight: 6, arbitrary: own.length > 0 ? sampleCase(own) : jsonCase },
    { weight: 1, arbitrary: sampleCase(all) },
    { weight: 1, arbitrary: fc.oneof(jsonCase, textCase, bytesCase) },
  );
  return target<ImportCase>({
    name: `import.read.${importer.format}`,
    arbitrary,
    ciRuns,
    accept: (error) => error instanceof ImportError,
    async run(c) {
      const data = c.password === undefined ? c.data : steerData(c.data);
      const input = toImportInput(data, c.fileName);
      const detected = importer.detect(input);
      check(typeof detected === 'boolean', 'detect did not answer a boolean');
      check(typeof importer.needsPassword(input) === 'boolean', 'needsPassword did not answer a boolean');
      const text = unmarkedText(data);
      const result = await withoutLeak(text, () =>
        importer.read(input, c.password === '' ? undefined : c.password),
      );
      checkImportResult(result, `${importer.format} read`);
      checkResultShowsNoSecret(result, data, text);
      return `${detected ? 'detected' : 'not detected'}, ${result.accounts.length > 0 ? 'accounts' : 'none'}`;
    },
  });
}

// --- CSV --------------------------------------------------------------------------------------------

const CSV_TOKENS = ['"', '""', ',', '\r\n', '\n', '\r', 'a', ' ', 'login_totp', '\uFEFF', '"a,b"', '"\n"'];
const csvRecords = fc.array(fc.array(anyText(12), { minLength: 1, maxLength: 5 }), { maxLength: 6 });

type CsvInput =
  | { kind: 'text'; text: string }
  | { kind: 'records'; records: string[][]; lineBreak: string; quoteAll: boolean };

/**
 * RFC 4180 writing: a field is quoted when it must be (or always), a quote inside doubled; one kind
 * of line break per file (a CR ending one record and an LF ending an empty next one would be CRLF).
 */
function writeCsv(records: readonly string[][], lineBreak: string, quoteAll: boolean): string {
  const field = (f: string) => (quoteAll || /[",\r\n]/.test(f) ? `"${f.replace(/"/g, '""')}"` : f);
  return records.map((r) => r.map(field).join(',') + lineBreak).join('');
}

const csvTarget = target<CsvInput>({
  name: 'import.parseCsv',
  arbitrary: fc.oneof(
    fc.record({
      kind: fc.constant('text' as const),
      text: fc.oneof(anyText(300), tokenText(CSV_TOKENS, 40)),
    }),
    fc.record({
      kind: fc.constant('records' as const),
      records: csvRecords,
      lineBreak: fc.constantFrom('\r\n', '\n', '\r'),
      quoteAll: fc.boolean(),
    }),
  ),
  ciRuns: 3000,
  accept: (error) => error instanceof CsvSyntaxError,
  run(input) {
    if (input.kind === 'text') {
      const records = parseCsv(input.text);
      check(
        records.every((r) => r.length > 0 && r.every((f) => typeof f === 'string')),
        'parseCsv gave an empty record or a field that is not a string',
      );
      return 'parsed';
    }
    // A BOM-less first field starting with U+FEFF would be taken for a BOM: not what a writer emits.
    const records = input.records.map((r, i) =>
      i === 0 ? r.map((f, j) => (j === 0 ? f.replace(/^\uFEFF/, '') : f)) : r,
    );
    const text = writeCsv(records, input.lineBreak, input.quoteAll);
    let back: string[][];
    try {
      back = parseCsv(text);
    } catch (error) {
      throw new ContractBreak(`parseCsv refused RFC 4180 text it should read (${String(error)})`);
    }
    check(
      JSON.stringify(back) === JSON.stringify(records),
      'parseCsv(write(records)) differs from the records',
    );
    return 'round trip';
  },
});

// --- protobuf ---------------------------------------------------------------------------------------

const wireField: fc.Arbitrary<WireField> = fc.oneof(
  fc.record({
    number: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant(0 as const),
    value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  }),
  fc.record({
    number: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant(2 as const),
    value: fc.uint8Array({ maxLength: 30 }),
  }),
  fc.record({
    number: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant(1 as const),
    value: fc.uint8Array({ minLength: 8, maxLength: 8 }),
  }),
  fc.record({
    number: fc.integer({ min: 1, max: 2 ** 29 - 1 }),
    wireType: fc.constant(5 as const),
    value: fc.uint8Array({ minLength: 4, maxLength: 4 }),
  }),
);

type ProtobufInput = { kind: 'bytes'; bytes: Uint8Array } | { kind: 'fields'; fields: WireField[] };

const protobufTarget = target<ProtobufInput>({
  name: 'import.protobufReader',
  arbitrary: fc.oneof(
    fc.record({
      kind: fc.constant('bytes' as const),
      bytes: fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        otpParametersMessage,
        migrationPayloadMessage,
        fc
          .tuple(migrationPayloadMessage, fc.array(byteEdit, { minLength: 1, maxLength: 3 }))
          .map(([b, e]) => applyByteEdits(b, e)),
      ),
    }),
    fc.record({ kind: fc.constant('fields' as const), fields: fc.array(wireField, { maxLength: 8 }) }),
  ),
  ciRuns: 3000,
  accept: (error) => error instanceof ProtobufError,
  run(input) {
    const bytes = input.kind === 'bytes' ? input.bytes : encodeMessage(input.fields);
    let fields: ReturnType<typeof readMessage>;
    try {
      fields = readMessage(bytes);
    } catch (error) {
      if (input.kind === 'fields')
        throw new ContractBreak(`readMessage refused a well-formed message (${String(error)})`);
      throw error;
    }
    for (const field of fields) {
      check(
        Number.isInteger(field.number) && field.number >= 1 && field.number < 2 ** 29,
        'impossible field number',
      );
      if (field.wireType === WireType.varint) {
        check(field.value >= 0n && field.value < 2n ** 64n, 'a varint outside 64 bits');
        check(Number.isInteger(toInt32(field.value)), 'toInt32 gave a non-integer');
        const wide = toInt64(field.value);
        check(wide >= -(2n ** 63n) && wide < 2n ** 63n, 'toInt64 outside int64');
      } else {
        const size = { [WireType.fixed64]: 8, [WireType.fixed32]: 4 }[field.wireType as 1 | 5];
        if (size !== undefined) check(field.value.length === size, 'a fixed field of the wrong size');
      }
      // The typed accessors reject the wrong wire type with ProtobufError, never anything else.
      for (const read of [varintOf, bytesOf, stringOf]) {
        try {
          read(field);
        } catch (error) {
          if (!(error instanceof ProtobufError)) throw error;
        }
      }
    }
    if (input.kind === 'fields') {
      const same =
        fields.length === input.fields.length &&
        fields.every((f, i) => {
          const g = input.fields[i] as WireField;
          if (f.number !== g.number || f.wireType !== g.wireType) return false;
          return typeof f.value === 'bigint'
            ? f.value === g.value
            : toBase64(f.value) === toBase64(g.value as Uint8Array);
        });
      check(same, 'readMessage(encode(fields)) differs from the fields');
    }
  },
});

// --- multi-code Google exports ----------------------------------------------------------------------

const DRAFTS: AccountDraft[] = [
  {
    kind: 'totp',
    secret: 'GEZDGNBV',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    issuer: 'A',
    label: 'a',
  },
  {
    kind: 'hotp',
    secret: 'MFRGGZDF',
    algorithm: 'SHA256',
    digits: 8,
    period: 30,
    counter: 4,
    issuer: 'B',
    label: 'b',
  },
];
const batchNumber = fc.oneof(
  fc.integer({ min: -2, max: 6 }),
  fc.integer(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0.5, 1000, 1001, 2 ** 31),
);
const partSpec = fc.record({
  accounts: fc.nat({ max: 2 }),
  skipped: fc.nat({ max: 2 }),
  batch: fc.option(
    fc.record({
      id: fc.oneof(fc.integer({ min: 0, max: 2 }), batchNumber),
      index: batchNumber,
      size: batchNumber,
    }),
    { nil: undefined },
  ),
  repeat: fc.option(fc.nat(), { nil: undefined }),
});

type PartSpec = typeof partSpec extends fc.Arbitrary<infer P> ? P : never;

const migrationBatchesTarget = target<PartSpec[]>({
  name: 'import.migrationBatches',
  arbitrary: fc.array(partSpec, { maxLength: 8 }),
  ciRuns: 3000,
  accept: (error) => error instanceof MigrationBatchError,
  run(specs) {
    const collector = new MigrationBatchCollector();
    const parts: MigrationPart[] = [];
    let added = 0;
    let addedAccounts = 0;
    for (const spec of specs) {
      const part: MigrationPart =
        spec.repeat !== undefined && parts.length > 0
          ? structuredClone(parts[spec.repeat % parts.length] as MigrationPart)
          : {
              accounts: DRAFTS.slice(0, spec.accounts).map((draft) => ({ draft })),
              skipped: Array.from({ length: spec.skipped }, (_, i) => ({ name: `n${i}`, reason: 'r' })),
              batch: spec.batch,
            };
      parts.push(part);
      try {
        const outcome = collector.add(part);
        check(outcome === 'added' || outcome === 'duplicate', `add answered ${String(outcome)}`);
        if (outcome === 'added') {
          added += 1;
          addedAccounts += part.accounts.length;
        }
      } catch (error) {
        if (!(error instanceof MigrationBatchError)) throw error;
      }
    }
    check(collector.count === added, `count ${collector.count} but ${added} codes were added`);
    for (const p of collector.progress()) {
      const all = [...p.read, ...p.missing].sort((a, b) => a - b);
      check(
        all.length === p.size && all.every((v, i) => v === i),
        'progress: read and missing do not cover the batch exactly',
      );
      check(p.complete === (p.missing.length === 0), 'progress: complete disagrees with missing');
    }
    check(typeof collector.describe() === 'string', 'describe did not give a text');
    const first = collector.firstIncomplete();
    if (first !== undefined)
      check(first.index >= 0 && first.index < first.size, 'firstIncomplete outside its batch');
    check(collector.merged().accounts.length === addedAccounts, 'merged() lost or repeated accounts');
  },
});

/** Every import target; the samples are built (and checked) before. */
export function importTargets(all: readonly Sample[]): FuzzTarget[] {
  const bySampleFormat = (format: string) =>
    all.filter((s) => s.format === format || (format === 'otpauth-list' && s.format === 'ente'));
  return [
    importDataTarget('import.importData.text', textCase, 2000),
    importDataTarget('import.importData.bytes', bytesCase, 2000),
    importDataTarget('import.importData.json', jsonCase, 2000),
    importDataTarget('import.importData.samples', sampleCase(all), 2000),
    importDataTarget('import.importData.migration', migrationCase, 2000),
    ...IMPORTERS.map((importer) => readTarget(importer, bySampleFormat(importer.format), all, 2000)),
    csvTarget,
    protobufTarget,
    migrationBatchesTarget,
  ];
}
