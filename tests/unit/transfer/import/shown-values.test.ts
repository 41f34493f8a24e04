/**
 * Skip reasons quote a type field only when it is a short token. Raivo, FreeOTP+, Proton and Aegis
 * used to echo the whole field (`JSON.stringify(kind)`, or 24 characters of it), so a damaged or
 * edited file whose type field holds a key URI or an entry showed its secret in the preview. Built
 * from the shape the fuzz contract (tests/fuzz/areas/import.ts) flags: a `kind` holding
 * `otpauth://…?secret=<secret>`, and a `kind` holding an object with a `secret` field.
 */
import { describe, expect, it } from 'vitest';
import { shownValue } from '../../../../lib/transfer/import/fields';
import { aegisImporter } from '../../../../lib/transfer/import/formats/aegis';
import { freeOtpPlusImporter } from '../../../../lib/transfer/import/formats/freeotp-plus';
import { protonImporter } from '../../../../lib/transfer/import/formats/proton';
import { raivoImporter } from '../../../../lib/transfer/import/formats/raivo';
import type { Importer } from '../../../../lib/transfer/import/index';
import { inputOf } from './helpers';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const HOSTILE_TYPES: [string, unknown][] = [
  ['a key URI', `otpauth://totp/x?secret=${SECRET}`],
  ['the bare secret', SECRET],
  ['an object with the secret', { secret: SECRET }],
  ['a list holding the secret', [SECRET]],
];

async function reasons(importer: Importer, data: unknown): Promise<string[]> {
  const result = await importer.read(inputOf(JSON.stringify(data)));
  return result.skipped.map((s) => s.reason);
}

/** One file per importer whose one entry has `type` in the importer's type field. */
const FILES: [string, Importer, (type: unknown) => unknown][] = [
  [
    'Raivo kind',
    raivoImporter,
    (kind) => [{ kind, issuer: 'GitHub', account: 'alice', secret: SECRET, timer: '30', iconType: '' }],
  ],
  [
    'FreeOTP+ type',
    freeOtpPlusImporter,
    (type) => ({
      tokenOrder: ['a'],
      tokens: [{ type, issuerExt: 'GitHub', label: 'alice', secret: [1, 2] }],
    }),
  ],
  [
    'Proton entry_type',
    protonImporter,
    (entryType) => ({
      version: 1,
      entries: [
        { id: 'e', content: { uri: `otpauth://totp/a?secret=${SECRET}`, entry_type: entryType, name: 'A' } },
      ],
    }),
  ],
  [
    'Aegis type',
    aegisImporter,
    (type) => ({
      version: 1,
      header: { slots: null, params: null },
      db: {
        version: 3,
        entries: [{ type, uuid: 'u', name: 'alice', issuer: 'GitHub', info: { secret: SECRET } }],
      },
    }),
  ],
];

describe('a type field is shown only when it is a short token', () => {
  for (const [what, importer, file] of FILES) {
    for (const [shape, type] of HOSTILE_TYPES) {
      it(`${what} holding ${shape}: the reason describes it without its text`, async () => {
        const [reason, ...rest] = await reasons(importer, file(type));
        expect(rest).toEqual([]);
        expect(reason).toMatch(/not supported|expected an entry of type/);
        // No run of the secret survives, not even a short one (the fuzz contract counts 12 characters).
        expect(reason?.toUpperCase()).not.toContain(SECRET.slice(0, 8));
        expect(reason).not.toContain('otpauth');
      });
    }
  }

  it('still quotes the short tokens users recognise', async () => {
    expect(await reasons(raivoImporter, FILES[0]?.[2]('MOTP'))).toEqual([
      'Raivo kind "MOTP" is not supported; expected TOTP or HOTP',
    ]);
    expect(shownValue('yandex')).toBe('"yandex"');
    expect(shownValue('battle', "'")).toBe("'battle'");
    expect(shownValue(`otpauth://totp/x?secret=${SECRET}`)).toBe('a 56-character text');
    expect(shownValue('GEZDGNBVGY3')).toBe('a 11-character text');
    expect(shownValue({ secret: SECRET })).toBe('an object');
    expect(shownValue(7)).toBe('7');
    expect(shownValue(undefined)).toBe('nothing');
  });
});
