/**
 * The rest of what reads outside input: the popup's search and the sites field (lib/ui), picture
 * files' headers and QR pixels (lib/qr), and the import page's entry for QR texts and files
 * (lib/transfer/sources.ts).
 */
import fc from 'fast-check';
import { decodeQr, QrImageError } from '../../../lib/qr/decode';
import { declaredSize, sniffImageType } from '../../../lib/qr/image-file';
import { fromData, fromQrText } from '../../../lib/transfer/sources';
import { matchesSearch } from '../../../lib/ui/search';
import { originPatterns } from '../../../lib/ui/sites';
import { anyText, tokenText, uriLikeText } from '../arbitraries';
import { check, type FuzzTarget, target } from '../contract';
import { steerData } from '../kdf-cost';
import { applyByteEdits, byteEdit } from '../mutate';
import { concat } from '../protobuf';

const never = () => false;

const searchTarget = target<{ fields: Array<string | undefined>; query: string }>({
  name: 'ui.matchesSearch',
  arbitrary: fc.record({
    fields: fc.array(fc.option(anyText(40), { nil: undefined }), { maxLength: 4 }),
    query: fc.oneof(anyText(30), fc.constantFrom('', ' ', 'é', 'e\u0301', 'ß', 'İ', 'ﬁ')),
  }),
  ciRuns: 2000,
  accept: never,
  run({ fields, query }) {
    check(typeof matchesSearch(fields, query) === 'boolean', 'matchesSearch did not answer a boolean');
    check(matchesSearch(fields, ' \t'), 'a blank query hides a row');
    for (const field of fields)
      if (field !== undefined) check(matchesSearch([field], field), 'a row does not match its own text');
  },
});

const PATTERN = /^https:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+\/\*$/;

const sitesTarget = target<string>({
  name: 'ui.originPatterns',
  arbitrary: fc.oneof(
    anyText(120),
    fc
      .array(
        fc.oneof(
          fc.domain(),
          fc.webUrl(),
          fc.domain().map((d) => `*.${d}`),
          fc.domain().map((d) => `domain:${d}`),
          anyText(20),
        ),
        { maxLength: 5 },
      )
      .map((l) => l.join(', ')),
    tokenText([',', ' ', '*.', 'host:', 'domain:', 'https://', 'example', '.com', ':8443', '/path'], 16),
  ),
  ciRuns: 2000,
  accept: never,
  run(text) {
    for (const pattern of originPatterns(text))
      check(PATTERN.test(pattern), 'a host permission pattern of the wrong shape');
  },
});

const SIGNATURES = [
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0xff, 0xd8, 0xff],
  [0x47, 0x49, 0x46, 0x38, 0x39, 0x61],
  [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x4c],
  [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58],
  [0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x20],
  [0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 40, 0],
  [0x42, 0x4d, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 12, 0],
];

/** JPEG segments: markers with lengths, fill bytes, SOF frames, a scan before any frame. */
const jpegSegments = fc
  .array(
    fc.tuple(
      fc.constantFrom(0xe0, 0xe1, 0xc0, 0xc2, 0xc4, 0xc8, 0xcc, 0xda, 0xff, 0xfe),
      fc.uint8Array({ maxLength: 12 }),
    ),
    { maxLength: 6 },
  )
  .map((segments) =>
    concat([
      Uint8Array.of(0xff, 0xd8),
      ...segments.map(([marker, body]) => concat([Uint8Array.of(0xff, marker, 0, body.length + 2), body])),
    ]),
  );

const imageBytes = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(fc.constantFrom(...SIGNATURES), fc.uint8Array({ maxLength: 40 }))
    .map(([s, rest]) => concat([Uint8Array.from(s), rest])),
  jpegSegments,
  fc.tuple(jpegSegments, fc.array(byteEdit, { maxLength: 3 })).map(([b, e]) => applyByteEdits(b, e)),
);

const imageFileTarget = target<Uint8Array>({
  name: 'qr.imageFileHeader',
  arbitrary: imageBytes,
  ciRuns: 3000,
  accept: never,
  run(bytes) {
    const type = sniffImageType(bytes);
    if (type === null) return;
    const size = declaredSize(bytes, type);
    if (size === null) return;
    check(
      Number.isInteger(size.width) && Number.isInteger(size.height) && size.width >= 0 && size.height >= 0,
      'a declared size that is not two whole numbers ≥ 0',
    );
  },
});

interface Picture {
  width: number;
  height: number;
  kind: 'noise' | 'blocks' | 'flat';
  bytes: Uint8Array;
}

const picture: fc.Arbitrary<Picture> = fc.record({
  width: fc.integer({ min: 1, max: 48 }),
  height: fc.integer({ min: 1, max: 48 }),
  kind: fc.constantFrom('noise' as const, 'blocks' as const, 'flat' as const),
  bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
});

/** RGBA pixels: per-pixel noise, 4-pixel blocks (finder-like edges) or one colour. */
function pixels({ width, height, kind, bytes }: Picture): Uint8ClampedArray {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const pick =
        kind === 'noise'
          ? bytes[i % bytes.length]
          : kind === 'blocks'
            ? bytes[((y >> 2) * 13 + (x >> 2)) % bytes.length]
            : bytes[0];
      const grey = kind === 'blocks' ? ((pick ?? 0) & 1 ? 0 : 255) : (pick ?? 0);
      data.set([grey, grey, grey, 255], i * 4);
    }
  }
  return data;
}

const decodeTarget = target<Picture>({
  name: 'qr.decodeQr',
  arbitrary: picture,
  ciRuns: 300,
  accept: (error) => error instanceof QrImageError,
  run(p) {
    const text = decodeQr({ data: pixels(p), width: p.width, height: p.height });
    check(text === null || typeof text === 'string', 'decodeQr answered neither text nor null');
    return text === null ? 'null' : 'text';
  },
});

const sourceText = fc.oneof(
  uriLikeText,
  fc.constantFrom(
    'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjr4JP7Bw%3D%3D',
  ),
  anyText(200),
);

const sourcesTarget = target<{ text: string; asFile: boolean; password: string | undefined }>({
  name: 'transfer.sources',
  arbitrary: fc.record({
    text: sourceText,
    asFile: fc.boolean(),
    password: fc.option(anyText(20), { nil: undefined }),
  }),
  ciRuns: 1500,
  // fromQrText and fromData answer an outcome for everything: a problem, a password to ask, a backup.
  accept: never,
  async run({ text, asFile, password }) {
    const outcome = asFile
      ? await fromData(steerData(new TextEncoder().encode(text)), 'fuzz.txt', password)
      : await fromQrText(text, 'QR code');
    check(
      ['import', 'backup', 'needs-password', 'problem'].includes(outcome.kind),
      `unknown outcome ${outcome.kind}`,
    );
    if (outcome.kind === 'problem' || outcome.kind === 'needs-password')
      check(outcome.message !== '', 'a problem without a message');
    return outcome.kind;
  },
});

export const miscTargets: FuzzTarget[] = [
  searchTarget,
  sitesTarget,
  imageFileTarget,
  decodeTarget,
  sourcesTarget,
];
