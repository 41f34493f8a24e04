import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '@/lib/transfer/import/csv';

/** RFC 4180 writer for the round-trip property: quotes what must be quoted, and sometimes more. */
function writeCsv(records: string[][], eol: string, quoteAll: boolean): string {
  const field = (value: string): string =>
    quoteAll || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  return records.map((record) => record.map(field).join(',')).join(eol) + eol;
}

describe('parseCsv (RFC 4180)', () => {
  it('splits fields at commas and records at CRLF, LF or CR', () => {
    expect(parseCsv('a,b,c\r\nd,e,f\ng,h,i\rj,k,l')).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
      ['g', 'h', 'i'],
      ['j', 'k', 'l'],
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks inside', () => {
    expect(parseCsv('"a,b","say ""hi""","line1\r\nline2\nline3"\r\nx,"",y')).toEqual([
      ['a,b', 'say "hi"', 'line1\r\nline2\nline3'],
      ['x', '', 'y'],
    ]);
  });

  it('keeps empty fields, trailing commas and spaces', () => {
    expect(parseCsv(',,\n a , b ,\n')).toEqual([
      ['', '', ''],
      [' a ', ' b ', ''],
    ]);
    expect(parseCsv('a,')).toEqual([['a', '']]);
  });

  it('adds no record for a final line break, but keeps blank lines in between', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('a\r\n')).toEqual([['a']]);
    expect(parseCsv('a\n\nb')).toEqual([['a'], [''], ['b']]);
    expect(parseCsv('\n')).toEqual([['']]);
  });

  it('drops a byte order mark', () => {
    expect(parseCsv('\uFEFFname,login_totp\n')).toEqual([['name', 'login_totp']]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsv('5" floppy,x')).toEqual([['5" floppy', 'x']]);
  });

  it('rejects a quoted field that is never closed, naming the line it opened on', () => {
    const error = (() => {
      try {
        parseCsv('a,b\n"open,\nstill open');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CsvSyntaxError);
    expect((error as CsvSyntaxError).line).toBe(2);
    expect((error as CsvSyntaxError).message).toMatch(/closing double quote.*line 2/);
  });

  it('rejects text right after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('x\n"a" ,c')).toThrow(/line 2.*got ' '/);
  });

  it('round-trips anything an RFC 4180 writer produces', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', 'é', '😀'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('\r\n', '\n'),
        fc.boolean(),
        (records, eol, quoteAll) => {
          // A record of one empty field is written as an empty line; that must read back as [''].
          expect(parseCsv(writeCsv(records, eol, quoteAll))).toEqual(records);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('either parses or throws CsvSyntaxError for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' '), maxLength: 40 }),
        (input) => {
          try {
            const records = parseCsv(input);
            expect(Array.isArray(records)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(CsvSyntaxError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
