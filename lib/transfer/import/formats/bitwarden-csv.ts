/**
 * Bitwarden CSV export (peers.md §4.6): `folder,favorite,type,name,notes,fields,reprompt,login_uri,
 * login_username,login_password,login_totp` (older exports lack `reprompt`). Columns are found by
 * name, so either header works. `login_uri` holds all the item's URIs joined by commas. Rows without
 * `login_totp` are passwords or notes, not accounts, and are passed over silently.
 */
import { CsvSyntaxError, parseCsv } from '../csv';
import { ResultBuilder } from '../entry';
import { ImportError, type Importer, type ImportInput, type ImportResult } from '../types';
import { addLogin } from './bitwarden-items';

/** Only the first line is looked at when detecting; a real header is ~110 characters. */
const MAX_HEADER_CHARS = 4096;

function damaged(message: string, cause?: unknown): ImportError {
  return new ImportError('IMPORT_DAMAGED', message, { format: 'bitwarden-csv', cause });
}

function headerNames(record: readonly string[]): string[] {
  return record.map((name) => name.trim().toLowerCase());
}

function isBitwardenHeader(names: readonly string[]): boolean {
  return names.includes('login_totp') && names.includes('name');
}

/** The first line as CSV fields, or `undefined` when the text does not start like a CSV header. */
function firstLine(text: string): string[] | undefined {
  const end = text.search(/\r|\n/);
  const line = (end === -1 ? text : text.slice(0, end)).slice(0, MAX_HEADER_CHARS);
  try {
    return parseCsv(line)[0];
  } catch {
    return undefined;
  }
}

export const bitwardenCsvImporter: Importer = {
  format: 'bitwarden-csv',
  label: 'Bitwarden (CSV)',
  detect(input: ImportInput): boolean {
    if (input.text === undefined) return false;
    const header = firstLine(input.text);
    return header !== undefined && isBitwardenHeader(headerNames(header));
  },
  needsPassword(): boolean {
    return false;
  },
  async read(input: ImportInput): Promise<ImportResult> {
    if (input.text === undefined) throw damaged('Expected a Bitwarden CSV export (text), got binary data.');
    let records: string[][];
    try {
      records = parseCsv(input.text);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw damaged(`Bitwarden CSV export: ${error.message}.`, error);
      throw error;
    }
    const [header, ...rows] = records;
    const names = header === undefined ? [] : headerNames(header);
    if (!isBitwardenHeader(names)) {
      throw damaged(
        'Expected a Bitwarden CSV header with "name" and "login_totp" columns, got other columns.',
      );
    }
    const column = (name: string): number => names.indexOf(name);
    const at = (row: readonly string[], index: number): string => (index === -1 ? '' : (row[index] ?? ''));
    const nameAt = column('name');
    const uriAt = column('login_uri');
    const usernameAt = column('login_username');
    const totpAt = column('login_totp');

    const builder = new ResultBuilder();
    rows.forEach((row, index) => {
      if (row.every((field) => field.trim() === '')) return;
      if (row.length !== names.length) {
        // Bitwarden writes every column on every row: a short or long row means a cut or edited file.
        throw damaged(
          `Bitwarden CSV export: row ${index + 2} has ${row.length} fields, the header has ${names.length}.`,
        );
      }
      const totp = at(row, totpAt);
      if (totp.trim() === '') return;
      addLogin(builder, {
        name: at(row, nameAt),
        username: at(row, usernameAt),
        totp,
        uris: at(row, uriAt).split(/[,\r\n]/),
      });
    });
    return { format: 'bitwarden-csv', accounts: builder.accounts, skipped: builder.skipped };
  },
};
