import { describe, expect, it } from 'vitest';
import {
  CsvExportError,
  type CsvExportErrorCode,
  IMAP_CSV_HEADER,
  type ImapMigrationRow,
  imapMigrationCsv,
  MAX_IMAP_ROWS,
} from '../../../lib/transfer/export/imap-csv';

const row = (password: string, overrides: Partial<ImapMigrationRow> = {}): ImapMigrationRow => ({
  emailAddress: 'pat@contoso.example',
  userName: 'pat.smith@gmail.example',
  password,
  ...overrides,
});

/** The data line for one row, without the header or the final CRLF. */
const line = (r: ImapMigrationRow) => imapMigrationCsv([r]).split('\r\n')[1];

describe('imapMigrationCsv', () => {
  it('writes the example of microsoft-pages.md §7.1 with CRLF and no BOM', () => {
    const csv = imapMigrationCsv([
      row('abcdwxyzefghmnop'),
      {
        emailAddress: 'lee@contoso.example',
        userName: 'lee.jones@icloud.example',
        password: 'qrst-uvwx-abcd-efgh',
      },
    ]);
    expect(csv).toBe(
      'EmailAddress,UserName,Password\r\n' +
        'pat@contoso.example,pat.smith@gmail.example,abcdwxyzefghmnop\r\n' +
        'lee@contoso.example,lee.jones@icloud.example,qrst-uvwx-abcd-efgh\r\n',
    );
    expect(csv.startsWith(IMAP_CSV_HEADER)).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  });

  it.each([
    ['comma', 'ab,cd', '"ab,cd"'],
    ['double quote', 'ab"cd', '"ab""cd"'],
    ['only quotes', '""', '""""""'],
    ['LF', 'ab\ncd', '"ab\ncd"'],
    ['CR', 'ab\rcd', '"ab\rcd"'],
    ['CRLF', 'ab\r\ncd', '"ab\r\ncd"'],
    ['formula =', '=HYPERLINK("x")', '"=HYPERLINK(""x"")"'],
    ['formula +', '+1', '"+1"'],
    ['formula -', '-qrst-uvwx', '"-qrst-uvwx"'],
    ['formula @', '@SUM(1)', '"@SUM(1)"'],
    ['leading tab', '\tx', '"\tx"'],
    ['hyphens inside only (Apple): unquoted', 'qrst-uvwx-abcd-efgh', 'qrst-uvwx-abcd-efgh'],
    ['spaces kept, unquoted', ' ab cd ', ' ab cd '],
    ['non-ASCII, unquoted', 'pässwörd', 'pässwörd'],
  ])('quotes the password per RFC 4180 / formula rule: %s', (_, password, expected) => {
    expect(imapMigrationCsv([row(password)])).toBe(
      `${IMAP_CSV_HEADER}\r\npat@contoso.example,pat.smith@gmail.example,${expected}\r\n`,
    );
  });

  it('quotes a user name with a comma or formula prefix, and keeps domain\\user as is', () => {
    expect(line(row('p', { userName: 'Smith, Pat' }))).toBe('pat@contoso.example,"Smith, Pat",p');
    expect(line(row('p', { userName: '-pat' }))).toBe('pat@contoso.example,"-pat",p');
    expect(line(row('p', { userName: 'CONTOSO\\pat' }))).toBe('pat@contoso.example,CONTOSO\\pat,p');
  });

  it('trims the address and user name but never the password', () => {
    expect(
      line(row(' pw ', { emailAddress: '  pat@contoso.example ', userName: '\tpat@gmail.example\n' })),
    ).toBe('pat@contoso.example,pat@gmail.example, pw ');
  });

  it('accepts exactly 50,000 rows (the Exchange batch limit)', () => {
    const rows = Array.from({ length: MAX_IMAP_ROWS }, (_, i) =>
      row(`pw${i}`, { emailAddress: `u${i}@contoso.example` }),
    );
    const csv = imapMigrationCsv(rows);
    expect(csv.split('\r\n')).toHaveLength(MAX_IMAP_ROWS + 2); // header + rows + '' after the final CRLF
  });

  it.each([
    ['no rows', [], 'no-rows', /at least one/, undefined],
    [
      'too many rows',
      Array.from({ length: MAX_IMAP_ROWS + 1 }, () => row('p')),
      'too-many-rows',
      /50000 rows, got 50001/,
      undefined,
    ],
    [
      'address without @',
      [row('p', { emailAddress: 'pat.contoso.example' })],
      'invalid-email',
      /row 1: EmailAddress.*'pat\.contoso\.example'/,
      1,
    ],
    [
      'address without a dot in the domain',
      [row('p'), row('p', { emailAddress: 'pat@contoso' })],
      'invalid-email',
      /row 2/,
      2,
    ],
    [
      'address with a space',
      [row('p', { emailAddress: 'pat smith@contoso.example' })],
      'invalid-email',
      /row 1/,
      1,
    ],
    [
      'address with a comma',
      [row('p', { emailAddress: 'pat,lee@contoso.example' })],
      'invalid-email',
      /row 1/,
      1,
    ],
    ['two @', [row('p', { emailAddress: 'pat@lee@contoso.example' })], 'invalid-email', /row 1/, 1],
    ['empty address', [row('p', { emailAddress: '  ' })], 'invalid-email', /got nothing/, 1],
    [
      'empty user name',
      [row('p'), row('p'), row('p', { userName: ' ' })],
      'empty-field',
      /row 3 \(pat@contoso\.example\): UserName/,
      3,
    ],
    ['empty password', [row('')], 'empty-field', /row 1 .*Password/, 1],
  ] as [string, ImapMigrationRow[], CsvExportErrorCode, RegExp, number | undefined][])(
    'throws CsvExportError for %s',
    (_, rows, code, message, rowNumber) => {
      let caught: unknown;
      try {
        imapMigrationCsv(rows);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CsvExportError);
      const error = caught as CsvExportError;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.row).toBe(rowNumber);
    },
  );

  it('never puts a password into an error message', () => {
    expect(() => imapMigrationCsv([row('secret-pw', { userName: '' })])).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('secret-pw') }),
    );
  });
});
